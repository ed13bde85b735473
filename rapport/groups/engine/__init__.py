"""The grouping engine: partitions a class into groups (pairs, threes, fours…) that fit.

Plain Python and NumPy, with no Django, so it can be tested and measured on its own; the
app turns its models into a ``GroupingProblem`` and stores what comes back.

    problem = GroupingProblem(learners, group_size=4, interests=Criterion("similar"))
    grouping = solve(problem)            # groups, with their scores
    evaluate(problem, grouping.groups)   # worst and mean group score, per group
    explain(problem, grouping.groups[0]) # why a group fits, in words
    schedule_rounds(problem, rounds=6)   # several rounds, meeting new people each time

``exact.solve_exact`` (needs OR-Tools) solves small classes exactly, to check the engine.
"""

from rapport.groups.engine.evaluation import Evaluation, Evaluator, evaluate
from rapport.groups.engine.hours import (
    Clock,
    describe_slots,
    describe_week,
    fixed_offset,
    utc,
    weekdays,
)
from rapport.groups.engine.problem import (
    Criterion,
    GroupingError,
    GroupingProblem,
    Learner,
    group_sizes,
)
from rapport.groups.engine.reasons import Reason, explain, explain_all
from rapport.groups.engine.rotation import Schedule, schedule_rounds
from rapport.groups.engine.solve import Grouping, solve

__all__ = [
    "Clock",
    "Criterion",
    "Evaluation",
    "Evaluator",
    "Grouping",
    "GroupingError",
    "GroupingProblem",
    "Learner",
    "Reason",
    "Schedule",
    "describe_slots",
    "describe_week",
    "evaluate",
    "explain",
    "explain_all",
    "fixed_offset",
    "group_sizes",
    "schedule_rounds",
    "solve",
    "utc",
    "weekdays",
]
