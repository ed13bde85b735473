"""Launches waiting for their instructor to choose a course, kept in the browser's session.

Only a validated launch puts one here (its nonce already spent, so it cannot be posted
again); the choice page finds it by a random key, for a few minutes, and taking it for the
POST removes it: a choice is made once. What is kept, server-side with the session, is the
launch's id and checked claims and who launched it; nothing the form says is trusted beyond
which course was picked, and that is checked again."""

import secrets
import time
from dataclasses import dataclass

SESSION_KEY = "lti_course_choices"
CHOICE_VALID_FOR = 15 * 60  # seconds


@dataclass(frozen=True)
class PendingChoice:
    launch_id: str
    launch_data: dict
    user_id: int

    @classmethod
    def from_kept(cls, kept: dict | None) -> "PendingChoice | None":
        return cls(kept["launch"], kept["data"], kept["user"]) if kept else None


def _live(session) -> dict:
    oldest = time.time() - CHOICE_VALID_FOR
    return {key: kept for key, kept in session.get(SESSION_KEY, {}).items() if kept["at"] > oldest}


def course_choice_keep(session, *, choice) -> str:
    """Keep a launch awaiting its choice (``services.CourseChoiceNeeded``); its key."""
    pending = _live(session)
    key = secrets.token_urlsafe(18)
    pending[key] = {
        "launch": choice.launch_id,
        "data": choice.launch_data,
        "user": choice.user.pk,
        "at": time.time(),
    }
    session[SESSION_KEY] = pending
    return key


def course_choice_peek(session, key: str) -> PendingChoice | None:
    return PendingChoice.from_kept(_live(session).get(key))


def course_choice_take(session, key: str) -> PendingChoice | None:
    """The pending choice under ``key``, removed so that it is made only once; None when
    there is none (never kept, already made, or older than CHOICE_VALID_FOR)."""
    pending = _live(session)
    kept = pending.pop(key, None)
    session[SESSION_KEY] = pending
    return PendingChoice.from_kept(kept)
