"""A course's socket, ``/ws/c/<slug>/``: one per open course page. Only an active member
of the course is let in (the origin is checked before, in rapport.asgi). A page then
follows what it shows — ``{"type": "follow", "stream": "topic", "id": 12}`` — and hears
``{"type": "changed", ...}`` when it changes, so it fetches what is new instead of asking
every few seconds. A stream that takes actions (a board) is acted on through the socket —
``{"type": "act", "stream": "board", "id": 3, "action": "move", "ref": 7, ...}`` — and
answered with the same ``ref``; its events arrive shaped for the reader, and a stream that
keeps presence tells its followers who is here (see ``rapport.courses.streams``)."""

import json
import logging
from collections import OrderedDict

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async

from rapport.core.consumers import SafeJsonConsumer
from rapport.core.realtime import course_group, member_group, pushes_collected, stream_group
from rapport.core.refusals import Refused
from rapport.courses import presence_here
from rapport.courses.memberships import active_membership
from rapport.courses.models import Course
from rapport.courses.streams import stream_named

logger = logging.getLogger(__name__)

# A page follows a handful of things; a socket asking for more is refused past this.
MAX_FOLLOWED = 50
# The text of the last few events sent, by the shaped object a stream gave (see stream_event).
EVENT_TEXTS_KEPT = 512
_EVENT_TEXTS: OrderedDict[tuple, tuple[dict, str]] = OrderedDict()
# Closed because the person's role or place in the course changed: connect again.
MEMBERSHIP_CHANGED = 4409
# What the channel layer brings that the socket handles without the database. Channels
# would first hop to the database thread to close stale connections, for each message; a
# board's change is one message per follower, and the hundreds of hops queued there held
# up the moves themselves, which run in that thread (see bench/wall_fanout.py).
WITHOUT_DATABASE = frozenset(
    {"membership.changed", "stream.changed", "stream.event", "stream.presence"}
)


def _membership(slug: str, user):
    course = Course.objects.filter(slug=slug).first()
    membership = None if course is None else active_membership(course=course, user=user)
    if membership is not None:
        membership.course = course  # read in the socket's event loop, so not lazily
        membership.user = user
    return membership


def _acted(act, course, membership, object_id: int, message: dict) -> tuple[dict, list]:
    """``act`` in the database thread, its pushes kept for the socket to send from the event
    loop (``core.realtime.pushes_collected``), so the thread is free for the next action."""
    with pushes_collected() as pushes:
        answer = act(course, membership, object_id, message)
    return answer, pushes


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class CourseConsumer(SafeJsonConsumer):
    async def dispatch(self, message):
        if message["type"] in WITHOUT_DATABASE:
            await getattr(self, get_handler_name(message))(message)
        else:
            await super().dispatch(message)

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
        self.own_groups = {
            course_group(self.course.pk),
            member_group(self.course.pk, self.membership.user_id),
        }
        self.groups_joined = set(self.own_groups)
        self.present_in: set[str] = set()
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "present_in", ()):
            await self._tell_presence(group, await presence_here.leave(group, self.channel_name))
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind not in ("follow", "unfollow", "act", "here"):
            await self.send_error("Send a follow, unfollow, act or here message.")
            return
        stream, object_id = stream_named(content.get("stream")), content.get("id")
        if stream is None or not _is_id(object_id):
            await self.send_error("Name a stream this course has and the id of one of its things.")
            return
        group = stream_group(self.course.pk, stream.name, object_id)
        if kind == "follow":
            await self._follow(stream, object_id, group)
        elif kind == "unfollow":
            await self._unfollow(group)
        elif group not in self.groups_joined:
            await self.send_error("Follow it first.")
        elif kind == "here":
            if stream.presence:
                await self._arrive(group)
        else:
            await self._act(stream, object_id, content)

    async def _follow(self, stream, object_id: int, group: str) -> None:
        if len(self.groups_joined - self.own_groups) >= MAX_FOLLOWED:
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
        if stream.presence:
            await self._arrive(group, first=True)

    async def _unfollow(self, group: str) -> None:
        self.groups_joined.discard(group)
        await self.channel_layer.group_discard(group, self.channel_name)
        if group in self.present_in:
            self.present_in.discard(group)
            await self._tell_presence(group, await presence_here.leave(group, self.channel_name))

    async def _arrive(self, group: str, *, first: bool = False) -> None:
        """Note this page here (or renew it): everyone following hears of a change, and a
        page that just followed hears who is here even when nothing changed."""
        user = self.membership.user
        self.present_in.add(group)
        here, changed = await presence_here.arrive(
            group, self.channel_name, user.pk, user.display_name
        )
        if changed:
            await self._tell_presence(group, here)
        elif first:
            await self.stream_presence({"group": group, "people": here})

    async def _tell_presence(self, group: str, people: list[dict]) -> None:
        await self.channel_layer.group_send(
            group, {"type": "stream.presence", "group": group, "people": people}
        )

    async def _act(self, stream, object_id: int, content: dict) -> None:
        ref = content.get("ref")
        if stream.act is None:
            await self.send_json({"type": "error", "ref": ref, "message": "Nothing to do here."})
            return
        pushes = []
        try:
            answer, pushes = await database_sync_to_async(_acted)(
                stream.act, self.course, self.membership, object_id, content
            )
        except Refused as refusal:
            answer = {"type": "error", "message": refusal.message, "code": refusal.code}
        except Exception:
            logger.exception("A socket action failed: %s", content.get("action"))
            answer = {"type": "error", "message": "That didn't work. Try again.", "code": "failed"}
        await self.send_json({**answer, "ref": ref, "stream": stream.name, "id": object_id})
        for group, event in pushes:
            await self.channel_layer.group_send(group, event)

    async def membership_changed(self, event):
        """Their role or place in the course changed: the page connects again, and is let
        in (or not) as what they now are."""
        await self.close(code=MEMBERSHIP_CHANGED)

    async def stream_changed(self, event):
        await self.send_json({"type": "changed", "stream": event["stream"], "id": event["id"]})

    async def stream_event(self, event):
        stream = stream_named(event["stream"])
        if stream is None or stream.shape is None:
            return
        shaped = stream.shape(event["payload"], self.membership)
        if shaped is None:
            return
        # A stream hands readers with the same view the same object: its text is kept too.
        key = (id(shaped), event["stream"], event["id"])
        kept = _EVENT_TEXTS.get(key)
        if kept is None or kept[0] is not shaped:
            text = json.dumps(
                {"type": "event", "stream": event["stream"], "id": event["id"], **shaped}
            )
            kept = _EVENT_TEXTS[key] = (shaped, text)
            if len(_EVENT_TEXTS) > EVENT_TEXTS_KEPT:
                _EVENT_TEXTS.popitem(last=False)
        await self.send(text_data=kept[1])

    async def stream_presence(self, event):
        _, stream, object_id = event["group"].rsplit(".", 2)
        await self.send_json(
            {"type": "here", "stream": stream, "id": int(object_id), "people": event["people"]}
        )
