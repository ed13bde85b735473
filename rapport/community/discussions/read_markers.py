"""How far each person has read each topic, kept off the request that reads it.

Why: opening a topic moves the reader's marker, and on SQLite every write waits for the
one write lock. When a whole class opens topics at once, every page view queued behind
every reply, and pages took seconds. In the web server (``buffer_in_this_process``, called
by rapport.asgi) a topic view only notes the new marker here; a timer writes all noted
markers in one short transaction a moment later. Until then this process's pages read the
noted marker, so the person sees what they just read as read. A marker only ever moves
forward, so a late or repeated flush is harmless; a crash loses at most the last second of
"read up to here", never a post.

Elsewhere (tests, shell, tasks) nothing is buffered: the marker is written at once.
"""

import atexit
import logging
import threading
from collections.abc import Iterable

from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 1.0

_lock = threading.Lock()
_pending: dict[tuple[int, int], int] = {}  # (topic id, user id) → marker
_timer: threading.Timer | None = None
_buffering = False


def buffer_in_this_process() -> None:
    """Note markers in memory from now on and write them every FLUSH_SECONDS (and at exit)."""
    global _buffering
    if not _buffering:
        _buffering = True
        atexit.register(flush)


def is_buffering() -> bool:
    return _buffering


def marker_after(*, old: int, shown_ids: Iterable[int], visible_ids: Iterable[int]) -> int:
    """The marker past the posts just on the person's screen — but never past a post they
    may see and have not yet been shown (on another page, say), and never backwards."""
    shown = set(shown_ids)
    unseen = [pk for pk in visible_ids if pk > old and pk not in shown]
    marker = max([old, *shown])
    if unseen:
        marker = min(marker, min(unseen) - 1)
    return max(marker, old)


def note(*, topic_id: int, user_id: int, marker: int) -> None:
    """Remember ``marker`` for the next flush (the furthest of those noted wins)."""
    global _timer
    key = (topic_id, user_id)
    with _lock:
        if marker <= _pending.get(key, 0):
            return
        _pending[key] = marker
        if _timer is None:
            _timer = threading.Timer(FLUSH_SECONDS, _flush_on_timer)
            _timer.daemon = True
            _timer.start()


def noted(*, topic_id: int, user_id: int) -> int:
    """The marker waiting to be written for this person and topic (0 when none)."""
    with _lock:
        return _pending.get((topic_id, user_id), 0)


def take() -> dict[tuple[int, int], int]:
    """Everything noted so far, forgotten here (the caller writes it)."""
    global _timer
    with _lock:
        taken = dict(_pending)
        _pending.clear()
        _timer = None
    return taken


def flush() -> int:
    """Write every noted marker in one transaction; returns how many."""
    from rapport.community.discussions.services import topic_reads_save

    markers = take()
    if markers:
        try:
            topic_reads_save(markers=markers)
        except Exception:
            for (topic_id, user_id), marker in markers.items():  # kept for the next try
                note(topic_id=topic_id, user_id=user_id, marker=marker)
            raise
    return len(markers)


def _flush_on_timer() -> None:
    # This thread's connection is its own; close it so it is not left open between flushes.
    try:
        flush()
    except Exception:
        logger.exception("Read markers could not be saved")
    finally:
        close_old_connections()
        connection.close()
