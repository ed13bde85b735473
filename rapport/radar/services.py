"""The radar's one write: the weekly emails. Each Monday at 08:00 course time every active
staff member gets their care plan and every active learner their digest, through
``core.notifications.notify`` — so the person's channel, quiet hours and opt-outs apply and
each email carries the one-click unsubscribe. ``WeeklyEmailSent`` is written in the same
transaction as the notification: a second run for the same week sends nothing."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role
from rapport.radar.care_plan import care_plan
from rapport.radar.digest import learner_digest
from rapport.radar.models import WeeklyEmailKind, WeeklyEmailSent
from rapport.radar.weekly import still_running, week_due


def _claim(*, course: Course, user, kind: str, week_of: date, now: datetime) -> bool:
    """Write the sent-log row; False when this week's email already went."""
    try:
        with transaction.atomic():
            WeeklyEmailSent.objects.create(
                course=course, user=user, kind=kind, week_of=week_of, sent_at=now
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def care_plan_send(*, course: Course, staff, week_of: date, now: datetime) -> bool:
    if not _claim(
        course=course, user=staff, kind=WeeklyEmailKind.CARE_PLAN, week_of=week_of, now=now
    ):
        return False
    plan = care_plan(course=course, staff=staff, now=now)
    notify(
        recipient=staff,
        kind=NotificationKind.WEEKLY_CARE_PLAN,
        title=f"Your care plan for {course.title}, week of {week_of.day} {week_of:%B}",
        body="\n".join(plan.lines()),
        url=reverse("radar:care_plan", kwargs={"course_slug": course.slug}),
        course=course,
    )
    return True


@transaction.atomic
def learner_digest_send(*, course: Course, learner, week_of: date, now: datetime) -> bool:
    """Nothing is sent (and nothing logged) in a week with nothing to tell."""
    digest = learner_digest(course=course, user=learner, now=now)
    if digest.is_empty:
        return False
    if not _claim(
        course=course, user=learner, kind=WeeklyEmailKind.DIGEST, week_of=week_of, now=now
    ):
        return False
    notify(
        recipient=learner,
        kind=NotificationKind.WEEKLY_DIGEST,
        title=f"Your week in {course.title}",
        body="\n".join(digest.lines()),
        url=reverse("courses:home", kwargs={"course_slug": course.slug}),
        course=course,
    )
    return True


def weekly_emails_send_for(*, course: Course, now: datetime) -> int:
    week_of = week_due(course, now)
    if week_of is None or not still_running(course, week_of):
        return 0
    already = set(
        WeeklyEmailSent.objects.filter(course=course, week_of=week_of).values_list(
            "user_id", "kind"
        )
    )
    members = Membership.objects.filter(
        course=course, status=MembershipStatus.ACTIVE, user__is_active=True
    ).select_related("user")
    sent = 0
    for membership in members:
        person = membership.user
        if membership.role in STAFF_ROLES:
            kind, send = WeeklyEmailKind.CARE_PLAN, care_plan_send
            args = {"staff": person}
        elif membership.role == Role.LEARNER:
            kind, send = WeeklyEmailKind.DIGEST, learner_digest_send
            args = {"learner": person}
        else:
            continue
        if (person.pk, kind) not in already:
            sent += send(course=course, week_of=week_of, now=now, **args)
    return sent


def weekly_emails_send(*, now: datetime | None = None) -> int:
    """The quarter-hourly run: every course whose Monday 08:00 has come. Returns how many
    were sent."""
    now = now or timezone.now()
    courses = Course.objects.filter(archived_at__isnull=True)
    return sum(weekly_emails_send_for(course=course, now=now) for course in courses)
