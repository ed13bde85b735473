"""Applying a list of people to a course: matching, creating, idempotence, what a source
may change, per-row errors, dry runs, and a constant number of queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import JoinedVia, Membership, MembershipStatus, Role
from rapport.courses.services.roster import RosterOutcome, RosterPerson, roster_apply

pytestmark = pytest.mark.django_db
User = get_user_model()
IMPORTED = JoinedVia.IMPORTED


def people(count: int, start: int = 0, role: Role = Role.LEARNER) -> list[RosterPerson]:
    return [
        RosterPerson(email=f"New{n}@School.test ", full_name=f"Pupil {n}", role=role)
        for n in range(start, start + count)
    ]


def place(course, email: str) -> Membership:
    return Membership.objects.get(course=course, user__email=email)


def apply(cast, listed, **options) -> RosterOutcome:
    return roster_apply(course=cast.course, people=listed, source=IMPORTED, **options)


def test_new_people_are_created_with_an_unusable_password_and_added(cast):
    outcome = apply(cast, people(3), actor=cast.instructor)
    assert (outcome.created_users, outcome.added, outcome.errors) == (3, 3, [])
    user = User.objects.get(email="new0@school.test")
    assert user.full_name == "Pupil 0" and not user.has_usable_password()
    membership = place(cast.course, "new0@school.test")
    assert membership.joined_via == IMPORTED and membership.role == Role.LEARNER
    assert membership.is_active
    assert Touchpoint.objects.filter(kind=TouchpointKind.COURSE_JOINED, subject=user).exists()


def test_existing_people_are_matched_by_email_in_any_case(cast):
    outcome = apply(cast, [RosterPerson(email="  OUTSIDER@example.TEST")])
    assert (outcome.created_users, outcome.added) == (0, 1)
    assert place(cast.course, "outsider@example.test").user == cast.outsider


def test_a_given_user_id_is_matched_whatever_the_email(cast):
    outcome = roster_apply(
        course=cast.course,
        people=[RosterPerson(user_id=cast.outsider.pk, role=Role.TA)],
        source=JoinedVia.LTI,
    )
    assert outcome.added == 1
    assert place(cast.course, cast.outsider.email).joined_via == JoinedVia.LTI


def test_applying_the_same_list_twice_writes_nothing_the_second_time(cast):
    listed = people(4) + [RosterPerson(email=cast.learner.email)]
    apply(cast, listed)
    with CaptureQueriesContext(connection) as context:
        again = apply(cast, listed)
    writes = [q["sql"] for q in context if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert again.unchanged == 5 and not again.changed()


def test_a_role_changes_only_where_this_source_placed_the_person(cast):
    apply(cast, people(1))
    outcome = apply(
        cast,
        [
            RosterPerson(email="new0@school.test", role=Role.TA),
            RosterPerson(email=cast.learner.email, role=Role.INSTRUCTOR),  # joined by hand
        ],
    )
    assert (outcome.role_changed, outcome.unchanged) == (1, 1)
    assert place(cast.course, "new0@school.test").role == Role.TA
    assert place(cast.course, cast.learner.email).role == Role.LEARNER


def test_another_source_does_not_change_what_this_one_placed(cast):
    apply(cast, people(1))
    outcome = roster_apply(
        course=cast.course,
        people=[RosterPerson(email="new0@school.test", role=Role.TA)],
        source=JoinedVia.LTI,
    )
    assert outcome.unchanged == 1
    assert place(cast.course, "new0@school.test").role == Role.LEARNER


def test_the_last_instructor_is_never_demoted(cast):
    Membership.objects.filter(course=cast.course, user=cast.instructor).update(joined_via=IMPORTED)
    outcome = apply(cast, [RosterPerson(email=cast.instructor.email, role=Role.LEARNER)])
    assert outcome.role_changed == 0
    assert str(outcome.errors[0]).startswith("Row 1: role: This person is the course's only")
    assert place(cast.course, cast.instructor.email).role == Role.INSTRUCTOR


def test_remove_missing_removes_only_people_this_source_added(cast):
    apply(cast, people(3))
    outcome = apply(cast, people(2), remove_missing=True)
    assert (outcome.removed, outcome.unchanged) == (1, 2)
    assert place(cast.course, "new2@school.test").status == MembershipStatus.REMOVED
    for name in ("instructor", "ta", "learner", "other_learner"):
        assert place(cast.course, getattr(cast, name).email).is_active


def test_people_on_rows_skipped_for_another_problem_are_not_removed(cast):
    apply(cast, people(2))
    listed = people(1) + [RosterPerson(email="new1@school.test", role="wizard")]
    outcome = apply(cast, listed, remove_missing=True)
    assert outcome.removed == 0 and len(outcome.errors) == 1
    assert place(cast.course, "new1@school.test").is_active


def test_a_row_the_caller_could_not_read_is_reported_and_its_person_kept(cast):
    apply(cast, people(1))
    unreadable = RosterPerson(email="new0@school.test", row=5, problem=("role", "'Parent'?"))
    outcome = apply(cast, [unreadable], remove_missing=True)
    assert [str(error) for error in outcome.errors] == ["Row 5: role: 'Parent'?"]
    assert outcome.removed == 0 and place(cast.course, "new0@school.test").is_active


def test_a_list_with_no_usable_row_removes_nobody(cast):
    apply(cast, people(2))
    with pytest.raises(Refused, match="None of the 2 rows can be used, so nobody is removed"):
        apply(cast, [RosterPerson(email="bob@"), RosterPerson(email="")], remove_missing=True)
    assert place(cast.course, "new0@school.test").is_active


def test_errors_come_in_row_order(cast):
    Membership.objects.filter(course=cast.course, user=cast.instructor).update(joined_via=IMPORTED)
    outcome = apply(
        cast,
        [
            RosterPerson(email=cast.instructor.email, role=Role.LEARNER, row=2),
            RosterPerson(email="bad@", row=3),
        ],
    )
    assert [error.row for error in outcome.errors] == [2, 3]


def test_without_remove_missing_nobody_is_removed(cast):
    apply(cast, people(3))
    assert apply(cast, people(1)).removed == 0


def test_people_who_had_gone_are_brought_back(cast):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        status=MembershipStatus.LEFT
    )
    outcome = apply(cast, [RosterPerson(email=cast.learner.email)])
    assert outcome.reactivated == 1
    membership = place(cast.course, cast.learner.email)
    assert membership.is_active and membership.joined_via == IMPORTED


def test_bad_rows_are_reported_and_skipped(cast):
    outcome = apply(
        cast,
        [
            RosterPerson(email="bob@", row=7),
            RosterPerson(email="ok@school.test", row=8),
            RosterPerson(email="OK@school.test", row=9),
            RosterPerson(email="odd@school.test", role="wizard", row=10),
            RosterPerson(email="", row=11),
            RosterPerson(email="tab@school.test", full_name="A\u202eB", row=12),
        ],
    )
    assert outcome.added == 1
    messages = [str(error) for error in outcome.errors]
    assert messages[0] == "Row 7: email: 'bob@' is not an email address."
    assert messages[1].startswith("Row 9: email: 'ok@school.test' is already on row 8")
    assert messages[2].startswith("Row 10: role: 'wizard' is not a role")
    assert messages[3] == "Row 11: email: An email address is needed."
    assert messages[4].startswith("Row 12: name:")
    assert not User.objects.filter(email__in=["odd@school.test", "tab@school.test"]).exists()


def test_an_unknown_user_id_is_a_row_error(cast):
    outcome = roster_apply(
        course=cast.course, people=[RosterPerson(user_id=999_999)], source=JoinedVia.LTI
    )
    assert str(outcome.errors[0]) == "Row 1: user: No person 999999 in Rapport."


def test_a_dry_run_counts_the_same_and_writes_nothing(cast):
    apply(cast, people(2))
    listed = people(3, start=1) + [RosterPerson(email=cast.learner.email)]
    users, memberships = User.objects.count(), Membership.objects.count()
    dry = apply(cast, listed, remove_missing=True, dry_run=True)
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert place(cast.course, "new0@school.test").is_active
    real = apply(cast, listed, remove_missing=True)
    assert dry == real
    assert (real.created_users, real.added, real.removed, real.unchanged) == (2, 2, 1, 2)


def test_only_instructors_may_import(cast):
    with pytest.raises(Refused, match="instructors"):
        apply(cast, people(1), actor=cast.ta)
    assert not User.objects.filter(email="new0@school.test").exists()


def test_staff_get_one_note_for_the_whole_list(cast):
    apply(cast, people(5), actor=cast.instructor)
    notes = Notification.objects.filter(kind=NotificationKind.MEMBER_JOINED)
    assert [note.recipient for note in notes] == [cast.ta]
    assert (
        notes[0].title == "Imported from a class list: 5 people joined in Environmental Science 101"
    )
    assert not Notification.objects.filter(recipient__email__startswith="new").exists()


def test_progress_is_reported_up_to_the_end(cast):
    seen: list[float] = []
    apply(cast, people(3), on_progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_an_archived_course_takes_nobody(cast):
    cast.course.archived_at = cast.course.created_at
    cast.course.save()
    with pytest.raises(Refused, match="archived"):
        apply(cast, people(1))


def queries_to_apply(cast, listed, **options) -> int:
    with CaptureQueriesContext(connection) as context:
        apply(cast, listed, **options)
    return len(context.captured_queries)


def queries_to_change(cast, size: int, start: int) -> int:
    """Queries to apply a list that adds ``size`` learners, makes half of the TAs listed
    before learners and removes the other half (the staff told stay the same)."""
    apply(cast, people(size, start=start, role=Role.TA))
    listed = people(size // 2, start=start) + people(size, start=start + size)
    with CaptureQueriesContext(connection) as context:
        outcome = apply(cast, listed, remove_missing=True)
    assert outcome.added == size and outcome.role_changed == size // 2
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_people(cast):
    assert queries_to_change(cast, 4, start=0) == queries_to_change(cast, 30, start=1000)


def test_a_large_list_costs_only_its_bulk_batches(cast):
    # SQLite takes at most 999 values per statement, so Django splits each bulk write into
    # batches (about 37 new people per INSERT): a few queries per hundred people, never one
    # per person.
    assert queries_to_change(cast, 300, start=0) < 300 // 6
