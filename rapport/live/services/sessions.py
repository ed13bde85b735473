"""Sessions and their activities: opened by the teaching team with a join code, filled
from the prompt bank or typed, stepped through, and closed."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.live import broadcast
from rapport.live.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PROMPT_MAX,
    Activity,
    ActivityKind,
    LiveSession,
)
from rapport.live.services.prompts import PROMPTS_BY_KEY

CODE_HOURS_DEFAULT = 3
CODE_HOURS_MAX = 24
CHOICES_MIN, CHOICES_MAX, CHOICE_MAX = 2, 8, 80
CODE_TRIES = 20


def require_host(session: LiveSession, member) -> None:
    if member is None or not member.is_staff or member.course_id != session.course_id:
        raise Refused("Only the course's teaching team runs a live session.", code="forbidden")


def require_open(session: LiveSession) -> None:
    if not session.is_open:
        raise Refused("This live session has ended.", code="closed")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def session_create(
    *,
    course,
    member,
    title: str,
    guests_allowed: bool = False,
    code_hours: int = CODE_HOURS_DEFAULT,
    blocklist: str = "",
) -> LiveSession:
    if not member.is_staff or member.course_id != course.pk:
        raise Refused("Only the course's teaching team opens a live session.", code="forbidden")
    title = (title or "").strip()
    if not title:
        raise Refused("Give the session a title.", field="title")
    if not isinstance(code_hours, int) or not 1 <= code_hours <= CODE_HOURS_MAX:
        raise Refused(f"A code lasts 1 to {CODE_HOURS_MAX} hours.", field="code_hours")
    now = timezone.now()
    for _ in range(CODE_TRIES):
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    course=course,
                    title=title[:120],
                    created_by=member.user,
                    join_code=new_code(),
                    guests_allowed=guests_allowed,
                    code_expires_at=now + timedelta(hours=code_hours),
                    blocklist=(blocklist or "")[:2000],
                    opened_at=now,
                )
        except IntegrityError:
            continue  # that code is in use by an open session: draw another
    raise Refused("No join code was free. Try again.", code="failed")


def clean_prompt(prompt: str) -> str:
    """The question as typed, trimmed; refused when empty or too long."""
    prompt = (prompt or "").strip()
    if not prompt:
        raise Refused("Write the question.", field="prompt")
    if len(prompt) > PROMPT_MAX:
        raise Refused(f"Keep the question under {PROMPT_MAX} characters.", field="prompt")
    return prompt


def clean_choices(kind: str, choices) -> list[str]:
    """A poll's different choices, trimmed; other kinds have none."""
    if kind != ActivityKind.POLL:
        return []
    cleaned = []
    for choice in choices or ():
        text = (choice or "").strip()[:CHOICE_MAX] if isinstance(choice, str) else ""
        if text and text not in cleaned:
            cleaned.append(text)
    if not CHOICES_MIN <= len(cleaned) <= CHOICES_MAX:
        raise Refused(
            f"A poll has {CHOICES_MIN} to {CHOICES_MAX} different choices.", field="choices"
        )
    return cleaned


@transaction.atomic
def activity_add(
    *,
    session: LiveSession,
    member,
    kind: str,
    prompt: str,
    choices=(),
    anonymous: bool = False,
    blocklist: str = "",
) -> Activity:
    """Add an activity at the end of the session; the first one goes on screen at once."""
    require_host(session, member)
    require_open(session)
    if kind not in ActivityKind.values:
        raise Refused("Choose what kind of activity.", field="kind")
    prompt = clean_prompt(prompt)
    last = session.activities.aggregate(last=Max("position"))["last"]
    activity = Activity.objects.create(
        session=session,
        position=0 if last is None else last + 1,
        kind=kind,
        prompt=prompt,
        choices=clean_choices(kind, choices),
        anonymous=anonymous,
        blocklist=(blocklist or "")[:2000],
    )
    if session.current_activity_id is None:
        session.current_activity = activity
        session.save(update_fields=["current_activity"])
    broadcast.activity_changed(session)
    return activity


def activity_add_from_bank(*, session: LiveSession, member, key: str) -> Activity:
    prompt = PROMPTS_BY_KEY.get(key)
    if prompt is None:
        raise Refused("Choose one of the ready-made prompts.", field="key")
    return activity_add(
        session=session,
        member=member,
        kind=prompt.kind,
        prompt=prompt.prompt,
        choices=prompt.choices,
        anonymous=prompt.anonymous,
    )


@transaction.atomic
def activity_go(*, session: LiveSession, member, to: str | int) -> Activity:
    """Put another activity on screen: ``"next"``, ``"previous"`` or an activity's id."""
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    require_host(session, member)
    require_open(session)
    activities = list(session.activities.all())
    if not activities:
        raise Refused("Add an activity first.", code="empty")
    ids = [a.pk for a in activities]
    here = ids.index(session.current_activity_id) if session.current_activity_id in ids else 0
    if to == "next":
        there = here + 1
    elif to == "previous":
        there = here - 1
    elif isinstance(to, int) and not isinstance(to, bool) and to in ids:
        there = ids.index(to)
    else:
        raise Refused("Say next, previous, or which activity.", code="bad")
    if not 0 <= there < len(activities):
        edge = "last" if there >= len(activities) else "first"
        raise Refused(f"This is the {edge} activity.", code="edge")
    session.current_activity = activities[there]
    session.save(update_fields=["current_activity"])
    broadcast.activity_changed(session)
    return session.current_activity


@transaction.atomic
def session_close(*, session: LiveSession, member) -> LiveSession:
    """End the session: its code frees up, its answers stay for the record, and every
    anonymous activity's salt is erased, so no one can ever link those answers to anyone."""
    require_host(session, member)
    if not session.is_open:
        return session
    session.closed_at = timezone.now()
    session.save(update_fields=["closed_at"])
    session.activities.update(salt="")
    broadcast.activity_changed(session)
    return session
