"""Planning, saying you'll come, places, attendance and the ledger, and who may plan."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.events import services
from rapport.events.models import Attendance, AttendanceHow, Event, Rsvp, RsvpStatus
from rapport.events.testing import event_make, member
from rapport.groups.testing import learner_make

pytestmark = pytest.mark.django_db


def going(event, cast, role):
    return services.rsvp_set(event=event, member=member(cast, role), status=RsvpStatus.GOING)


def test_a_new_event_tells_the_active_learners_only(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = event_make(cast)
    told = set(
        Notification.objects.filter(kind=NotificationKind.EVENT_ANNOUNCED).values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {cast.learner.pk, cast.other_learner.pk}
    assert Notification.objects.filter(url=event.get_absolute_url()).count() == 2
    assert services.event_announce(event_id=event.pk) == 0  # safe to run again


def test_going_records_one_touchpoint_however_often_it_is_said(cast):
    event = event_make(cast)
    going(event, cast, "learner")
    services.rsvp_set(event=event, member=member(cast, "learner"), status=RsvpStatus.NOT_GOING)
    going(event, cast, "learner")
    rsvps = Touchpoint.objects.filter(kind=TouchpointKind.EVENT_RSVP)
    assert rsvps.count() == 1
    assert rsvps.get().actor == cast.learner
    assert rsvps.get().subject is None
    assert Rsvp.objects.get(event=event, user=cast.learner).status == RsvpStatus.GOING


def test_not_going_records_nothing(cast):
    event = event_make(cast)
    services.rsvp_set(event=event, member=member(cast, "learner"), status=RsvpStatus.NOT_GOING)
    assert not Touchpoint.objects.filter(kind=TouchpointKind.EVENT_RSVP).exists()


def test_a_full_event_refuses_one_more_but_keeps_those_coming(cast):
    event = event_make(cast, capacity=1)
    going(event, cast, "learner")
    with pytest.raises(Refused, match="full: all 1 places are taken"):
        going(event, cast, "other_learner")
    going(event, cast, "learner")  # saying it again is fine
    services.rsvp_set(event=event, member=member(cast, "learner"), status=RsvpStatus.NOT_GOING)
    going(event, cast, "other_learner")  # a place opened up
    assert event.rsvps.filter(status=RsvpStatus.GOING).count() == 1


def test_no_answers_to_cancelled_or_finished_events(cast):
    cancelled = event_make(cast)
    services.event_cancel(event=cancelled, member=member(cast, "instructor"))
    with pytest.raises(Refused, match="cancelled"):
        going(cancelled, cast, "learner")
    over = event_make(cast, in_hours=-3, hours=1)
    with pytest.raises(Refused, match="over"):
        going(over, cast, "learner")


def test_one_answer_per_person_per_event_in_the_database(cast):
    event = event_make(cast)
    going(event, cast, "learner")
    with pytest.raises(IntegrityError):
        Rsvp.objects.create(event=event, user=cast.learner, status=RsvpStatus.NOT_GOING)


def test_check_in_during_the_event_records_attendance_once(cast):
    event = event_make(cast, in_hours=-0.5, hours=1)
    Rsvp.objects.create(event=event, user=cast.learner, status=RsvpStatus.GOING)
    services.check_in(event=event, member=member(cast, "learner"))
    services.check_in(event=event, member=member(cast, "learner"))
    attendance = Attendance.objects.get(event=event)
    assert attendance.how == AttendanceHow.CHECK_IN
    came = Touchpoint.objects.get(kind=TouchpointKind.EVENT_ATTENDED)
    assert came.actor == cast.learner


def test_check_in_needs_a_yes_and_the_event_to_be_on(cast):
    soon = event_make(cast, in_hours=2)
    going(soon, cast, "learner")
    with pytest.raises(Refused, match="while the event is on"):
        services.check_in(event=soon, member=member(cast, "learner"))
    now_on = event_make(cast, in_hours=-0.5, hours=1)
    with pytest.raises(Refused, match="coming first"):
        services.check_in(event=now_on, member=member(cast, "other_learner"))
    assert not Attendance.objects.exists()


def test_staff_mark_who_came_each_with_a_touchpoint_for_the_attendee(cast):
    event = event_make(cast, in_hours=-2, hours=1)
    added, removed = services.attendance_mark(
        event=event,
        member=member(cast, "ta"),
        user_ids={cast.learner.pk, cast.other_learner.pk, cast.outsider.pk},
    )
    assert (added, removed) == (2, 0)
    came = Touchpoint.objects.filter(kind=TouchpointKind.EVENT_ATTENDED)
    assert set(came.values_list("actor_id", flat=True)) == {cast.learner.pk, cast.other_learner.pk}
    assert all(t.occurred_at == event.ends_at for t in came)
    added, removed = services.attendance_mark(
        event=event, member=member(cast, "ta"), user_ids={cast.learner.pk}
    )
    assert (added, removed) == (0, 1)
    assert list(came.values_list("actor_id", flat=True)) == [cast.learner.pk]
    assert list(event.attendances.values_list("user_id", flat=True)) == [cast.learner.pk]


def test_marking_who_came_costs_the_same_queries_for_two_or_twelve(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    # A first round warms what each process keeps once asked (content types): only the two
    # measured rounds are compared, whatever ran before in this worker.
    for size in (1, 2, 12):
        event = event_make(cast, in_hours=-2, hours=1, title=f"Game night {size}")
        people = [learner_make(cast, f"came{size}x{n}") for n in range(size)]
        with CaptureQueriesContext(connection) as marked:
            services.attendance_mark(
                event=event, member=member(cast, "ta"), user_ids={p.pk for p in people}
            )
        with CaptureQueriesContext(connection) as unmarked:
            services.attendance_mark(event=event, member=member(cast, "ta"), user_ids=set())
        counts.append((len(marked.captured_queries), len(unmarked.captured_queries)))
    assert counts[1] == counts[2]
    assert not Touchpoint.objects.filter(kind=TouchpointKind.EVENT_ATTENDED).exists()


def test_learners_cannot_mark_attendance_nor_before_the_start(cast):
    started = event_make(cast, in_hours=-1)
    with pytest.raises(Refused):
        services.attendance_mark(
            event=started, member=member(cast, "learner"), user_ids={cast.learner.pk}
        )
    later = event_make(cast, in_hours=5)
    with pytest.raises(Refused, match="once the event has started"):
        services.attendance_mark(event=later, member=member(cast, "ta"), user_ids={cast.learner.pk})
    assert not Attendance.objects.exists()


def test_learners_plan_events_only_when_the_course_allows(cast):
    with pytest.raises(Refused, match="Only the teaching team"):
        event_make(cast, by="learner")
    services.event_settings_save(
        course=cast.course, member=member(cast, "instructor"), learners_may_create=True
    )
    event = event_make(cast, by="learner", title="Study hall")
    assert event.created_by == cast.learner
    # The planner may change it; a classmate may not.
    details = services.EventDetails(
        kind=event.kind,
        title="Study hall (bring snacks)",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        timezone=event.timezone,
    )
    services.event_update(event=event, member=member(cast, "learner"), details=details)
    with pytest.raises(Refused):
        services.event_update(event=event, member=member(cast, "other_learner"), details=details)
    with pytest.raises(Refused):
        services.event_settings_save(
            course=cast.course, member=member(cast, "learner"), learners_may_create=False
        )


@pytest.mark.parametrize(
    "change,field",
    [
        ({"hours": -1}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"meeting_link": "javascript:alert(1)"}, "meeting_link"),
        ({"meeting_link": "ftp://example.test/room"}, "meeting_link"),
        ({"meeting_link": "https://"}, "meeting_link"),
        ({"title": "  "}, "title"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_bad_details_are_refused_naming_the_field_and_save_nothing(cast, change, field):
    with pytest.raises(Refused) as refusal:
        event_make(cast, **change)
    assert refusal.value.field == field
    assert not Event.objects.exists()
    assert not Notification.objects.exists()


def test_moving_an_event_bumps_its_sequence_and_resets_reminders(cast):
    event = event_make(cast)
    rsvp = going(event, cast, "learner")
    Rsvp.objects.filter(pk=rsvp.pk).update(reminded_at=timezone.now())
    details = services.EventDetails(
        kind=event.kind,
        title=event.title,
        starts_at=event.starts_at + timedelta(days=1),
        ends_at=event.ends_at + timedelta(days=1),
        timezone=event.timezone,
    )
    services.event_update(event=event, member=member(cast, "ta"), details=details)
    event.refresh_from_db()
    assert event.sequence == 1
    assert Rsvp.objects.get(pk=rsvp.pk).reminded_at is None


def test_cancelling_twice_changes_it_once(cast):
    event = event_make(cast)
    services.event_cancel(event=event, member=member(cast, "instructor"))
    services.event_cancel(event=event, member=member(cast, "instructor"))
    event.refresh_from_db()
    assert event.is_cancelled and event.sequence == 1


def test_attendance_sheet_lists_learners_going_first(cast):
    from rapport.events.selectors import attendance_sheet

    learner_make(cast, "zoe")
    event = event_make(cast, in_hours=-1)
    Rsvp.objects.create(event=event, user=cast.other_learner, status=RsvpStatus.GOING)
    rows = attendance_sheet(event=event)
    assert rows[0].membership.user == cast.other_learner and rows[0].going
    assert {r.membership.user.email for r in rows} == {
        "learner@example.test",
        "other_learner@example.test",
        "zoe@example.test",
    }


def test_people_coming_hear_when_an_event_moves_or_is_cancelled(cast):
    event = event_make(cast)
    going(event, cast, "learner")
    services.rsvp_set(event=event, member=member(cast, "other_learner"), status="not_going")
    details = services.EventDetails(
        kind=event.kind,
        title=event.title,
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.ends_at + timedelta(hours=1),
        timezone=event.timezone,
    )
    services.event_update(event=event, member=member(cast, "instructor"), details=details)
    services.event_cancel(event=event, member=member(cast, "instructor"))
    notes = Notification.objects.filter(kind=NotificationKind.EVENT_REMINDER)
    assert sorted(notes.values_list("title", flat=True)) == [
        "Cancelled: Fun Friday",
        "New time: Fun Friday",
    ]
    assert set(notes.values_list("recipient_id", flat=True)) == {cast.learner.pk}


@pytest.mark.parametrize(
    ("title", "told"),
    [
        ("Show us your pet", "Fun Friday: Show us your pet"),
        ("Fun Friday: show us your pet", "Fun Friday: show us your pet"),
        ("fun friday quiz", "fun friday quiz"),
    ],
)
def test_the_announcement_names_the_kind_once(
    cast, django_capture_on_commit_callbacks, title, told
):
    with django_capture_on_commit_callbacks(execute=True):
        event_make(cast, title=title)
    titles = Notification.objects.filter(kind=NotificationKind.EVENT_ANNOUNCED).values_list(
        "title", flat=True
    )
    assert set(titles) == {told}
