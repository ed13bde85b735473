"""The weekly emails. Each Monday at 08:00 course time every active
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
from rapport.radar.care_plan import CarePlan, course_care_plan
from rapport.radar.digest import learner_digest
from rapport.radar.models import WeeklyEmailKind, WeeklyEmailSent
from rapport.radar.weekly import still_running, week_due


def _claim(
    *, course: Course, user, kind: str, week_of: date, now: datetime, nothing_to_tell=False
) -> bool:
    """Write the sent-log row; False when this week's row is already there."""
    try:
        with transaction.atomic():
            WeeklyEmailSent.objects.create(
                course=course,
                user=user,
                kind=kind,
                week_of=week_of,
                sent_at=now,
                nothing_to_tell=nothing_to_tell,
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def care_plan_send(*, course: Course, staff, plan: CarePlan, week_of: date, now: datetime) -> bool:
    """``plan`` is the course's (``course_care_plan``); ``staff`` gets it with their own
    figures."""
    if not _claim(
        course=course, user=staff, kind=WeeklyEmailKind.CARE_PLAN, week_of=week_of, now=now
    ):
        return False
    notify(
        recipient=staff,
        kind=NotificationKind.WEEKLY_CARE_PLAN,
        title=f"Your care plan for {course.title}, week of {week_of.day} {week_of:%B}",
        body="\n".join(plan.for_staff(staff).lines()),
        url=reverse("radar:care_plan", kwargs={"course_slug": course.slug}),
        course=course,
    )
    return True


@transaction.atomic
def learner_digest_send(*, course: Course, learner, week_of: date, now: datetime) -> bool:
    """A week with nothing to tell sends nothing (and is noted, so it is not looked at
    again this week)."""
    digest = learner_digest(course=course, user=learner, now=now)
    claimed = _claim(
        course=course,
        user=learner,
        kind=WeeklyEmailKind.DIGEST,
        week_of=week_of,
        now=now,
        nothing_to_tell=digest.is_empty,
    )
    if not claimed or digest.is_empty:
        return False
    notify(
        recipient=learner,
        kind=NotificationKind.WEEKLY_DIGEST,
        title=f"Your week in {course.title}",
        body="\n".join(digest.lines()),
        url=reverse("home:course", kwargs={"course_slug": course.slug}),
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
    plan = None  # the course's care plan, read once for all its staff
    sent = 0
    for membership in members:
        person = membership.user
        if membership.role in STAFF_ROLES:
            if (person.pk, WeeklyEmailKind.CARE_PLAN) in already:
                continue
            plan = plan or course_care_plan(course=course, now=now)
            sent += care_plan_send(course=course, staff=person, plan=plan, week_of=week_of, now=now)
        elif membership.role == Role.LEARNER:
            if (person.pk, WeeklyEmailKind.DIGEST) in already:
                continue
            sent += learner_digest_send(course=course, learner=person, week_of=week_of, now=now)
    return sent


def weekly_emails_send(*, now: datetime | None = None) -> int:
    """The quarter-hourly run: every course whose Monday 08:00 has come. Returns how many
    were sent."""
    now = now or timezone.now()
    courses = Course.objects.filter(archived_at__isnull=True)
    return sum(weekly_emails_send_for(course=course, now=now) for course in courses)
