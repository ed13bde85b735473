"""The weekly care plan and learner digest: sent at Monday 08:00 in each course's own time
zone (daylight saving included), once per person and week, with what the week held, and
only as each person's channel, quiet hours and opt-outs allow."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import Notification, NotificationOptOut
from rapport.core.touchpoints import record
from rapport.factories import UserFactory
from rapport.knowing.services.milestones import personal_milestone_share
from rapport.radar.models import WeeklyEmailKind, WeeklyEmailSent
from rapport.radar.services import weekly_emails_send
from rapport.surveys import services as surveys

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# US daylight saving ends on Sunday 1 November 2026: Chicago's Monday 08:00 is 13:00 UTC on
# 26 October and 14:00 UTC on 2 November. Tokyo keeps no daylight saving: its Monday
# 08:00 is Sunday 23:00 UTC.
CHICAGO_MONDAY_BEFORE = dt.datetime(2026, 10, 26, 13, 0, tzinfo=UTC)
CHICAGO_MONDAY = dt.datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
TOKYO_MONDAY = dt.datetime(2026, 11, 1, 23, 0, tzinfo=UTC)


@pytest.fixture
def courses(cast):
    cast.course.timezone = "America/Chicago"
    cast.course.save()
    cast.other_course.timezone = "Asia/Tokyo"
    cast.other_course.save()
    return cast


def before_monday(courses, kind, actor, subject, *, days: int) -> None:
    """A moment ``days`` before the Monday the weekly emails go out."""
    record(
        course=courses.course,
        kind=kind,
        actor=actor,
        subject=subject,
        occurred_at=CHICAGO_MONDAY - dt.timedelta(days=days),
    )


def run_at(moment: dt.datetime, capture) -> int:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return weekly_emails_send()


def sent(kind=None, **filters) -> set:
    rows = WeeklyEmailSent.objects.filter(nothing_to_tell=False, **filters)
    if kind:
        rows = rows.filter(kind=kind)
    return {(row.course.slug, row.user.email, row.week_of.isoformat()) for row in rows}


def test_each_course_gets_its_plans_at_monday_8_in_its_own_zone(
    courses, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert run_at(TOKYO_MONDAY - dt.timedelta(minutes=15), capture) == 0
    run_at(TOKYO_MONDAY, capture)
    assert sent(WeeklyEmailKind.CARE_PLAN) == {("poetry", "outsider@example.test", "2026-11-02")}
    # 13:00 UTC was 08:00 in Chicago last week; this week (standard time) it is 07:00.
    run_at(CHICAGO_MONDAY - dt.timedelta(hours=1), capture)
    assert not sent(WeeklyEmailKind.CARE_PLAN, course=courses.course)
    run_at(CHICAGO_MONDAY, capture)
    assert sent(WeeklyEmailKind.CARE_PLAN, course=courses.course) == {
        ("env-sci", "instructor@example.test", "2026-11-02"),
        ("env-sci", "ta@example.test", "2026-11-02"),
    }


def test_before_the_clocks_change_chicago_is_sent_an_hour_earlier_in_utc(
    courses, django_capture_on_commit_callbacks
):
    run_at(CHICAGO_MONDAY_BEFORE - dt.timedelta(minutes=15), django_capture_on_commit_callbacks)
    assert not sent(course=courses.course)
    run_at(CHICAGO_MONDAY_BEFORE, django_capture_on_commit_callbacks)
    assert ("env-sci", "instructor@example.test", "2026-10-26") in sent(course=courses.course)


def test_nothing_is_sent_on_other_days(courses, django_capture_on_commit_callbacks):
    for hours in (-24, 18, 24, 48):  # Sunday, late Monday night in Chicago is Tuesday UTC...
        moment = CHICAGO_MONDAY + dt.timedelta(hours=hours)
        local = moment.astimezone(courses.course.zone())
        if local.weekday() == 0:
            continue
        run_at(moment, django_capture_on_commit_callbacks)
    assert not sent(course=courses.course)


def test_a_second_run_the_same_week_sends_nothing_and_next_week_sends_again(
    courses, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = run_at(CHICAGO_MONDAY, capture)
    assert first >= 2
    plans = Notification.objects.filter(kind=NotificationKind.WEEKLY_CARE_PLAN)
    count = plans.count()
    assert run_at(CHICAGO_MONDAY + dt.timedelta(minutes=15), capture) == 0
    assert run_at(CHICAGO_MONDAY + dt.timedelta(hours=6), capture) == 0
    assert plans.count() == count
    run_at(CHICAGO_MONDAY + dt.timedelta(weeks=1), capture)
    assert plans.filter(recipient=courses.instructor).count() == 2


def test_the_sent_log_refuses_a_second_row_for_the_same_week(courses):
    from django.db import IntegrityError, transaction

    row = {
        "course": courses.course,
        "user": courses.learner,
        "kind": WeeklyEmailKind.DIGEST,
        "week_of": dt.date(2026, 11, 2),
    }
    WeeklyEmailSent.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        WeeklyEmailSent.objects.create(**row)


def _a_busy_week_for_the_learner(cast):
    """A shout-out from a classmate, two check-ins (one opened), an open survey."""
    at = CHICAGO_MONDAY - dt.timedelta(days=2)
    record(
        course=cast.course,
        kind=K.SHOUTOUT,
        actor=cast.other_learner,
        subject=cast.learner,
        occurred_at=at,
    )
    # An old shout-out, from before the week: not in this digest.
    record(
        course=cast.course,
        kind=K.SHOUTOUT,
        actor=cast.instructor,
        subject=cast.learner,
        occurred_at=CHICAGO_MONDAY - dt.timedelta(days=9),
    )
    opened, unopened = UserFactory(), UserFactory()  # stand-ins for two check-ins
    for target in (opened, unopened):
        record(
            course=cast.course,
            kind=K.CHECKIN_POSTED,
            actor=cast.instructor,
            target=target,
            occurred_at=at,
        )
    record(
        course=cast.course,
        kind=K.CHECKIN_OPENED,
        actor=cast.learner,
        subject=cast.instructor,
        target=opened,
        occurred_at=at + dt.timedelta(hours=1),
    )
    with time_machine.travel(at, tick=False):
        survey = surveys.survey_create(
            course=cast.course, author=cast.instructor, title="Mid-term check"
        )
        surveys.question_create(
            survey=survey, actor=cast.instructor, type="scale", prompt="How is it going?"
        )
        surveys.survey_publish(survey=survey, actor=cast.instructor)


def test_the_learner_digest_tells_the_week(courses, django_capture_on_commit_callbacks):
    _a_busy_week_for_the_learner(courses)
    courses.learner.preferred_channel = Channel.EMAIL
    courses.learner.save()
    mail.outbox.clear()
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    digest = Notification.objects.get(
        kind=NotificationKind.WEEKLY_DIGEST, recipient=courses.learner
    )
    assert digest.body.splitlines() == [
        "You received 1 shout-out this week, from Other_Learner.",
        "Your teachers posted 2 new check-ins.",
        "Waiting for you: 1 check-in you have not opened yet.",
        "Waiting for you: the survey “Mid-term check”.",
    ]
    assert digest.url == reverse("home:course", kwargs={"course_slug": "env-sci"})
    [email] = [m for m in mail.outbox if m.to == [courses.learner.email]]
    assert "from Other_Learner" in email.body
    # One-click unsubscribe, as every notification email carries.
    assert "/unsubscribe/" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_learner_with_nothing_new_gets_no_digest(courses, django_capture_on_commit_callbacks):
    # A shout-out for one learner only; nothing else happened this week.
    before_monday(courses, K.SHOUTOUT, courses.learner, courses.other_learner, days=1)
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    digests = Notification.objects.filter(kind=NotificationKind.WEEKLY_DIGEST)
    assert [n.recipient for n in digests] == [courses.other_learner]
    assert sent(WeeklyEmailKind.DIGEST) == {("env-sci", "other_learner@example.test", "2026-11-02")}


def test_the_care_plan_names_who_to_reach_and_the_equity_figures(
    courses, django_capture_on_commit_callbacks
):
    from rapport.courses.models import Membership

    Membership.objects.filter(course=courses.course).update(
        joined_at=CHICAGO_MONDAY - dt.timedelta(days=40)
    )
    before_monday(courses, K.PERSONAL_MESSAGE, courses.instructor, courses.other_learner, days=2)
    personal_milestone_share(
        course=courses.course,
        user=courses.other_learner,
        text="Passed my driving test",
        happened_on=dt.date(2026, 10, 30),
        now=CHICAGO_MONDAY - dt.timedelta(days=2),
    )
    courses.instructor.preferred_channel = Channel.EMAIL
    courses.instructor.save()
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    plan = Notification.objects.get(
        kind=NotificationKind.WEEKLY_CARE_PLAN, recipient=courses.instructor
    )
    assert plan.title == "Your care plan for Environmental Science 101, week of 2 November"
    lines = plan.body.splitlines()
    # Both are quiet, but only the learner nobody has written to lacks a personal contact.
    assert lines[:3] == [
        "Reach out this week (2):",
        "  • Learner: no personal contact yet; no mood check-in in two weeks; no interaction "
        "with any classmate yet; has not answered the getting-to-know-you survey",
        "  • Other_Learner: no mood check-in in two weeks; no interaction with any classmate "
        "yet; has not answered the getting-to-know-you survey",
    ]
    assert lines[3:5] == ["To celebrate (1):", "  • Other_Learner: Passed my driving test"]
    assert "Reached personally in the last 7 days: 50% of learners (the week before: 0%)." in lines
    assert "By you: 50% in the last 7 days." in lines
    assert plan.url == reverse("radar:care_plan", kwargs={"course_slug": "env-sci"})
    [email] = [m for m in mail.outbox if m.to == [courses.instructor.email]]
    assert "Learner: no personal contact yet" in email.body
    ta_plan = Notification.objects.get(kind=NotificationKind.WEEKLY_CARE_PLAN, recipient=courses.ta)
    assert "By you: 0% in the last 7 days." in ta_plan.body.splitlines()


def test_an_email_opt_out_leaves_the_in_app_digest(courses, django_capture_on_commit_callbacks):
    _a_busy_week_for_the_learner(courses)
    courses.learner.preferred_channel = Channel.EMAIL
    courses.learner.save()
    NotificationOptOut.objects.create(
        user=courses.learner, kind=NotificationKind.WEEKLY_DIGEST, channel=Channel.EMAIL
    )
    mail.outbox.clear()
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if m.to == [courses.learner.email]]
    digest = Notification.objects.get(
        kind=NotificationKind.WEEKLY_DIGEST, recipient=courses.learner
    )
    assert digest.read_at is None  # still waiting in the bell


def test_opting_out_everywhere_stops_the_care_plan(courses, django_capture_on_commit_callbacks):
    for channel in (Channel.EMAIL, Channel.IN_APP):
        NotificationOptOut.objects.create(
            user=courses.instructor, kind=NotificationKind.WEEKLY_CARE_PLAN, channel=channel
        )
    courses.instructor.preferred_channel = Channel.EMAIL
    courses.instructor.save()
    mail.outbox.clear()
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(recipient=courses.instructor).exists()
    assert not mail.outbox or all(m.to != [courses.instructor.email] for m in mail.outbox)
    # The TA, who did not opt out, still gets theirs.
    assert Notification.objects.filter(
        recipient=courses.ta, kind=NotificationKind.WEEKLY_CARE_PLAN
    ).exists()


def test_in_app_preference_gets_no_email(courses, django_capture_on_commit_callbacks):
    assert courses.ta.preferred_channel == Channel.IN_APP
    mail.outbox.clear()
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=courses.ta).exists()
    assert all(m.to != [courses.ta.email] for m in mail.outbox)


def test_the_digest_email_waits_for_the_learners_quiet_hours_to_end(
    courses, django_capture_on_commit_callbacks
):
    _a_busy_week_for_the_learner(courses)
    learner = courses.learner
    # Chicago's Monday 08:00 is 23:00 in Tokyo, where this learner sleeps from 21:00 to 07:00.
    learner.preferred_channel = Channel.EMAIL
    learner.timezone = "Asia/Tokyo"
    learner.quiet_hours_start = dt.time(21, 0)
    learner.quiet_hours_end = dt.time(7, 0)
    learner.save()
    mail.outbox.clear()
    HUEY.storage.flush_schedule()
    try:
        run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
        assert all(m.to != [learner.email] for m in mail.outbox)
        digest = Notification.objects.get(kind=NotificationKind.WEEKLY_DIGEST, recipient=learner)
        [task] = [t for t in HUEY.scheduled() if t.args == (digest.pk,)]
        assert task.eta.replace(tzinfo=UTC) == dt.datetime(2026, 11, 2, 22, 0, tzinfo=UTC)
    finally:
        HUEY.storage.flush_schedule()


def test_archived_courses_get_nothing(courses, django_capture_on_commit_callbacks):
    courses.course.archived_at = CHICAGO_MONDAY - dt.timedelta(days=1)
    courses.course.save()
    run_at(CHICAGO_MONDAY, django_capture_on_commit_callbacks)
    assert not sent(course=courses.course)


def test_the_care_plans_equity_counts_every_learner_not_only_those_to_reach(courses, monkeypatch):
    from rapport.radar import ranking
    from rapport.radar.care_plan import course_care_plan

    before_monday(courses, K.PERSONAL_MESSAGE, courses.instructor, courses.other_learner, days=2)
    monkeypatch.setattr(ranking, "ON_THE_LIST", 10_000)  # nobody is on the list
    plan = course_care_plan(course=courses.course, now=CHICAGO_MONDAY)
    assert plan.reach_out == []
    assert plan.course_equity.learners == 2
    assert plan.course_equity.reached_7_days == 0.5
