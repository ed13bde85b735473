"""How a live session's screens hear of it: every socket of a session is in one group
(``core.realtime.stream_group(course, "live", session)``).

A host's action (next, lock, reveal, reset, close) is told at once, after its commit. An
answer is not: it marks its session dirty, and the session's results are gathered and sent
at most every FLUSH_SECONDS — one computation and one JSON text (two while results are
hidden: the hosts' and everyone else's) per flush, handed to every socket as is, through
one channel-layer message per process with sockets of the session (``screens``). So a
class of 300 answering at once costs a few sends of 300 texts, not 300 × 300.

Marks are kept per process, in the event loop that runs the sockets (``bind``). An answer
given where no socket runs (a test of a service, a page with no socket) is told at once."""

import asyncio
import json
import logging
from contextvars import Context

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from rapport.core.realtime import stream_event_on_commit, stream_group
from rapport.live import selectors
from rapport.live.models import Activity, LiveSession
from rapport.live.screens import relay_group, relay_message

logger = logging.getLogger(__name__)

LIVE_STREAM = "live"
FLUSH_SECONDS = 0.25


def session_group(course_id: int, session_id: int) -> str:
    return stream_group(course_id, LIVE_STREAM, session_id)


def _texts(kind: str, message: dict, public: dict, host: dict) -> dict:
    """The push: the text every participant gets, and the hosts' when it differs."""
    public_text = json.dumps({"type": kind, **message, "results": public})
    host_text = (
        public_text if host is public else json.dumps({"type": kind, **message, "results": host})
    )
    return {"public": public_text, "host": host_text}


def results_push(session_id: int) -> dict | None:
    """The current activity's results as pushed to the session's screens, or None."""
    session = LiveSession.objects.select_related("current_activity").filter(pk=session_id).first()
    activity = None if session is None else session.current_activity
    if activity is None:
        return None
    gathered = selectors.results(activity)
    public = selectors.shown_results(activity, gathered, host=False)
    push = _texts("results", {"activity": activity.pk}, public, gathered)
    return {"kind": "results", "activity": activity.pk, **push}


def activity_push(session: LiveSession, *, reset: bool = False) -> dict:
    """The session's current activity as every screen shows it, with its results."""
    activity: Activity | None = session.current_activity
    count = session.activities.count()
    message = {
        "session": {"title": session.title, "open": session.is_open},
        "activity": selectors.activity_state(activity, count=count),
    }
    if activity is None or not session.is_open:
        push = _texts("activity", message, None, None)
    else:
        gathered = selectors.results(activity)
        public = selectors.shown_results(activity, gathered, host=False)
        push = _texts("activity", message, public, gathered)
    activity_id = None if activity is None else activity.pk
    closed = not session.is_open
    return {"kind": "activity", "activity": activity_id, "reset": reset, "closed": closed, **push}


def activity_changed(session: LiveSession, *, reset: bool = False) -> None:
    """Tell every screen of ``session`` its current activity, after the commit."""
    stream_event_on_commit(
        session.course_id, LIVE_STREAM, session.pk, lambda: activity_push(session, reset=reset)
    )


class Coalescer:
    """The sessions whose results changed since the last flush, in this process."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.dirty: dict[int, int] = {}  # session id -> course id
        self.task: asyncio.Task | None = None
        self.flushes = 0

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        if loop is not self.loop:
            self.loop, self.dirty, self.task = loop, {}, None

    def mark(self, course_id: int, session_id: int) -> bool:
        """Note the session dirty (from any thread); False when no socket loop runs here."""
        loop = self.loop
        if loop is None or loop.is_closed() or not loop.is_running():
            return False
        if session_id in self.dirty:
            # Already due: that flush takes the dirty set after this commit, then reads the
            # results, so it holds this change too. (Waking the loop for each of a class's
            # answers cost the database thread a tenth of its time.)
            return True
        # A fresh context: the caller's (the database thread's, inside sync_to_async) would
        # pass on to the flush, and the flush's own hop to that thread would then refuse.
        loop.call_soon_threadsafe(self._mark, course_id, session_id, context=Context())
        return True

    def _mark(self, course_id: int, session_id: int) -> None:
        self.dirty[session_id] = course_id
        if self.task is None or self.task.done():
            flushing = self._flush_while_dirty()
            self.task = asyncio.get_running_loop().create_task(flushing, context=Context())

    async def _flush_while_dirty(self) -> None:
        while self.dirty:
            await asyncio.sleep(FLUSH_SECONDS)
            dirty, self.dirty = self.dirty, {}
            for session_id, course_id in dirty.items():
                await self._flush(course_id, session_id)

    async def _flush(self, course_id: int, session_id: int) -> None:
        try:
            # Not on the sockets' one database thread: there it would wait behind every
            # answer queued before it, and a class answering at once would see no results
            # until the last answer was saved (bench/live_session.py).
            gather = database_sync_to_async(results_push, thread_sensitive=False)
            push = await gather(session_id)
        except Exception:
            logger.exception("Gathering live session %s's results failed", session_id)
            return
        if push is None:
            return
        message = relay_message(session_id, push["public"], push["host"])
        try:
            await get_channel_layer().group_send(relay_group(course_id, session_id), message)
        except Exception as error:
            # The channel layer is out of reach (Redis restarting): gathered again and sent
            # on the next flush, so the pages that stayed open catch up once it is back.
            logger.warning("Live session %s's results not sent, retrying: %s", session_id, error)
            self.dirty.setdefault(session_id, course_id)
            return
        self.flushes += 1


coalescer = Coalescer()


def results_changed(session: LiveSession) -> None:
    """The session's results changed: flush them soon, after the commit."""
    course_id, session_id = session.course_id, session.pk

    def mark() -> None:
        if not coalescer.mark(course_id, session_id):
            stream_event_on_commit(
                course_id, LIVE_STREAM, session_id, lambda: results_push(session_id)
            )

    transaction.on_commit(mark)
