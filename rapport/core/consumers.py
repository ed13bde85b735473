from channels.generic.websocket import AsyncJsonWebsocketConsumer

from rapport.core.realtime import user_group


class PersonalConsumer(AsyncJsonWebsocketConsumer):
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
        await self.send_json({"type": "error", "message": "This connection is receive-only."})

    async def notifications_unread(self, event):
        await self.send_json({"type": "notifications.unread", "count": event["count"]})
