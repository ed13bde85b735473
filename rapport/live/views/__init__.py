from rapport.live.views.hosting import activity_add, host, screen
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
