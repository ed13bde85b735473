"""Each criterion's group score, the group-size rule and the hour helpers, on values worked
out by hand."""

import pytest

from rapport.groups.engine import (
    Criterion,
    GroupingProblem,
    Learner,
    describe_slots,
    evaluate,
    fixed_offset,
    group_sizes,
    weekdays,
)

SIMILAR, DIFFERENT = Criterion("similar"), Criterion("different")


def test_interests_score_the_mean_jaccard_index_of_the_pairs():
    learners = [
        Learner(1, interests=frozenset({"chess", "film"})),
        Learner(2, interests=frozenset({"chess"})),
        Learner(3, interests=frozenset({"hiking"})),
        Learner(4, interests=frozenset({"hiking", "film"})),
    ]
    problem = GroupingProblem(learners, group_size=2, interests=SIMILAR)
    result = evaluate(problem, [[1, 2], [3, 4]])
    assert result.scores == pytest.approx([1 / 2, 1 / 2])
    result = evaluate(problem, [[1, 4], [2, 3]])  # film shared of 3 topics; nothing shared
    assert result.scores == pytest.approx([1 / 3, 0])
    assert (result.worst, result.mean) == pytest.approx((0, 1 / 6))
    different = GroupingProblem(learners, group_size=2, interests=DIFFERENT)
    assert evaluate(different, [[1, 4], [2, 3]]).scores == pytest.approx([2 / 3, 1])


def test_shared_hours_of_the_whole_group_capped_at_the_target():
    hours = [range(0, 6), range(2, 8), range(3, 9), range(100, 103)]
    learners = [Learner(i + 1, availability=frozenset(h)) for i, h in enumerate(hours)]
    problem = GroupingProblem(learners, group_size=2, availability=SIMILAR, target_shared_hours=4)
    # {0..5} ∩ {2..7} = 4 hours (full); {3..8} ∩ {100..102} = none.
    assert evaluate(problem, [[1, 2], [3, 4]]).scores == pytest.approx([1, 0])
    # {0..5} ∩ {3..8} = 3 of 4 hours.
    assert evaluate(problem, [[1, 3], [2, 4]]).scores[0] == pytest.approx(3 / 4)


def test_a_numeric_attribute_homogeneous_or_spread():
    learners = [Learner(i + 1, attribute=value) for i, value in enumerate([1, 1, 5, 5, 3, 3])]
    similar = GroupingProblem(learners, group_size=2, attribute=SIMILAR)
    assert evaluate(similar, [[1, 2], [3, 4], [5, 6]]).scores == pytest.approx([1, 1, 1])
    assert evaluate(similar, [[1, 3], [2, 5], [4, 6]]).scores == pytest.approx([0, 0.5, 0.5])
    spread = GroupingProblem(learners, group_size=3, attribute=DIFFERENT)
    # A group of three spans the range with sum of distances 1 + 0.5 + 0.5 = 2 (the most).
    assert evaluate(spread, [[1, 3, 5], [2, 4, 6]]).scores == pytest.approx([1, 1])
    assert evaluate(spread, [[1, 2, 5], [3, 4, 6]]).scores == pytest.approx([0.5, 0.5])


def test_a_categorical_attribute_mixed_over_the_categories():
    values = ["arts", "arts", "science", "science"]
    learners = [Learner(i + 1, attribute=value) for i, value in enumerate(values)]
    spread = GroupingProblem(learners, group_size=2, attribute=DIFFERENT)
    assert evaluate(spread, [[1, 3], [2, 4]]).scores == [1, 1]
    assert evaluate(spread, [[1, 2], [3, 4]]).scores == [0, 0]


def test_weights_make_a_weighted_mean_and_repeats_count_against_the_objective():
    learners = [
        Learner(1, interests=frozenset({"chess"}), attribute=1),
        Learner(2, interests=frozenset({"chess"}), attribute=5),
        Learner(3, interests=frozenset({"film"}), attribute=1),
        Learner(4, interests=frozenset({"film"}), attribute=5),
    ]
    problem = GroupingProblem(
        learners,
        group_size=2,
        interests=Criterion("similar", weight=3),
        attribute=Criterion("similar", weight=1),
        earlier_rounds=[[[1, 2], [3, 4]]],
    )
    result = evaluate(problem, [[1, 2], [3, 4]])
    assert result.scores == pytest.approx([3 / 4, 3 / 4])
    assert result.repeated_pairs == 2
    assert result.objective == pytest.approx((3 / 4 - 2, 3 / 4 - 2))


def test_no_criterion_scores_every_group_one():
    problem = GroupingProblem(range(1, 7), group_size=3)
    assert evaluate(problem, [[1, 2, 3], [4, 5, 6]]).scores == [1, 1]


def test_broken_rules_are_reported():
    problem = GroupingProblem(range(1, 7), group_size=2, keep_apart=[(1, 2)])
    assert evaluate(problem, [[1, 2], [3, 4], [5, 6]]).violations == [
        "group 1 joins learners kept apart"
    ]
    assert evaluate(problem, [[1, 3, 5, 6], [2, 4]]).violations == [
        "group 1 has 4 members (2–2)",
        "2 groups instead of 3",
    ]
    together = GroupingProblem(range(1, 7), group_size=2, keep_together=[(1, 2)])
    assert evaluate(together, [[1, 3], [2, 4], [5, 6]]).violations == [
        "learners 1 and 2 are kept together but were split"
    ]


@pytest.mark.parametrize(
    ("n", "k", "sizes"),
    [
        (8, 4, [4, 4]),
        (9, 4, [5, 4]),  # one group of five rather than three groups of three
        (10, 4, [5, 5]),  # a tie (two groups off size either way): k + 1
        (15, 4, [4, 4, 4, 3]),  # one group of three rather than three of five
        (7, 4, [4, 3]),
        (11, 4, [4, 4, 3]),
        (5, 2, [3, 2]),
        (3, 3, [3]),
    ],
)
def test_group_sizes(n, k, sizes):
    assert group_sizes(n, k) == sizes
    assert min(sizes) >= 2


def test_hours_named_on_a_readers_clock():
    slots = {24 + 18, 24 + 19, 3 * 24 + 19}  # Tue 18:00–20:00 and Thu 19:00–20:00 UTC
    assert weekdays(slots) == ["Tue", "Thu"]
    assert describe_slots(slots) == "Tue 18:00–20:00, Thu 19:00–20:00"
    tokyo = fixed_offset(9 * 60)
    assert describe_slots(slots, tokyo) == "Wed 03:00–05:00, Fri 04:00–05:00"
    new_york = fixed_offset(-5 * 60)
    assert weekdays({0}, new_york) == ["Sun"]
    assert describe_slots({0}, fixed_offset(330)) == "Mon 05:30–06:30"
