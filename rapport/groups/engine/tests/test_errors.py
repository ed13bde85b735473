"""Input that cannot be grouped is refused up front, with a message naming the conflict."""

import pytest

from rapport.groups.engine import GroupingError, GroupingProblem, Learner, evaluate, solve


def free(*hours: int, learner: int) -> Learner:
    return Learner(id=learner, availability=frozenset(hours))


@pytest.mark.parametrize(
    ("learners", "size", "words"),
    [
        ([1, 2, 3], 1, "at least 2 members"),
        ([1, 2, 3], 4, "larger than the class"),
        ([1], 2, "at least 2 learners"),
        ([1, 2, 2, 3], 2, "Learner 2 is listed more than once"),
        (list(range(7)), 5, "cannot be split into groups of 4 to 6"),
    ],
)
def test_sizes_and_ids(learners, size, words):
    with pytest.raises(GroupingError, match=words):
        GroupingProblem(learners, group_size=size)


def test_grouping_error_is_a_value_error():
    assert issubclass(GroupingError, ValueError)


def test_a_keep_together_chain_larger_than_any_group():
    with pytest.raises(GroupingError, match="chain learners 1, 2, 3, 4 into 4, more than"):
        solve(GroupingProblem(range(1, 11), group_size=2, keep_together=[(1, 2), (2, 3), (3, 4)]))


def test_a_pair_kept_together_and_apart():
    with pytest.raises(GroupingError, match="Learners 3 and 1 are both kept together and kept"):
        GroupingProblem(range(1, 7), keep_together=[(1, 3)], keep_apart=[(3, 1)])


def test_kept_apart_but_chained_together():
    with pytest.raises(GroupingError, match="Learners 1 and 3 are kept apart, but keep-together"):
        solve(
            GroupingProblem(
                range(1, 9), group_size=4, keep_together=[(1, 2), (2, 3)], keep_apart=[(1, 3)]
            )
        )


def test_unknown_learner_in_a_constraint():
    with pytest.raises(GroupingError, match="Unknown learner 99 in a keep-apart pair"):
        GroupingProblem(range(1, 7), keep_apart=[(1, 99)])
    with pytest.raises(GroupingError, match="Unknown learner 42 in a keep-together pair"):
        GroupingProblem(range(1, 7), keep_together=[(42, 1)])


def test_kept_together_but_without_enough_shared_hours():
    learners = [
        free(0, 1, 2, learner=1),
        free(2, 3, 4, learner=2),
        free(0, 1, 2, 3, 4, learner=3),
        free(0, 1, 2, 3, 4, learner=4),
    ]
    problem = GroupingProblem(learners, group_size=2, min_shared_hours=2, keep_together=[(1, 2)])
    with pytest.raises(GroupingError, match="Learners 1, 2 are kept together but share only 1"):
        solve(problem)


def test_a_learner_free_fewer_hours_than_groups_must_share():
    learners = [free(0, 1, 2, learner=number) for number in (1, 2, 3)] + [free(5, learner=4)]
    with pytest.raises(GroupingError, match="Learner 4 is free only 1 hour"):
        solve(GroupingProblem(learners, group_size=2, min_shared_hours=2))


def test_no_grouping_meets_the_shared_hours_rule():
    learners = [
        free(0, 1, learner=1),
        free(0, 1, learner=2),
        free(10, 11, learner=3),
        free(20, 21, learner=4),
    ]
    with pytest.raises(GroupingError, match=r"learner (3|4) cannot be placed") as raised:
        solve(GroupingProblem(learners, group_size=2, min_shared_hours=2))
    assert "at least 2 hours a week" in str(raised.value)


def test_hours_outside_the_week_and_mixed_attributes():
    with pytest.raises(GroupingError, match="outside 0–167: 168"):
        GroupingProblem([free(168, learner=1), 2])
    with pytest.raises(GroupingError, match="mixes numbers and categories"):
        GroupingProblem([Learner(1, attribute=3), Learner(2, attribute="arts")])


def test_evaluate_refuses_a_grouping_that_is_not_a_partition():
    problem = GroupingProblem(range(1, 5), group_size=2)
    with pytest.raises(GroupingError, match="Learner 2 is in more than one group"):
        evaluate(problem, [[1, 2], [2, 3, 4]])
    with pytest.raises(GroupingError, match="Learner 4 is in no group"):
        evaluate(problem, [[1, 2], [3]])
