"""Changing a session's list of activities: editing one's question (and a poll's choices),
removing one, moving one up or down. Only an activity nobody has answered is edited or
removed: its answers were given to the question as it stood."""

from django.db import transaction

from rapport.core.refusals import Refused
from rapport.live import broadcast
from rapport.live.models import Activity, LiveSession
from rapport.live.services.hosting import locked_activity
from rapport.live.services.sessions import clean_choices, clean_prompt

ANSWERED = "It already has answers: reset it first, or add a new one."
DIRECTIONS = ("up", "down")


def _hosted(session: LiveSession, activity: Activity, member) -> tuple[Activity, LiveSession]:
    if activity.session_id != session.pk:
        raise Refused("That activity is not in this session.", code="not_found")
    return locked_activity(activity, member)


def _require_unanswered(activity: Activity) -> None:
    if activity.answers.exists():
        raise Refused(ANSWERED, code="answered")


def _number(activities: list[Activity]) -> None:
    """Give ``activities`` the positions 0, 1, 2… in the order of the list."""
    moved = []
    for position, activity in enumerate(activities):
        if activity.position != position:
            activity.position = position
            moved.append(activity)
    Activity.objects.bulk_update(moved, ["position"])


@transaction.atomic
def activity_edit(
    *, session: LiveSession, activity: Activity, member, prompt: str, choices=()
) -> Activity:
    """Change the question (and a poll's choices), checked as when it was added."""
    activity, session = _hosted(session, activity, member)
    _require_unanswered(activity)
    activity.prompt = clean_prompt(prompt)
    activity.choices = clean_choices(activity.kind, choices)
    activity.save(update_fields=["prompt", "choices"])
    broadcast.activity_changed(session)
    return activity


@transaction.atomic
def activity_remove(*, session: LiveSession, activity: Activity, member) -> None:
    """Remove an unanswered activity. When it is the one on screen, the next one goes on
    screen instead (the previous one after the last, none after the only one)."""
    activity, session = _hosted(session, activity, member)
    _require_unanswered(activity)
    ordered = list(session.activities.all())
    index = [a.pk for a in ordered].index(activity.pk)
    rest = ordered[:index] + ordered[index + 1 :]
    if session.current_activity_id == activity.pk:
        session.current_activity = rest[min(index, len(rest) - 1)] if rest else None
        session.save(update_fields=["current_activity"])
    activity.delete()
    _number(rest)
    broadcast.activity_changed(session)


@transaction.atomic
def activity_move(*, session: LiveSession, activity: Activity, member, direction: str) -> Activity:
    """Swap the activity with the one before it (``"up"``) or after it (``"down"``)."""
    activity, session = _hosted(session, activity, member)
    if direction not in DIRECTIONS:
        raise Refused("Say up or down.", code="bad")
    ordered = list(session.activities.all())
    index = [a.pk for a in ordered].index(activity.pk)
    there = index - 1 if direction == "up" else index + 1
    if not 0 <= there < len(ordered):
        edge = "first" if direction == "up" else "last"
        raise Refused(f"It is already the {edge} activity.", code="edge")
    ordered[index], ordered[there] = ordered[there], ordered[index]
    _number(ordered)
    broadcast.activity_changed(session)
    return ordered[there]
