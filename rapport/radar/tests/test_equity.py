"""Attention equity on known distributions, and from a hand-built ledger."""

import pytest

from rapport.core.kinds import TouchpointKind as K
from rapport.radar.equity import course_equity, gini, least_contacted_fifth, share_reached
from rapport.radar.tests.ledgers import NOW, checkin, joined, moment


def test_gini_is_zero_when_everyone_gets_the_same():
    assert gini([3, 3, 3, 3]) == 0
    assert gini([0, 0, 0]) == 0
    assert gini([]) == 0


def test_gini_is_n_minus_one_over_n_when_one_person_gets_everything():
    assert gini([0, 0, 0, 0, 8]) == pytest.approx(4 / 5)
    assert gini([5, 0]) == pytest.approx(1 / 2)


def test_gini_of_a_known_uneven_spread():
    # mean absolute difference / (2 * mean) for [1, 2, 3]: (8/9) / 4 = 2/9
    assert gini([3, 1, 2]) == pytest.approx(2 / 9)


def test_share_reached_and_least_contacted_fifth():
    assert share_reached([0, 1, 2, 0]) == 0.5
    assert share_reached([]) == 0
    counts = {"a": 4, "b": 0, "c": 2, "d": 1, "e": 3, "f": 5}
    assert least_contacted_fifth(counts) == ["b", "d"]  # a fifth of six, rounded up


@pytest.mark.django_db
def test_course_equity_from_the_ledger_per_course_and_per_staff(cast):
    course = cast.course
    joined(course, cast.learner, cast.other_learner)
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.learner, days=2)
    moment(course, K.FEEDBACK_GIVEN, cast.ta, cast.learner, days=10)
    moment(course, K.POST_REPLY, cast.ta, cast.other_learner, days=9)
    checkin(course, cast.instructor, days=1, target=cast.outsider)  # a broadcast: no one
    figures = course_equity(course=course, now=NOW)
    assert figures.course.learners == 2
    assert figures.course.reached_7_days == 0.5
    assert figures.course.reached_previous_7_days == 1.0
    assert figures.course.week_change == -0.5
    assert figures.course.reached_14_days == 1.0
    assert figures.course.gini_this_term == pytest.approx(gini([2, 1]))
    assert figures.course.least_contacted == [cast.other_learner]
    per_staff = dict(figures.per_staff)
    assert per_staff[cast.instructor].reached_14_days == 0.5
    assert per_staff[cast.ta].reached_14_days == 1.0
    assert per_staff[cast.ta].reached_7_days == 0
