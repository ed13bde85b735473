"""Creating, editing, archiving a course and managing its join link."""

from datetime import date

import pytest
from django.utils.timezone import now

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.courses import selectors, services
from rapport.courses.models import Membership, Role, normalize_join_code
from rapport.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_creator_becomes_the_instructor_and_joining_is_recorded():
    creator = UserFactory()
    course = services.course_create(
        creator=creator, title="Marine Biology", timezone="Africa/Lagos"
    )
    membership = Membership.objects.get(course=course, user=creator)
    assert membership.role == Role.INSTRUCTOR and membership.is_active
    assert course.created_by == creator
    assert Touchpoint.objects.filter(
        course=course, kind=TouchpointKind.COURSE_JOINED, subject=creator
    ).exists()


def test_course_slug_comes_from_the_title_and_stays_unique():
    creator = UserFactory()
    first = services.course_create(creator=creator, title="Marine Biology!")
    second = services.course_create(creator=creator, title="Marine biology")
    third = services.course_create(creator=creator, title="Marine  Biology")
    assert [first.slug, second.slug, third.slug] == [
        "marine-biology",
        "marine-biology-2",
        "marine-biology-3",
    ]


def test_title_without_latin_letters_still_gets_a_slug():
    course = services.course_create(creator=UserFactory(), title="数学")
    assert course.slug == "course"


def test_end_date_before_start_date_is_refused():
    with pytest.raises(Refused, match="end date"):
        services.course_create(
            creator=UserFactory(),
            title="Backwards",
            starts_on=date(2027, 2, 1),
            ends_on=date(2027, 1, 1),
        )


def test_only_instructors_may_edit_the_course(cast):
    with pytest.raises(Refused):
        services.course_update(course=cast.course, actor=cast.ta, title="Hijacked")
    services.course_update(course=cast.course, actor=cast.instructor, title="Env Sci 2")
    cast.course.refresh_from_db()
    assert cast.course.title == "Env Sci 2"
    assert cast.course.slug == "env-sci"


def test_rotating_the_code_makes_the_old_one_stop_working(cast):
    old = cast.course.join_code
    new = services.course_join_code_rotate(course=cast.course, actor=cast.instructor)
    assert new != old
    assert selectors.course_for_join_code(old) is None
    assert selectors.course_for_join_code(new) == cast.course


def test_codes_are_found_whatever_the_case_and_spacing(cast):
    cast.course.join_code = "K7Q2MXRA"
    cast.course.save()
    assert selectors.course_for_join_code(" k7q2 mxra ") == cast.course
    assert selectors.course_for_join_code("K7Q2-MXRA") == cast.course
    assert selectors.course_for_join_code("https://x.test/join/K7Q2MXRA/") == cast.course


def test_normalize_join_code_ignores_what_people_add():
    assert normalize_join_code("  ab cd\tef ") == "ABCDEF"
    assert normalize_join_code("") == ""


def test_archive_and_unarchive(cast):
    services.course_archive(course=cast.course, actor=cast.instructor)
    assert cast.course.archived_at is not None
    services.course_unarchive(course=cast.course, actor=cast.instructor)
    assert cast.course.archived_at is None


def test_tas_cannot_archive(cast):
    with pytest.raises(Refused):
        services.course_archive(course=cast.course, actor=cast.ta)


def test_join_settings_switch_off_and_set_expiry(cast):
    expires = now().replace(microsecond=0)
    services.course_join_settings_update(
        course=cast.course, actor=cast.instructor, join_enabled=False, expires_at=expires
    )
    cast.course.refresh_from_db()
    assert cast.course.join_enabled is False
    assert cast.course.join_code_expires_at == expires


def test_dashboard_groups_teaching_learning_and_archived():
    person = UserFactory()
    teaching = CourseFactory(title="A teaching")
    learning = CourseFactory(title="B learning")
    archived = CourseFactory(title="C archived", archived_at=now())
    left = CourseFactory(title="D left")
    Membership.objects.create(course=teaching, user=person, role=Role.TA)
    Membership.objects.create(course=learning, user=person, role=Role.LEARNER)
    Membership.objects.create(course=archived, user=person, role=Role.INSTRUCTOR)
    Membership.objects.create(course=left, user=person, status="left")
    dashboard = selectors.dashboard_for(user=person)
    assert [m.course for m in dashboard.teaching] == [teaching]
    assert [m.course for m in dashboard.learning] == [learning]
    assert [m.course for m in dashboard.archived] == [archived]


def test_local_time_label_names_the_city():
    from datetime import UTC, datetime

    person = UserFactory(timezone="Africa/Lagos")
    at = datetime(2027, 3, 1, 14, 42, tzinfo=UTC)  # 15:42 in Lagos
    assert selectors.local_time_label(person, at) == "3:42 pm in Lagos"
    person.timezone, person.timezone_chosen = "UTC", True
    assert selectors.local_time_label(person, at.replace(hour=0, minute=5)) == "12:05 am (UTC)"


def test_local_time_label_says_when_no_zone_was_ever_chosen(cast, client_for):
    cast.learner.timezone, cast.learner.timezone_chosen = "UTC", False
    cast.learner.save()
    assert selectors.local_time_label(cast.learner) == "time zone not chosen yet"
    staff = client_for("instructor")
    card = staff.get(f"/c/{cast.course.slug}/learners/{cast.learner.pk}/").content.decode()
    roster = staff.get(f"/c/{cast.course.slug}/learners/").content.decode()
    assert "time zone not chosen yet" in card and "time zone not chosen yet" in roster
    assert "(UTC)" not in card
