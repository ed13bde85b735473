from rapport.live.views.hosting import activity_add, host, screen
from rapport.live.views.preparing import activity_edit, activity_move, activity_remove
from rapport.live.views.sessions import (
    session_close,
    session_export,
    session_new,
    session_results,
    sessions,
)
from rapport.live.views.taking_part import guest_session, join, session

__all__ = [
    "activity_add",
    "activity_edit",
    "activity_move",
    "activity_remove",
    "guest_session",
    "host",
    "join",
    "screen",
    "session",
    "session_close",
    "session_export",
    "session_new",
    "session_results",
    "sessions",
]
