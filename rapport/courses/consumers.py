"""A course's socket, ``/ws/c/<slug>/``: one per open course page. Only an active member
of the course is let in (the origin is checked before, in rapport.asgi). A page then
follows what it shows — ``{"type": "follow", "stream": "topic", "id": 12}`` — and hears
``{"type": "changed", ...}`` when it changes, so it fetches what is new instead of asking
every few seconds."""

from channels.db import database_sync_to_async

from rapport.core.consumers import SafeJsonConsumer
from rapport.core.realtime import course_group, stream_group
from rapport.courses.memberships import active_membership
from rapport.courses.models import Course
from rapport.courses.streams import stream_named

# A page follows a handful of things; a socket asking for more is refused past this.
MAX_FOLLOWED = 50


def _membership(slug: str, user):
    course = Course.objects.filter(slug=slug).first()
    membership = None if course is None else active_membership(course=course, user=user)
    if membership is not None:
        membership.course = course  # read in the socket's event loop, so not lazily
    return membership


class CourseConsumer(SafeJsonConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        slug = self.scope["url_route"]["kwargs"]["course_slug"]
        self.membership = await database_sync_to_async(_membership)(slug, user)
        if self.membership is None:
            await self.close(code=4403)
            return
        self.course = self.membership.course
        self.groups_joined = {course_group(self.course.pk)}
        await self.channel_layer.group_add(course_group(self.course.pk), self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind not in ("follow", "unfollow"):
            await self.send_error("Send a follow or unfollow message.")
            return
        stream, object_id = stream_named(content.get("stream")), content.get("id")
        if stream is None or not isinstance(object_id, int) or isinstance(object_id, bool):
            await self.send_error("Name a stream this course has and the id of one of its things.")
            return
        group = stream_group(self.course.pk, stream.name, object_id)
        if kind == "unfollow":
            self.groups_joined.discard(group)
            await self.channel_layer.group_discard(group, self.channel_name)
            return
        if len(self.groups_joined) > MAX_FOLLOWED:
            await self.send_error(f"A page can follow at most {MAX_FOLLOWED} things.")
            return
        may = await database_sync_to_async(stream.may_follow)(
            self.course, self.membership, object_id
        )
        if not may:
            await self.send_error("That isn't there, or isn't yours to follow.")
            return
        self.groups_joined.add(group)
        await self.channel_layer.group_add(group, self.channel_name)
        await self.send_json({"type": "following", "stream": stream.name, "id": object_id})

    async def stream_changed(self, event):
        await self.send_json({"type": "changed", "stream": event["stream"], "id": event["id"]})
