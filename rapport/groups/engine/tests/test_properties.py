"""Properties every grouping keeps, on classes drawn at random: everyone placed once, sizes
within bounds, hard rules kept, no repeated pair when a grouping without one exists, and the
same answer for the same seed."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.groups.engine import (
    Criterion,
    GroupingError,
    GroupingProblem,
    Learner,
    group_sizes,
    solve,
)

TOPICS = ("chess", "film", "hiking", "music", "reading", "travel")
MODES = st.sampled_from(["similar", "different", "ignore"])
STEPS = 300  # enough to settle classes this small, and keeps the run short
quick = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw) -> GroupingProblem:
    n = draw(st.integers(2, 14))
    k = draw(st.integers(2, min(5, n)))
    try:
        group_sizes(n, k)
    except GroupingError:
        k = 2
    learners = []
    for number in range(1, n + 1):
        hours = draw(st.none() | st.frozensets(st.integers(0, 11), min_size=3))
        learners.append(
            Learner(
                id=number * 7,  # ids need not be 0..n−1
                interests=draw(st.frozensets(st.sampled_from(TOPICS), max_size=3)),
                availability=hours,
                attribute=draw(st.none() | st.integers(1, 5)),
            )
        )
    ids = [person.id for person in learners]
    pairs = st.lists(
        st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]),
        max_size=2,
    )
    together = draw(pairs)[:1]
    apart = [pair for pair in draw(pairs) if set(pair) != set(together[0] if together else ())]
    return GroupingProblem(
        learners,
        group_size=k,
        interests=Criterion(draw(MODES), draw(st.sampled_from([0.5, 1.0, 2.0]))),
        availability=Criterion(draw(MODES)),
        attribute=Criterion(draw(MODES)),
        min_shared_hours=draw(st.sampled_from([None, None, 1])),
        keep_together=together,
        keep_apart=apart,
        seed=draw(st.integers(0, 3)),
        max_iterations=STEPS,
    )


@quick
@given(problems())
def test_every_grouping_keeps_the_rules(problem):
    try:
        grouping = solve(problem)
    except GroupingError:
        return  # shared hours or kept-apart pairs can leave no grouping; that is an answer
    groups = grouping.groups
    placed = sorted(learner for group in groups for learner in group)
    assert placed == sorted(problem.ids)
    sizes = sorted(len(group) for group in groups)
    assert sizes == sorted(group_sizes(len(problem.ids), problem.group_size))
    assert min(sizes) >= 2
    where = {learner: number for number, group in enumerate(groups) for learner in group}
    for a, b in problem.keep_apart:
        assert where[a] != where[b]
    for a, b in problem.keep_together:
        assert where[a] == where[b]
    if problem.min_shared_hours:
        people = {person.id: person for person in problem.members}
        for group in groups:
            free = [people[learner].availability for learner in group]
            known = [hours for hours in free if hours is not None]
            if known:
                assert len(frozenset.intersection(*known)) >= problem.min_shared_hours
    assert grouping.evaluation.violations == []
    assert 0 <= grouping.evaluation.worst <= grouping.evaluation.mean <= 1


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_same_seed_same_groups(problem):
    try:
        first = solve(problem)
    except GroupingError:
        return
    assert solve(problem).groups == first.groups


@quick
@given(
    st.permutations(range(1, 9)),
    st.sampled_from([(2, 8), (3, 12), (4, 16)]),
    st.integers(0, 5),
)
def test_no_repeated_pair_when_a_fresh_grouping_exists(order, shape, seed):
    """After one round, a second one without any repeated pair exists for these shapes (a
    round of pairs of 8, or of threes of 12, or of fours of 16), and is found."""
    k, n = shape
    people = list(order) + list(range(9, n + 1))
    earlier = [people[start : start + k] for start in range(0, n, k)]
    problem = GroupingProblem(
        range(1, n + 1), group_size=k, earlier_rounds=[earlier], seed=seed, max_iterations=STEPS
    )
    grouping = solve(problem)
    assert grouping.evaluation.repeated_pairs == 0
    met = {frozenset(pair) for group in earlier for pair in itertools.combinations(group, 2)}
    for group in grouping.groups:
        assert not any(frozenset(pair) in met for pair in itertools.combinations(group, 2))
