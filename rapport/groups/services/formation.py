"""Forming a group set: the engine plans every round not yet published (the first one, or
all of them at once so that partners change as much as possible over the term), keeping
the groups the teaching team locked in the next round; and storing what it found.

Runs in the task queue (``groups.tasks.form_group_set``), reporting how far it has gone on
the group set itself for the progress bar; ``manage.py form_groups`` runs it in the
terminal with a bar of its own."""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rapport.groups.engine import (
    GroupingError,
    Learner,
    evaluate,
    explain,
    schedule_rounds,
    solve,
)
from rapport.groups.inputs import ClassInputs, class_inputs, grouping_problem
from rapport.groups.models import Formation, Group, GroupMember, GroupSet, Pace, Round

PACE_DAYS = {Pace.WEEKLY: 7, Pace.FORTNIGHTLY: 14}
# Steps of the engine's search for a plan without repeated pairs (its own default is for
# the hardest known schedules, and can take the better part of a minute when no plan
# without repeats exists).
REPAIR_STEPS = 20_000


def published_rounds(group_set: GroupSet) -> list[list[list[int]]]:
    """The groups of every published round (learner ids), oldest first."""
    rows = GroupMember.objects.filter(
        round__group_set=group_set, round__published_at__isnull=False
    ).values_list("round__number", "group_id", "user_id")
    rounds: dict[int, dict[int, list[int]]] = {}
    for number, group_id, user_id in rows.order_by("round__number", "group_id", "user_id"):
        rounds.setdefault(number, {}).setdefault(group_id, []).append(user_id)
    return [list(groups.values()) for _, groups in sorted(rounds.items())]


def _locked_groups(round_: Round | None) -> list[list[int]]:
    if round_ is None:
        return []
    rows = GroupMember.objects.filter(round=round_, group__locked=True).values_list(
        "group_id", "user_id"
    )
    groups: dict[int, list[int]] = {}
    for group_id, user_id in rows.order_by("group_id", "user_id"):
        groups.setdefault(group_id, []).append(user_id)
    return list(groups.values())


def _progress_saver(group_set: GroupSet) -> Callable[[float], None]:
    """Write the progress on the group set (a whole percent at a time, so a long search
    writes a hundred times at most)."""
    last = {"percent": -1}

    def save(done: float) -> None:
        percent = int(done * 100)
        if percent > last["percent"]:
            last["percent"] = percent
            GroupSet.objects.filter(pk=group_set.pk).update(progress=percent)

    return save


def group_set_form(
    *, group_set: GroupSet, on_progress: Callable[[float], None] | None = None
) -> GroupSet:
    """Plan every unpublished round of ``group_set`` and store it; on a grouping that cannot
    be made, the group set says why (``problem``) and nothing else changes."""
    saver = _progress_saver(group_set)

    def progress(done: float) -> None:
        saver(done)
        if on_progress is not None:
            on_progress(done)

    earlier = published_rounds(group_set)
    unpublished = list(group_set.round_set.filter(published_at__isnull=True).order_by("number"))
    next_round = unpublished[0] if unpublished else None
    locked = _locked_groups(next_round)
    to_plan = group_set.rounds - len(earlier)
    try:
        if to_plan < 1:
            raise GroupingError("Every round of this group set is published already.")
        inputs = class_inputs(group_set, exclude={u for group in locked for u in group})
        plans = _plan(group_set, inputs, earlier, locked, to_plan, progress)
    except GroupingError as error:
        GroupSet.objects.filter(pk=group_set.pk).update(
            status=Formation.FAILED, problem=str(error)[:500], progress=0
        )
        group_set.refresh_from_db()
        return group_set
    _store(group_set, plans, earlier_count=len(earlier), locked=locked)
    progress(1.0)
    group_set.refresh_from_db()
    return group_set


def _plan(group_set, inputs, earlier, locked, to_plan, progress) -> list[list[list[int]]]:
    """The groups of each round to plan (the locked groups first in the next one)."""
    everyone = [learner.id for learner in inputs.learners]
    if not locked and to_plan > 1:
        problem = grouping_problem(group_set, inputs, earlier_rounds=earlier, on_progress=progress)
        return [grouping.groups for grouping in _schedule(problem, to_plan)]
    # The next round around its locked groups, then the rest knowing it.
    if len(everyone) >= 2:
        first_problem = grouping_problem(
            group_set,
            inputs,
            earlier_rounds=earlier,
            on_progress=(lambda done: progress(done / to_plan)) if to_plan > 1 else progress,
        )
        first = locked + solve(first_problem).groups
    elif everyone:
        raise GroupingError(
            f"Only {len(everyone)} learner is left outside the locked groups: unlock a group "
            "or move them into one."
        )
    else:
        first = list(locked)
    plans = [first]
    if to_plan > 1:
        full = class_inputs(group_set)
        problem = grouping_problem(
            group_set,
            full,
            earlier_rounds=[*earlier, first],
            on_progress=lambda done: progress((1 + done * (to_plan - 1)) / to_plan),
        )
        plans += [grouping.groups for grouping in _schedule(problem, to_plan - 1)]
    return plans


def _schedule(problem, rounds: int):
    """The engine's rounds, its repair of repeated pairs bounded for a page's patience: a
    class whose rules force a repeat (a pair kept together meets again) stops there."""
    return schedule_rounds(problem, rounds, repair_steps=REPAIR_STEPS).rounds


@transaction.atomic
def _store(group_set: GroupSet, plans, *, earlier_count: int, locked) -> None:
    """Replace the unpublished rounds with ``plans`` (round numbers after the published
    ones), each group with its score, reasons and shared hours."""
    group_set = GroupSet.objects.select_for_update().get(pk=group_set.pk)
    group_set.round_set.filter(published_at__isnull=True).delete()
    inputs = class_inputs(group_set)  # the class as it is now, read once for every round
    last = group_set.round_set.order_by("-number").first()
    start = _first_start(group_set, last)
    days = PACE_DAYS.get(group_set.pace, 7)
    for offset, groups in enumerate(plans):
        round_ = Round.objects.create(
            group_set=group_set,
            number=earlier_count + offset + 1,
            starts_at=start + timedelta(days=days * offset),
        )
        round_score(round_, groups, locked=locked if offset == 0 else (), inputs=inputs)
    group_set.status = Formation.READY
    group_set.problem = ""
    group_set.formed_at = timezone.now()
    group_set.save(update_fields=["status", "problem", "formed_at"])


def _first_start(group_set: GroupSet, last_published: Round | None):
    if last_published is None:
        return timezone.now()
    return last_published.starts_at + timedelta(days=PACE_DAYS.get(group_set.pace, 7))


def round_score(
    round_: Round, groups: list[list[int]], *, locked=(), inputs: ClassInputs | None = None
) -> None:
    """Store ``groups`` as ``round_``'s groups (replacing any), each scored and explained
    against the round's own learners and the published rounds before it (``inputs``: the
    class, when the caller has read it already)."""
    group_set = round_.group_set
    locked_sets = [set(group) for group in locked]
    members = {u for group in groups for u in group}
    inputs = inputs or class_inputs(group_set)
    known = {learner.id for learner in inputs.learners}
    gone = members - known  # left the class since: scored as having said nothing
    inputs = replace(
        inputs,
        learners=[learner for learner in inputs.learners if learner.id in members] + _blank(gone),
    )
    earlier = [
        groups_
        for number, groups_ in enumerate(published_rounds(group_set), start=1)
        if number < round_.number
    ]
    try:
        problem = grouping_problem(group_set, inputs, earlier_rounds=earlier)
        evaluation = evaluate(problem, groups)
    except GroupingError:  # a hand edit left a group of one: stored, but not scored
        problem = evaluation = None
    free = {learner.id: learner.availability for learner in inputs.learners}
    # The round's groups keep their rows (and so their addresses) by number.
    existing = {group.number: group for group in Group.objects.filter(round=round_)}
    GroupMember.objects.filter(round=round_).delete()
    for number, group in enumerate(groups, start=1):
        reasons = explain(problem, group) if problem else []
        made = existing.pop(number, None) or Group(
            round=round_, course=group_set.course, number=number
        )
        if made.pk is None:  # a group already there keeps its lock
            made.locked = set(group) in locked_sets
        made.score = evaluation.scores[number - 1] if evaluation else 0
        # Hours are told to each reader in their own zone (shared_hours), not here.
        made.reasons = [
            {"kind": r.kind, "text": r.text} for r in reasons if r.kind != "availability"
        ]
        made.shared_hours = shared_hours([free.get(user_id) for user_id in group])
        made.save()
        GroupMember.objects.bulk_create(
            GroupMember(group=made, round=round_, user_id=user_id) for user_id in group
        )
    Group.objects.filter(pk__in=[group.pk for group in existing.values()]).delete()
    round_.worst_score = evaluation.worst if evaluation else 0
    round_.mean_score = evaluation.mean if evaluation else 0
    round_.repeated_pairs = evaluation.repeated_pairs if evaluation else 0
    round_.warnings = evaluation.violations if evaluation else []
    round_.save(update_fields=["worst_score", "mean_score", "repeated_pairs", "warnings"])


def _blank(user_ids) -> list[Learner]:
    return [Learner(id=user_id) for user_id in sorted(user_ids)]


def shared_hours(availabilities) -> list[int]:
    """The hours of the week (UTC) free for every member who said when they are free; none
    when nobody said."""
    said = [hours for hours in availabilities if hours is not None]
    return sorted(frozenset.intersection(*said)) if said else []
