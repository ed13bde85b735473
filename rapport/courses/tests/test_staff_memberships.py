"""The course's teaching team by user id, as every feature draws staff faces and badges."""

import pytest

from rapport.courses.models import Membership, MembershipStatus
from rapport.courses.selectors import staff_memberships

pytestmark = pytest.mark.django_db


def test_only_the_active_teaching_team_of_that_course(cast):
    staff = staff_memberships(course=cast.course)
    assert set(staff) == {cast.instructor.pk, cast.ta.pk}
    assert staff[cast.ta.pk].user == cast.ta


def test_a_former_teacher_counts_only_when_asked(cast):
    Membership.objects.filter(course=cast.course, user=cast.ta).update(
        status=MembershipStatus.REMOVED
    )
    assert set(staff_memberships(course=cast.course)) == {cast.instructor.pk}
    assert set(staff_memberships(course=cast.course, include_former=True)) == {
        cast.instructor.pk,
        cast.ta.pk,
    }
