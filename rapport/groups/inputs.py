"""What the engine is told about a course's learners: who is in the class now (isolated
learners first, from the radar's peer network), their interests and free hours from the
intro survey, the answer to the question whose answers are balanced, and the teaching
team's keep-together and keep-apart pairs. Four queries whatever the class size."""

from dataclasses import dataclass
from math import ceil

from django.utils import timezone

from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.groups.engine import Criterion, GroupingProblem, Learner
from rapport.groups.models import GroupSet, Mode
from rapport.radar import ledger
from rapport.radar.network import isolated, peer_graph
from rapport.surveys.intro import intro_answers
from rapport.surveys.models import Answer

HOURS_IN_DAY = 24
# An hour counts as free when the learner's time covers at least this many of its minutes.
MINUTES_TO_COUNT = 30
# The engine searches this long at most for a class (a safety stop; steps bound the search).
TIME_BUDGET_SECONDS = 20.0


@dataclass(frozen=True)
class ClassInputs:
    learners: list[Learner]  # isolated learners first, then by id
    isolated: frozenset[int]


def hours_of_week(best_times) -> frozenset[int] | None:
    """The intro survey's availability ([weekday, start minute, end minute] in UTC) as the
    engine's hour-of-week slots; None when the learner gave none."""
    slots: set[int] = set()
    for slot in best_times or ():
        if not (isinstance(slot, list | tuple) and len(slot) == 3):
            continue
        weekday, start, end = slot
        if not all(isinstance(v, int) for v in slot) or not 0 <= weekday <= 6 or start >= end:
            continue
        for hour in range(start // 60, ceil(end / 60)):
            covered = min(end, (hour + 1) * 60) - max(start, hour * 60)
            if covered >= MINUTES_TO_COUNT and hour < HOURS_IN_DAY:
                slots.add(weekday * HOURS_IN_DAY + hour)
    return frozenset(slots) or None


def _attribute_values(group_set: GroupSet, user_ids: list[int]) -> dict[int, float | str]:
    question = group_set.attribute_question
    if question is None or group_set.attribute == Mode.IGNORE:
        return {}
    rows = (
        Answer.objects.filter(
            question=question,
            response__respondent_id__in=user_ids,
            response__submitted_at__isnull=False,
        )
        .order_by("response__submitted_at")
        .values_list("response__respondent_id", "value")
    )
    values: dict[int, float | str] = {}
    for user_id, value in rows:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, bool) or value is None:
            continue
        values[user_id] = float(value) if isinstance(value, int | float) else str(value)
    if len({isinstance(v, str) for v in values.values()}) > 1:  # mixed: read all as words
        values = {user_id: str(value) for user_id, value in values.items()}
    return values


def _learner_ids(course) -> set[int]:
    return set(
        Membership.objects.filter(
            course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        ).values_list("user_id", flat=True)
    )


def isolated_learners(course, learner_ids: set[int] | None = None) -> frozenset[int]:
    """The course's learners with no tie to any classmate in the radar's peer network."""
    learner_ids = _learner_ids(course) if learner_ids is None else learner_ids
    people = ledger.Members(learners=frozenset(learner_ids), staff=frozenset())
    pairs = ledger.peer_pairs(course, timezone.now(), people)
    return frozenset(isolated(peer_graph(learner_ids, pairs)))


def class_inputs(group_set: GroupSet, *, exclude=()) -> ClassInputs:
    course = group_set.course
    everyone = _learner_ids(course)
    user_ids = sorted(everyone - set(exclude))
    alone = isolated_learners(course, everyone)
    intros = intro_answers(course=course, user_ids=user_ids)
    attributes = _attribute_values(group_set, user_ids)
    learners = [
        Learner(
            id=user_id,
            interests=frozenset(
                interest.strip().casefold()
                for interest in (intros[user_id].interests if user_id in intros else ())
                if isinstance(interest, str) and interest.strip()
            ),
            availability=hours_of_week(intros[user_id].best_times) if user_id in intros else None,
            attribute=attributes.get(user_id),
        )
        for user_id in sorted(user_ids, key=lambda uid: (uid not in alone, uid))
    ]
    return ClassInputs(learners=learners, isolated=alone)


def grouping_problem(
    group_set: GroupSet,
    inputs: ClassInputs,
    *,
    earlier_rounds=(),
    on_progress=None,
) -> GroupingProblem:
    """The engine's problem for ``group_set`` over ``inputs``' learners; kept pairs naming
    someone no longer in the class are left out."""
    present = {learner.id for learner in inputs.learners}
    together, apart = [], []
    for pair in group_set.pairs.all():
        if pair.first_id in present and pair.second_id in present:
            (together if pair.together else apart).append((pair.first_id, pair.second_id))
    return GroupingProblem(
        inputs.learners,
        group_size=group_set.group_size,
        interests=Criterion(group_set.interests),
        availability=Criterion(group_set.availability),
        attribute=Criterion(group_set.attribute),
        attribute_label=f"answers to “{group_set.attribute_question.prompt[:60]}”"
        if group_set.attribute_question
        else "experience",
        min_shared_hours=group_set.min_shared_hours or None,
        keep_together=together,
        keep_apart=apart,
        earlier_rounds=earlier_rounds,
        seed=group_set.seed,
        time_budget_seconds=TIME_BUDGET_SECONDS,
        on_progress=on_progress,
    )
