"""The one set of membership guards every service starts with."""

import pytest
from django.contrib.auth.models import AnonymousUser

from rapport.core.refusals import Refused
from rapport.courses.memberships import (
    active_membership,
    require_instructor,
    require_learner,
    require_member,
    require_staff,
)
from rapport.courses.models import Membership, MembershipStatus

pytestmark = pytest.mark.django_db

GUARDS_AND_WHO_PASSES = [
    (require_member, {"instructor", "ta", "learner"}),
    (require_staff, {"instructor", "ta"}),
    (require_instructor, {"instructor"}),
    (require_learner, {"learner"}),
]


@pytest.mark.parametrize(("guard", "passes"), GUARDS_AND_WHO_PASSES)
@pytest.mark.parametrize("name", ["instructor", "ta", "learner", "outsider"])
def test_each_guard_lets_only_its_roles_through(cast, guard, passes, name):
    user = getattr(cast, name)
    if name in passes:
        membership = guard(course=cast.course, user=user)
        assert (membership.course, membership.user) == (cast.course, user)
    else:
        with pytest.raises(Refused):
            guard(course=cast.course, user=user)


@pytest.mark.parametrize("guard", [require_member, require_staff, require_instructor])
def test_a_membership_of_another_course_does_not_count(cast, guard):
    # The outsider instructs the other course: let in there, refused here.
    assert guard(course=cast.other_course, user=cast.outsider).course == cast.other_course
    with pytest.raises(Refused):
        guard(course=cast.course, user=cast.outsider)


@pytest.mark.parametrize("status", [s for s in MembershipStatus if s != MembershipStatus.ACTIVE])
def test_only_active_memberships_count(cast, status):
    Membership.objects.filter(course=cast.course, user=cast.instructor).update(status=status)
    with pytest.raises(Refused, match="teaching team"):
        require_staff(course=cast.course, user=cast.instructor)
    assert active_membership(course=cast.course, user=cast.instructor) is None


@pytest.mark.parametrize("nobody", [None, AnonymousUser()])
def test_nobody_and_an_anonymous_visitor_are_refused(cast, nobody):
    with pytest.raises(Refused, match="not a member"):
        require_member(course=cast.course, user=nobody)


def test_the_default_words_and_a_feature_s_own(cast):
    with pytest.raises(Refused, match="^Instructor isn't a learner in this course.$"):
        require_learner(course=cast.course, user=cast.instructor)
    with pytest.raises(Refused, match="^Only the course's instructors can do that.$"):
        require_instructor(course=cast.course, user=cast.ta)
    with pytest.raises(Refused, match="^Only learners answer this.$"):
        require_learner(course=cast.course, user=cast.ta, refusal="Only learners answer this.")


def test_lock_returns_the_same_membership(cast):
    locked = require_learner(course=cast.course, user=cast.learner, lock=True)
    assert locked == Membership.objects.get(course=cast.course, user=cast.learner)
