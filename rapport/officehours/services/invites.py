"""'Let's talk': staff offer one learner a few of their open times; the learner books one
of them in two clicks."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.models import Membership
from rapport.officehours import selectors
from rapport.officehours.models import Invite, OfficeHours
from rapport.officehours.services.booking import Choice, booking_make

MAX_OFFERED = 6


@transaction.atomic
def invite_send(
    *,
    office_hours: OfficeHours,
    member: Membership,
    learner: Membership,
    starts: list[datetime],
    message: str = "",
    now: datetime | None = None,
) -> Invite:
    now = now or timezone.now()
    if office_hours.host_id != member.user_id or office_hours.course_id != member.course_id:
        raise Refused("Offer times from your own office hours.", code="forbidden")
    if learner.course_id != office_hours.course_id or learner.is_staff or not learner.is_active:
        raise Refused("Offer times to a learner of this course.", code="bad")
    starts = sorted(set(starts))
    if not starts:
        raise Refused("Pick at least one time to offer.", code="bad")
    if len(starts) > MAX_OFFERED:
        raise Refused(f"Offer at most {MAX_OFFERED} times.", code="bad")
    open_starts = {slot.starts_at for slot in selectors.slots_of(office_hours, now=now)}
    if any(start not in open_starts for start in starts):
        raise Refused("One of those times is no longer open. Please pick again.", code="gone")
    message = message.strip()
    if len(message) > 2000:
        raise Refused("Please keep the message under 2,000 characters.", code="bad")
    invite = Invite.objects.create(
        office_hours=office_hours,
        learner=learner.user,
        message=message,
        starts=[start.isoformat() for start in starts],
        created_at=now,
    )
    host = member.user
    notify(
        recipient=learner.user,
        kind=NotificationKind.TALK_INVITE,
        title=f"{host.display_name} would like to talk: pick a time",
        body=message,
        url=invite_url(invite),
        course=office_hours.course,
        actor=host,
    )
    return invite


def invite_url(invite: Invite) -> str:
    from django.urls import reverse

    course = invite.office_hours.course
    return reverse(
        "officehours:invite", kwargs={"course_slug": course.slug, "invite_id": invite.pk}
    )


def offered_starts(invite: Invite) -> list[datetime]:
    return [datetime.fromisoformat(text) for text in invite.starts]


@transaction.atomic
def invite_accept(*, invite: Invite, member: Membership, choice: Choice, now=None):
    # Read again under a lock: a second tab (or a double click) holding the same invite
    # sees the time already picked rather than booking another.
    invite = (
        Invite.objects.select_for_update()
        .select_related("office_hours__host", "office_hours__course")
        .get(pk=invite.pk)
    )
    if invite.learner_id != member.user_id:
        raise Refused("This invitation is for someone else.", code="forbidden")
    if invite.booking_id is not None:
        raise Refused("You've already picked a time for this.", code="done")
    if choice.starts_at not in offered_starts(invite):
        raise Refused("Pick one of the times offered.", code="bad")
    booking = booking_make(office_hours=invite.office_hours, member=member, choice=choice, now=now)
    invite.booking = booking
    invite.save(update_fields=["booking"])
    return booking
