"""Planning several rounds: as long as it is possible, nobody meets anyone twice."""

import itertools
from collections import Counter

import pytest

from rapport.groups.engine import Criterion, GroupingError, GroupingProblem, schedule_rounds
from rapport.groups.engine.designs import seed_rounds
from rapport.groups.engine.testing import synthetic_learners


def meetings(rounds: list[list[list[int]]]) -> Counter:
    return Counter(
        frozenset(pair)
        for groups in rounds
        for group in groups
        for pair in itertools.combinations(group, 2)
    )


@pytest.mark.parametrize(
    ("n", "k", "rounds"), [(32, 4, 9), (16, 4, 5), (9, 3, 4), (8, 2, 7), (27, 3, 13)]
)
def test_designs_give_rounds_without_a_repeated_pair(n, k, rounds):
    design = seed_rounds(n, k)
    assert len(design) == rounds
    for groups in design:
        assert sorted(x for group in groups for x in group) == list(range(n))
        assert {len(group) for group in groups} == {k}
    assert max(meetings(design).values()) == 1


def test_a_round_robin_of_pairs_meets_everyone_once():
    schedule = schedule_rounds(GroupingProblem(range(1, 9), group_size=2), rounds=7)
    assert schedule.repeated_pairs == 0
    met = meetings([grouping.groups for grouping in schedule.rounds])
    assert len(met) == 28 and set(met.values()) == {1}


def test_rounds_searched_without_a_design_and_after_an_earlier_round():
    earlier = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]
    problem = GroupingProblem(
        synthetic_learners(12, seed=2),
        group_size=3,
        interests=Criterion("similar"),
        earlier_rounds=[earlier],
        seed=4,
    )
    schedule = schedule_rounds(problem, rounds=3, designs=False)
    assert schedule.repeated_pairs == 0
    assert [grouping.evaluation.repeated_pairs for grouping in schedule.rounds] == [0, 0, 0]
    met = meetings([earlier] + [grouping.groups for grouping in schedule.rounds])
    assert set(met.values()) == {1}


def test_hard_rules_hold_in_every_round():
    problem = GroupingProblem(range(1, 17), group_size=4, keep_apart=[(1, 2), (3, 4)], seed=1)
    schedule = schedule_rounds(problem, rounds=3)
    assert schedule.repeated_pairs == 0
    for grouping in schedule.rounds:
        where = {x: number for number, group in enumerate(grouping.groups) for x in group}
        assert where[1] != where[2] and where[3] != where[4]
        assert grouping.evaluation.violations == []


def test_learners_kept_together_are_no_repeat():
    """5 and 6 meet every round, which is asked for; only other pairs count as repeats.
    (Sixteen in fours with one pair always together cannot go three rounds without some
    repeat, so the plan minimises them.)"""
    problem = GroupingProblem(range(1, 17), group_size=4, keep_together=[(5, 6)], seed=1)
    schedule = schedule_rounds(problem, rounds=3, repair_steps=300)
    met = meetings([grouping.groups for grouping in schedule.rounds])
    assert met[frozenset((5, 6))] == 3
    del met[frozenset((5, 6))]
    assert schedule.repeated_pairs == sum(count - 1 for count in met.values())
    assert schedule.rounds[0].evaluation.repeated_pairs == 0


def test_more_rounds_than_possible_minimise_repeats_and_say_so():
    schedule = schedule_rounds(
        GroupingProblem(range(1, 7), group_size=3, seed=2), rounds=4, repair_steps=500
    )
    met = meetings([grouping.groups for grouping in schedule.rounds])
    assert schedule.repeated_pairs == sum(count - 1 for count in met.values())
    assert schedule.repeated_pairs > 0  # six learners in threes run out after two rounds


def test_the_same_seed_plans_the_same_rounds():
    problem = GroupingProblem(synthetic_learners(12, seed=8), group_size=3, seed=3)
    first = schedule_rounds(problem, rounds=3)
    assert [g.groups for g in schedule_rounds(problem, rounds=3).rounds] == [
        g.groups for g in first.rounds
    ]


def test_at_least_one_round():
    with pytest.raises(GroupingError, match="at least one round"):
        schedule_rounds(GroupingProblem(range(4)), rounds=0)


def test_progress_is_told_in_steps_forward_up_to_done():
    from rapport.groups.engine import GroupingProblem, schedule_rounds, solve

    heard: list[float] = []
    problem = GroupingProblem(list(range(12)), group_size=3, on_progress=heard.append)
    schedule_rounds(problem, rounds=3)
    assert heard and heard[-1] == 1.0
    assert heard == sorted(heard) and len(set(heard)) == len(heard)
    once: list[float] = []
    solve(GroupingProblem(list(range(12)), group_size=3, on_progress=once.append))
    assert once[-1] == 1.0
