"""What a grouping is asked to do: the learners, what matters when putting them together,
and the rules that must never be broken.

The engine stays free of Django so that it can be tested and measured on its own; the app
turns its models into these plain values. Everything here is checked up front, so that a
mistake in the input (a learner named twice, a pair both kept together and kept apart) is
reported in words before any search starts, instead of surfacing as a strange grouping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

HOURS_PER_WEEK = 168

Mode = Literal["similar", "different", "ignore"]
MODES: tuple[str, ...] = ("similar", "different", "ignore")


class GroupingError(ValueError):
    """The input cannot be grouped as asked; the message names the conflict."""


@dataclass(frozen=True)
class Learner:
    """One learner. ``availability`` holds hour-of-week slots in UTC (0 is Monday 00:00
    UTC, 167 is Sunday 23:00 UTC); ``None`` means the learner has not said, and is then
    treated as free at every hour so that they never block a group's shared time.
    ``attribute`` is the one value to balance: a number (prior experience 1–5) or a
    category (a string); ``None`` when unknown."""

    id: int
    interests: frozenset[str] = frozenset()
    availability: frozenset[int] | None = None
    attribute: float | str | None = None


@dataclass(frozen=True)
class Criterion:
    """How one criterion counts: ``similar`` rewards groups whose members resemble each
    other, ``different`` rewards groups that mix, ``ignore`` leaves it out. ``weight`` is
    its share in a group's score relative to the other criteria."""

    mode: Mode = "ignore"
    weight: float = 1.0

    @property
    def active(self) -> bool:
        return self.mode != "ignore" and self.weight > 0


IGNORE = Criterion()


@dataclass
class GroupingProblem:
    """A request for one grouping (or, through ``schedule_rounds``, several).

    ``learners`` may be plain ids or ``Learner`` values. ``target_shared_hours`` is the
    number of shared weekly hours at which a group's availability score is full (never
    less than ``min_shared_hours``). ``earlier_rounds`` lists the groups of earlier
    rounds; learners in them who are no longer present are ignored. The search stops
    after ``max_iterations`` steps (a default scaled to the class when ``None``), so a
    given seed and input always give the same grouping; ``time_budget_seconds`` is only a
    safety stop for very slow machines, and the result may then depend on speed.
    """

    learners: Sequence[Learner | int]
    group_size: int = 2
    interests: Criterion = IGNORE
    availability: Criterion = IGNORE
    attribute: Criterion = IGNORE
    attribute_label: str = "experience"
    target_shared_hours: int = 3
    min_shared_hours: int | None = None
    keep_together: Sequence[tuple[int, int]] = ()
    keep_apart: Sequence[tuple[int, int]] = ()
    earlier_rounds: Sequence[Sequence[Sequence[int]]] = ()
    seed: int = 0
    time_budget_seconds: float = 10.0
    max_iterations: int | None = None
    # Told how far the work has gone, from 0 to 1 (a progress bar); never changes the result.
    on_progress: Callable[[float], None] | None = field(default=None, repr=False, compare=False)
    members: tuple[Learner, ...] = field(init=False, repr=False)

    def report(self, done: float) -> None:
        """Tell ``on_progress`` how far the work has gone; it never hears a step back (a
        second pass over the rounds starts lower than the first ended)."""
        done = min(max(done, 0.0), 1.0)
        if self.on_progress is not None and done > getattr(self, "_reported", -1.0):
            self._reported = done
            self.on_progress(done)

    def __post_init__(self) -> None:
        self.members = tuple(
            person if isinstance(person, Learner) else Learner(id=person)
            for person in self.learners
        )
        check(self)

    @property
    def ids(self) -> list[int]:
        return [person.id for person in self.members]

    @property
    def effective_target_hours(self) -> int:
        return max(self.target_shared_hours, self.min_shared_hours or 0, 1)


def check(problem: GroupingProblem) -> None:
    """Raise GroupingError for input that cannot make sense, whatever the search does."""
    n, k = len(problem.members), problem.group_size
    if n < 2:
        raise GroupingError(f"Grouping needs at least 2 learners; there are {n}.")
    if k < 2:
        raise GroupingError(f"Groups must have at least 2 members; the group size is {k}.")
    if k > n:
        raise GroupingError(f"The group size ({k}) is larger than the class ({n} learners).")
    seen: set[int] = set()
    for person in problem.members:
        if person.id in seen:
            raise GroupingError(f"Learner {person.id} is listed more than once.")
        seen.add(person.id)
        if person.availability is not None:
            wrong = [hour for hour in person.availability if not 0 <= hour < HOURS_PER_WEEK]
            if wrong:
                raise GroupingError(
                    f"Learner {person.id} has an hour slot outside 0–167: {sorted(wrong)[0]}."
                )
    for name in ("interests", "availability", "attribute"):
        criterion = getattr(problem, name)
        if criterion.mode not in MODES:
            raise GroupingError(f"The {name} mode must be one of {', '.join(MODES)}.")
        if criterion.weight < 0:
            raise GroupingError(f"The {name} weight must not be negative.")
    kinds = {
        isinstance(person.attribute, str)
        for person in problem.members
        if person.attribute is not None
    }
    if len(kinds) > 1:
        raise GroupingError("The attribute mixes numbers and categories; use one kind.")
    if problem.min_shared_hours is not None and problem.min_shared_hours < 0:
        raise GroupingError("min_shared_hours must not be negative.")
    for label, pairs in (
        ("keep-together", problem.keep_together),
        ("keep-apart", problem.keep_apart),
    ):
        for pair in pairs:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise GroupingError(f"A {label} pair needs two different learners: {pair}.")
            for learner in pair:
                if learner not in seen:
                    raise GroupingError(f"Unknown learner {learner} in a {label} pair.")
    together = {frozenset(pair) for pair in problem.keep_together}
    for pair in problem.keep_apart:
        if frozenset(pair) in together:
            a, b = pair
            raise GroupingError(f"Learners {a} and {b} are both kept together and kept apart.")
    group_sizes(n, k)


def group_sizes(n: int, k: int) -> list[int]:
    """The sizes of the groups for n learners in groups of about k.

    When k does not divide n, the remainder is absorbed either by some groups of k+1 or by
    some groups of k−1. The rule: take the plan that leaves fewer groups off size k, and on
    a tie take k+1 (one more voice in a group costs less than a group short of one). A plan
    is possible only if it never needs a group below 2 or more than one extra learner per
    group; when neither is possible (7 learners in groups of 5) the error says so.
    """
    groups, remainder = divmod(n, k)
    if remainder == 0:
        return [k] * groups
    plans: list[list[int]] = []
    if remainder <= groups:  # r groups of k+1
        plans.append([k + 1] * remainder + [k] * (groups - remainder))
    short = k - remainder  # groups of k−1 among groups + 1
    if k - 1 >= 2 and short <= groups + 1:
        plans.append([k] * (groups + 1 - short) + [k - 1] * short)
    if not plans:
        raise GroupingError(
            f"{n} learners cannot be split into groups of {k - 1} to {k + 1}; "
            f"choose another group size."
        )
    return min(plans, key=lambda sizes: (sum(size != k for size in sizes), -max(sizes)))


def clean_rounds(
    rounds: Iterable[Sequence[Sequence[int]]], known: set[int]
) -> list[list[list[int]]]:
    """Earlier rounds restricted to the learners present now."""
    return [
        [[learner for learner in group if learner in known] for group in groups]
        for groups in rounds
    ]
