"""Celebrating a learner's occasion: a personal congratulations note (through presence),
the ledger's MILESTONE_CELEBRATED, a notification, and a ``Celebration`` so the occasion
leaves the "this week" list."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course
from rapport.knowing.models.milestones import Celebration
from rapport.knowing.selectors import milestones as occasions
from rapport.knowing.services.common import clean_text
from rapport.presence import services as presence
from rapport.presence.models import Tone
from rapport.presence.services.common import message_url

_CELEBRATING = {
    occasions.BIRTHDAY: "your birthday",
    occasions.FIRST_POST: "your first post",
    occasions.FIRST_REPLY: "your first reply to a classmate",
    occasions.FIVE_CHECKINS: "five check-ins watched",
    occasions.HALFWAY: "getting halfway through the course",
}


def _notification_title(author, occasion: occasions.Occasion) -> str:
    if occasion.kind == occasions.PERSONAL:
        what = f"“{occasion.title}”"
    elif occasion.kind == occasions.MODULE:
        what = occasion.title.replace("Finished", "finishing", 1)
    elif occasion.kind in _CELEBRATING:
        what = _CELEBRATING[occasion.kind]
    else:
        return f"{author.display_name} sent you a congratulations note"
    return f"{author.display_name} is celebrating {what} with you"


@transaction.atomic
def milestone_celebrate(
    *,
    course: Course,
    author,
    learner,
    occasion: str,
    body: str,
    now: datetime | None = None,
) -> Celebration:
    """Send ``learner`` a congratulations note about ``occasion`` (an occasion key, or
    ``other``). Refused if the occasion is not theirs or was celebrated already."""
    require_staff(course=course, user=author)
    require_learner(course=course, user=learner)
    now = now or timezone.now()
    if not occasion:
        raise Refused("Choose what you're celebrating.", field="occasion")
    found = occasions.occasion_for(course=course, learner=learner, key=occasion, now=now)
    if found is None:
        raise Refused(
            f"That isn't on {learner.display_name}'s list of milestones any more. "
            "Choose another, or write about something else.",
            field="occasion",
        )
    if found.celebration is not None:
        by = found.celebration.celebrated_by
        raise Refused(
            f"{by.display_name if by else 'Someone on the team'} already celebrated this "
            f"with {learner.display_name}."
        )
    if not clean_text(body):
        raise Refused("Write a few words to go with your congratulations.", field="body")
    try:
        message = presence.note_send(
            course=course,
            author=author,
            recipient=learner,
            tone=Tone.CONGRATULATIONS,
            body=clean_text(body),
            now=now,
        )
    except Refused as refusal:
        raise Refused(refusal.message, field="body") from refusal
    try:
        with transaction.atomic():
            celebration = Celebration.objects.create(
                course=course,
                learner=learner,
                occasion="" if found.key == occasions.OTHER else found.key,
                celebrated_by=author,
                celebrated_at=now,
                message=message,
            )
    except IntegrityError as error:
        # Two of the team clicked at once; the first note stands, this one is undone.
        raise Refused(
            f"Someone on the team celebrated this with {learner.display_name} a moment ago."
        ) from error
    touchpoints.record(
        course=course,
        kind=TouchpointKind.MILESTONE_CELEBRATED,
        actor=author,
        subject=learner,
        channel=message.channel,
        target=celebration,
        occurred_at=now,
    )
    notify(
        recipient=learner,
        kind=NotificationKind.MILESTONE_CELEBRATED,
        title=_notification_title(author, found),
        url=message_url(message),
        course=course,
        actor=author,
    )
    return celebration
