import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from rapport.core.realtime import user_group

MAX_MESSAGE_BYTES = 16 * 1024


class SafeJsonConsumer(AsyncJsonWebsocketConsumer):
    """A JSON consumer that answers malformed or oversized messages with an error message
    instead of dropping the connection with a traceback. Every Rapport consumer uses it."""

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data.encode()) > MAX_MESSAGE_BYTES:
            await self.send_error("Messages must be JSON text under 16 KB.")
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_error("That message was not valid JSON.")
            return
        if not isinstance(content, dict):
            await self.send_error("Messages must be JSON objects.")
            return
        await self.receive_json(content, **kwargs)

    async def send_error(self, message: str) -> None:
        await self.send_json({"type": "error", "message": message})


class PersonalConsumer(SafeJsonConsumer):
    """The signed-in person's own socket: unread counts and other events meant for them."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The socket only listens; anything a browser sends is answered, never acted on.
        await self.send_error("This connection is receive-only.")

    async def notifications_unread(self, event):
        await self.send_json({"type": "notifications.unread", "count": event["count"]})

    async def media_status(self, event):
        await self.send_json({"type": "media.status", "id": event["id"], "status": event["status"]})
