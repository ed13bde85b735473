"""A live session's socket, ``/ws/live/<code>/``: the phones of the class, the host's
controls and the shared screen (``?view=screen``). Let in: an active member of the
session's course, or a guest whose browser session holds their place in it (joined with
the code, while the code lasts).

On connect it sends the activity on screen with its results (``activity``) and, to a
participant, their own answer (``mine``). Then:

- anyone taking part: ``answer`` (``activity``, ``value``) and ``upvote`` (``answer``);
- the teaching team: ``lock``, ``unlock``, ``reveal``, ``hide``, ``reset`` (the activity on
  screen), ``next``, ``previous``, ``goto`` (``activity``);

each answered with its ``ref``: ``answered`` (with ``mine``), ``upvoted``, ``done`` or
``error``. Answers go to the database in batches with the other sockets' of the process
(``rapport.live.batching``). Results reach every socket coalesced
(``rapport.live.broadcast``): the hosts see them all along, everyone else only how many
answered until they are revealed."""

import asyncio
import logging

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async

from rapport.core.consumers import SafeJsonConsumer
from rapport.core.realtime import member_group, pushes_collected
from rapport.core.refusals import Refused
from rapport.courses.memberships import active_membership
from rapport.live import batching, broadcast, selectors, services
from rapport.live.models import Activity, LiveSession, Participant
from rapport.live.screens import screens
from rapport.live.services import AnswerItem

logger = logging.getLogger(__name__)

GUESTS_KEY = "live_guests"  # in the Django session: {session id: [participant id, key]}
HOST_ACTIONS = frozenset({"lock", "unlock", "reveal", "hide", "reset", "next", "previous", "goto"})
SESSION_ENDED = 4410
MEMBERSHIP_CHANGED = 4409
SCREEN_ONLY_SHOWS = "The shared screen only shows; answer from your phone."


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _guest(session: LiveSession, django_session) -> Participant | None:
    if not session.guests_allowed or not session.code_is_valid() or django_session is None:
        return None
    place = (django_session.get(GUESTS_KEY) or {}).get(str(session.pk))
    if not isinstance(place, list) or len(place) != 2:
        return None
    participant_id, key = place
    return Participant.objects.filter(
        pk=participant_id, session=session, user__isnull=True, guest_key=key
    ).first()


def _let_in(code: str, user, django_session, screen: bool) -> dict:
    """Who this socket is for, with what it first sends; or ``{"refused": close code}``."""
    session = selectors.session_by_code(code)
    if session is None:
        return {"refused": 4404}
    membership = active_membership(course=session.course, user=user)
    participant = None
    if membership is not None:
        if not (screen and membership.is_staff):
            participant = services.participant_for_member(session=session, user=user)
    else:
        participant = _guest(session, django_session)
        if participant is None:
            return {"refused": 4403}
    push = broadcast.activity_push(session)
    return {
        "session": session,
        "membership": membership,
        "participant": participant,
        "host": membership is not None and membership.is_staff and not screen,
        "push": push,
        "mine": selectors.own_answer(session.current_activity, participant),
    }


def _current(session_id: int, message: dict) -> Activity:
    """The activity a host action names (``activity``), else the one on screen."""
    session = LiveSession.objects.select_related("current_activity").get(pk=session_id)
    activity_id = message.get("activity")
    if activity_id is None:
        if session.current_activity is None:
            raise Refused("Add an activity first.", code="empty")
        return session.current_activity
    if not _is_id(activity_id):
        raise Refused("Say which activity.", code="bad")
    activity = session.activities.filter(pk=activity_id).first()
    if activity is None:
        raise Refused("That activity isn't in this session.", code="gone")
    return activity


def _host_act(session: LiveSession, user, message: dict) -> dict:
    kind = message["type"]
    membership = active_membership(course=session.course, user=user)
    if membership is None or not membership.is_staff:
        raise Refused("Only the course's teaching team runs a live session.", code="forbidden")
    if kind in ("next", "previous"):
        services.activity_go(session=session, member=membership, to=kind)
    elif kind == "goto":
        to = message.get("activity")
        if not _is_id(to):
            raise Refused("Say which activity.", code="bad")
        services.activity_go(session=session, member=membership, to=to)
    else:
        activity = _current(session.pk, message)
        if kind in ("lock", "unlock"):
            services.activity_lock(activity=activity, member=membership, locked=kind == "lock")
        elif kind in ("reveal", "hide"):
            visible = kind == "reveal"
            services.activity_reveal(activity=activity, member=membership, visible=visible)
        else:
            services.activity_reset(activity=activity, member=membership)
    return {"type": "done"}


def _upvote(participant: Participant, message: dict) -> dict:
    on = services.upvote_toggle(answer_id=message.get("answer"), participant=participant)
    return {"type": "upvoted", "answer": message.get("answer"), "on": on}


def _acted(session_id: int, user, participant, message: dict) -> tuple[dict, list]:
    with pushes_collected() as pushes:
        session = LiveSession.objects.select_related("course").get(pk=session_id)
        if message["type"] in HOST_ACTIONS:
            answer = _host_act(session, user, message)
        elif participant is None:
            raise Refused(SCREEN_ONLY_SHOWS, code="bad")
        else:
            answer = _upvote(participant, message)
    return answer, pushes


class LiveConsumer(SafeJsonConsumer):
    async def dispatch(self, message):
        # Without Channels' hop to the database thread before each message, to close old
        # connections: what reads the database here goes through database_sync_to_async,
        # which closes them itself, and a class's 2,000 answers would otherwise each wait
        # on that one thread behind the batches being written (bench/live_session.py).
        await getattr(self, get_handler_name(message))(message)

    async def connect(self):
        broadcast.coalescer.bind(asyncio.get_running_loop())
        batching.batcher.bind(asyncio.get_running_loop())
        code = self.scope["url_route"]["kwargs"]["code"]
        screen = b"view=screen" in self.scope.get("query_string", b"")
        user = self.scope.get("user")
        try:
            found = await database_sync_to_async(_let_in)(
                code, user, self.scope.get("session"), screen
            )
        except Refused:
            found = {"refused": 4403}
        if "refused" in found:
            await self.close(code=found["refused"])
            return
        session = found["session"]
        self.session_id, self.course_id = session.pk, session.course_id
        self.user, self.participant, self.host = user, found["participant"], found["host"]
        self.activity_id = found["push"]["activity"]
        self.groups_joined = [broadcast.session_group(self.course_id, self.session_id)]
        if found["membership"] is not None:
            self.groups_joined.append(member_group(self.course_id, user.pk))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await screens.join(self, self.course_id, self.session_id, self.host)
        await self.accept()
        await self.send(text_data=found["push"]["host" if self.host else "public"])
        if self.participant is not None:
            await self.send_json({"type": "mine", **(found["mine"] or {"answer": None})})
        await screens.ready(self)

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)
        if hasattr(self, "session_id"):
            await screens.leave(self, self.course_id, self.session_id)

    async def receive_json(self, content, **kwargs):
        kind, ref = content.get("type"), content.get("ref")
        if kind not in HOST_ACTIONS and kind not in ("answer", "upvote"):
            await self.send_json(
                {"type": "error", "ref": ref, "code": "bad", "message": "Send answer or upvote."}
            )
            return
        if kind == "answer":
            await self.send_json({**await self._answer(content), "ref": ref})
            return
        pushes = []
        try:
            answer, pushes = await database_sync_to_async(_acted)(
                self.session_id, self.user, self.participant, content
            )
        except Refused as refusal:
            answer = {"type": "error", "message": refusal.message, "code": refusal.code}
        except Exception:
            logger.exception("A live socket action failed: %s", kind)
            answer = {"type": "error", "message": "That didn't work. Try again.", "code": "failed"}
        await self.send_json({**answer, "ref": ref})
        for group, event in pushes:
            await self.channel_layer.group_send(group, event)

    async def _answer(self, content: dict) -> dict:
        """Answers go to the database in batches with other sockets' (``batching``)."""
        if self.participant is None:
            return {"type": "error", "message": SCREEN_ONLY_SHOWS, "code": "bad"}
        activity_id = content.get("activity")
        if not _is_id(activity_id):
            message = "Say which activity you're answering."
            return {"type": "error", "message": message, "code": "bad"}
        item = AnswerItem(activity_id, self.participant, content.get("value"), self.session_id)
        return await batching.batcher.give(item)

    async def stream_event(self, event):
        push = event["payload"]
        await self.send(text_data=push["host" if self.host else "public"])
        if push["kind"] != "activity":
            return
        moved = push["activity"] != self.activity_id
        self.activity_id = push["activity"]
        if self.participant is not None and (push["reset"] or moved):
            mine = {"activity": self.activity_id, "answer": None}
            if moved and not push["reset"]:
                mine = await database_sync_to_async(self._own_answer)() or mine
            await self.send_json({"type": "mine", **mine})
        if push.get("closed"):
            await self.close(code=SESSION_ENDED)

    def _own_answer(self) -> dict | None:
        activity = Activity.objects.filter(pk=self.activity_id).first()
        return selectors.own_answer(activity, self.participant)

    async def membership_changed(self, event):
        await self.close(code=MEMBERSHIP_CHANGED)
