"""What the engine is told about a class: free hours from the intro survey's availability,
interests, and isolated learners first."""

import pytest

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.groups.inputs import class_inputs, hours_of_week
from rapport.groups.models import GroupSet
from rapport.groups.testing import learner_make
from rapport.surveys import intro
from rapport.surveys.testing import ANSWERS, survey_answered_by


def test_free_time_becomes_the_hours_of_the_week_it_covers():
    # Tuesday 18:00-20:00 UTC, and Saturday 09:40-10:10 (only 20 minutes of 9:00, 10 of 10:00)
    assert hours_of_week([[1, 18 * 60, 20 * 60]]) == frozenset({24 + 18, 24 + 19})
    assert hours_of_week([[5, 9 * 60 + 40, 10 * 60 + 10]]) is None
    assert hours_of_week([[6, 23 * 60, 24 * 60]]) == frozenset({6 * 24 + 23})
    assert hours_of_week([]) is None and hours_of_week(None) is None
    assert hours_of_week([["x", 1, 2], [9, 0, 60], [0, 120, 60]]) is None  # malformed


@pytest.mark.django_db
def test_the_class_is_read_from_the_survey_with_isolated_learners_first(cast):
    third = learner_make(cast, "third")
    survey_answered_by(
        third,
        course=cast.course,
        answers={
            **ANSWERS,
            intro.INTERESTS: ["Hiking", " birds "],
            intro.BEST_TIMES: [[2, 600, 720]],
        },
    )
    touchpoints.record(
        course=cast.course,
        kind=TouchpointKind.POST_REPLY,
        actor=cast.learner,
        subject=cast.other_learner,
    )
    group_set = GroupSet.objects.create(course=cast.course, title="Partners")
    inputs = class_inputs(group_set)
    assert [learner.id for learner in inputs.learners][0] == third.pk
    assert inputs.isolated == {third.pk}
    read = {learner.id: learner for learner in inputs.learners}
    assert read[third.pk].interests == {"hiking", "birds"}
    assert read[third.pk].availability == frozenset({2 * 24 + 10, 2 * 24 + 11})
    assert read[cast.learner.pk].availability is None  # said nothing: free at any hour
