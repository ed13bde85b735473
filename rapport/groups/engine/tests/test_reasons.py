"""Reasons on a small class worked out by hand, and that the engine stays free of Django."""

import subprocess
import sys

from rapport.groups.engine import (
    Criterion,
    GroupingProblem,
    Learner,
    explain,
    explain_all,
    fixed_offset,
    solve,
)

TUESDAY_EVENING = {24 + 18, 24 + 19}  # Tue 18:00–20:00 UTC
THURSDAY = 3 * 24 + 19  # Thu 19:00 UTC
FRIDAY_NIGHT = {4 * 24 + 4, 4 * 24 + 5}  # Fri 04:00–06:00 UTC


def hand_made() -> GroupingProblem:
    learners = [
        Learner(
            1, frozenset({"photography", "chess"}), frozenset(TUESDAY_EVENING | {THURSDAY, 10}), 1
        ),
        Learner(
            2,
            frozenset({"photography", "chess", "film"}),
            frozenset(TUESDAY_EVENING | {THURSDAY, 150}),
            5,
        ),
        Learner(3, frozenset({"hiking"}), frozenset(FRIDAY_NIGHT), 3),
        Learner(4, frozenset({"hiking", "film"}), frozenset(FRIDAY_NIGHT | {102}), 3),
    ]
    return GroupingProblem(
        learners,
        group_size=2,
        interests=Criterion("similar"),
        availability=Criterion("similar"),
        attribute=Criterion("different", weight=0.2),
        earlier_rounds=[[[1, 3], [2, 4]]],
    )


def texts(reasons) -> list[str]:
    return [reason.text for reason in reasons]


def test_reasons_for_a_hand_made_class():
    problem = hand_made()
    grouping = solve(problem)
    assert grouping.groups == [[1, 2], [3, 4]]
    first, second = explain_all(problem, grouping.groups)
    assert texts(first) == [
        "3 shared hours on Tue/Thu (UTC)",
        "all like chess and photography",
        "a mix of experience (1, 5)",
        "nobody has been grouped together before",
    ]
    assert first[0].slots == frozenset(TUESDAY_EVENING | {THURSDAY})
    assert texts(second) == [
        "2 shared hours on Fri (UTC)",
        "all like hiking",
        "nobody has been grouped together before",
    ]


def test_hours_in_the_readers_zone():
    problem = hand_made()
    new_york = explain(problem, [3, 4], clock=fixed_offset(-5 * 60), zone="New York")
    assert new_york[0].text == "2 shared hours on Thu/Fri (New York)"  # 23:00 and 00:00
    tokyo = explain(problem, [1, 2], clock=fixed_offset(9 * 60), zone="Tokyo")
    assert tokyo[0].text == "3 shared hours on Wed/Fri (Tokyo)"


def test_reasons_for_mixed_interests_and_repeats():
    problem = hand_made()
    mixed = GroupingProblem(
        problem.members,
        group_size=2,
        interests=Criterion("different"),
        attribute=Criterion("similar"),
        earlier_rounds=[[[1, 2]]],
    )
    assert texts(explain(mixed, [1, 2])) == [
        "a mix of interests (chess, photography, film)",
        "similar experience (1, 5)",
    ]
    assert texts(explain(mixed, [3, 4])) == [
        "a mix of interests (hiking, film)",
        "the same experience (3)",
        "nobody has been grouped together before",
    ]


def test_most_share_an_interest():
    learners = [
        Learner(1, frozenset({"music", "chess"})),
        Learner(2, frozenset({"music"})),
        Learner(3, frozenset({"music", "film"})),
        Learner(4, frozenset({"film"})),
    ]
    problem = GroupingProblem(learners, group_size=4, interests=Criterion("similar"))
    assert texts(explain(problem, [1, 2, 3, 4])) == ["3 of 4 like music"]


def test_importing_the_engine_loads_no_django():
    code = (
        "import sys; import rapport.groups.engine, rapport.groups.engine.exact; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_days_with_the_same_hours_are_said_once():
    from rapport.groups.engine import describe_week, fixed_offset

    weekdays_nine = [day * 24 + 9 for day in range(5)]
    saturday = [5 * 24 + 10, 5 * 24 + 11]
    assert describe_week(weekdays_nine + saturday) == "Mon–Fri 09:00–10:00, Sat 10:00–12:00"
    assert describe_week([24 + 9, 3 * 24 + 9]) == "Tue 09:00–10:00, Thu 09:00–10:00"
    assert describe_week([9, 12, 24 + 9, 24 + 12]) == "Mon–Tue 09:00–10:00 and 12:00–13:00"
    # Two hours behind UTC, Monday 01:00 UTC is Sunday 23:00.
    assert describe_week([1, 24 + 1], fixed_offset(-120)) == "Mon 23:00–24:00, Sun 23:00–24:00"
    assert describe_week([]) == ""
