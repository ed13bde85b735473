"""Why a group fits, in words a teacher can pass on: "3 shared hours on Tue/Thu (UTC)",
"all like photography", "a mix of experience (1, 3, 5)", "nobody has been grouped together
before".

Only what the grouping was asked to care about is described, and only what speaks for the
group. Hours are named on a clock (UTC unless one is passed; see ``hours.fixed_offset``),
and each reason about time keeps its UTC slots, so the app can name them again in each
reader's own zone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapport.groups.engine.hours import ALL_HOURS, Clock, utc, weekdays
from rapport.groups.engine.problem import GroupingProblem, Learner, clean_rounds

MOST_TOPICS = 4  # topics named in a "mix of interests"


@dataclass(frozen=True)
class Reason:
    kind: str  # "availability", "interests", "attribute", "new", "together"
    text: str
    slots: frozenset[int] = field(default_factory=frozenset)  # UTC hours, for "availability"


def explain(
    problem: GroupingProblem,
    group: Sequence[int],
    *,
    clock: Clock = utc,
    zone: str = "UTC",
) -> list[Reason]:
    """Reasons the group (learner ids) fits, hours named on ``clock`` and labelled ``zone``."""
    people = {person.id: person for person in problem.members}
    members = [people[learner] for learner in group]
    reasons = [
        *_availability(problem, members, clock, zone),
        *_interests(problem, members),
        *_attribute(problem, members),
        *_new_faces(problem, group),
    ]
    together = [pair for pair in problem.keep_together if set(pair) <= set(group)]
    if together:
        reasons.append(Reason("together", "keeps together the learners asked to stay together"))
    return reasons


def explain_all(
    problem: GroupingProblem, groups: Sequence[Sequence[int]], **clock
) -> list[list[Reason]]:
    return [explain(problem, group, **clock) for group in groups]


def _availability(
    problem: GroupingProblem, members: list[Learner], clock: Clock, zone: str
) -> list[Reason]:
    criterion = problem.availability
    if not (criterion.active or problem.min_shared_hours):
        return []
    if all(person.availability is None for person in members):
        return []
    sets = [ALL_HOURS if person.availability is None else person.availability for person in members]
    shared = frozenset.intersection(*sets)
    where = f" ({zone})" if zone else ""
    if criterion.mode == "different" and not problem.min_shared_hours:
        spread = frozenset.union(*sets)
        return [
            Reason(
                "availability",
                f"free at different times: {len(spread)} hours a week between them",
                spread,
            )
        ]
    if not shared:
        return []
    days = "/".join(weekdays(shared, clock))
    plural = "s" if len(shared) != 1 else ""
    return [Reason("availability", f"{len(shared)} shared hour{plural} on {days}{where}", shared)]


def _interests(problem: GroupingProblem, members: list[Learner]) -> list[Reason]:
    if not problem.interests.active:
        return []
    counts = Counter(topic for person in members for topic in person.interests)
    if not counts:
        return []
    size = len(members)
    if problem.interests.mode == "different":
        topics = sorted(counts, key=lambda topic: (-counts[topic], topic))
        named = ", ".join(topics[:MOST_TOPICS]) + (", …" if len(topics) > MOST_TOPICS else "")
        return [Reason("interests", f"a mix of interests ({named})")]
    everyone = sorted(topic for topic, count in counts.items() if count == size)
    if everyone:
        return [Reason("interests", f"all like {_and(everyone)}")]
    most = max(counts.values())
    if most >= 2:
        topics = sorted(topic for topic, count in counts.items() if count == most)
        return [Reason("interests", f"{most} of {size} like {_and(topics)}")]
    return []


def _attribute(problem: GroupingProblem, members: list[Learner]) -> list[Reason]:
    if not problem.attribute.active:
        return []
    values = [person.attribute for person in members if person.attribute is not None]
    if not values:
        return []
    label = problem.attribute_label
    shown = ", ".join(_number(value) for value in sorted(values, key=_order))
    if problem.attribute.mode == "different":
        if len(set(values)) == 1:
            return []
        return [Reason("attribute", f"a mix of {label} ({shown})")]
    if len(set(values)) == 1:
        return [Reason("attribute", f"the same {label} ({_number(values[0])})")]
    return [Reason("attribute", f"similar {label} ({shown})")]


def _new_faces(problem: GroupingProblem, group: Sequence[int]) -> list[Reason]:
    if not problem.earlier_rounds:
        return []
    members = set(group)
    for groups in clean_rounds(problem.earlier_rounds, members):
        if any(len(earlier) >= 2 for earlier in groups):
            return []
    return [Reason("new", "nobody has been grouped together before")]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _number(value: float | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _order(value: float | str) -> tuple[int, float | str]:
    return (1, value) if isinstance(value, str) else (0, value)
