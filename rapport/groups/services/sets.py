"""Group sets: made and changed by the teaching team, then formed in the task queue."""

from dataclasses import dataclass

from django.db import transaction

from rapport.core.refusals import Refused
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.groups.engine import GroupingError, group_sizes
from rapport.groups.models import (
    ROUNDS_MAX,
    SIZE_MAX,
    SIZE_MIN,
    Formation,
    GroupSet,
    KeptPair,
    Mode,
    Pace,
)

SHARED_HOURS_MAX = 40


@dataclass(frozen=True)
class Criteria:
    title: str
    purpose: str = ""
    group_size: int = 2
    interests: str = Mode.SIMILAR
    availability: str = Mode.SIMILAR
    min_shared_hours: int | None = None
    attribute_question_id: int | None = None
    attribute: str = Mode.IGNORE
    rounds: int = 1
    pace: str = Pace.WEEKLY
    keep_together: tuple[tuple[int, int], ...] = ()
    keep_apart: tuple[tuple[int, int], ...] = ()


def _staff_only(member) -> None:
    if not member.is_staff:
        raise Refused("Only the teaching team forms groups.", code="forbidden")


def _checked(course, criteria: Criteria) -> Criteria:
    if not criteria.title.strip():
        raise Refused("Give the groups a name, such as “Weekly partners”.", field="title")
    if not SIZE_MIN <= criteria.group_size <= SIZE_MAX:
        raise Refused(f"Groups have {SIZE_MIN} to {SIZE_MAX} people.", field="group_size")
    if not 1 <= criteria.rounds <= ROUNDS_MAX:
        raise Refused(f"Plan 1 to {ROUNDS_MAX} rounds.", field="rounds")
    for name in ("interests", "availability", "attribute"):
        if getattr(criteria, name) not in Mode.values:
            raise Refused("Choose how this counts.", field=name)
    if criteria.pace not in Pace.values:
        raise Refused("Choose how often partners change.", field="pace")
    hours = criteria.min_shared_hours
    if hours is not None and not 0 <= hours <= SHARED_HOURS_MAX:
        raise Refused(f"Ask for 0 to {SHARED_HOURS_MAX} shared hours.", field="min_shared_hours")
    if criteria.attribute != Mode.IGNORE and criteria.attribute_question_id is None:
        raise Refused("Choose the survey question to balance.", field="attribute_question")
    learners = set(
        Membership.objects.filter(
            course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        ).values_list("user_id", flat=True)
    )
    try:
        group_sizes(len(learners), criteria.group_size)
    except GroupingError as error:
        raise Refused(str(error), field="group_size") from error
    together = {frozenset(pair) for pair in criteria.keep_together}
    for label, pairs in (("together", criteria.keep_together), ("apart", criteria.keep_apart)):
        for first, second in pairs:
            if first == second or not {first, second} <= learners:
                raise Refused(
                    f"Each pair kept {label} needs two different learners of this course.",
                    field=f"keep_{label}",
                )
            if label == "apart" and frozenset((first, second)) in together:
                raise Refused(
                    "The same two learners are kept together and kept apart: choose one.",
                    field="keep_apart",
                )
    return criteria


@transaction.atomic
def group_set_create(*, course, member, criteria: Criteria, form_later: bool = True) -> GroupSet:
    """A new group set, formed at once in the task queue (unless ``form_later`` is False:
    the caller forms it itself, as ``manage.py form_groups`` does to show its progress)."""
    _staff_only(member)
    criteria = _checked(course, criteria)
    group_set = GroupSet.objects.create(course=course, created_by=member.user, title="-")
    _apply(group_set, criteria)
    if form_later:
        group_set_form_later(group_set=group_set)
    return group_set


@transaction.atomic
def group_set_update(*, group_set: GroupSet, member, criteria: Criteria) -> GroupSet:
    """New criteria for the rounds not published yet, which are formed again."""
    _staff_only(member)
    criteria = _checked(group_set.course, criteria)
    published = group_set.round_set.filter(published_at__isnull=False).count()
    if criteria.rounds <= published and criteria.rounds < group_set.rounds:
        raise Refused(
            f"{published} round(s) are published already: plan more than that.", field="rounds"
        )
    _apply(group_set, criteria)
    group_set_form_later(group_set=group_set)
    return group_set


def _apply(group_set: GroupSet, criteria: Criteria) -> None:
    group_set.title = criteria.title.strip()[:120]
    group_set.purpose = criteria.purpose.strip()[:300]
    group_set.group_size = criteria.group_size
    group_set.interests = criteria.interests
    group_set.availability = criteria.availability
    group_set.min_shared_hours = criteria.min_shared_hours or None
    group_set.attribute_question_id = criteria.attribute_question_id
    group_set.attribute = criteria.attribute
    group_set.rounds = criteria.rounds
    group_set.pace = criteria.pace
    group_set.save()
    group_set.pairs.all().delete()
    KeptPair.objects.bulk_create(
        [
            *(
                KeptPair(group_set=group_set, first_id=a, second_id=b, together=True)
                for a, b in criteria.keep_together
            ),
            *(
                KeptPair(group_set=group_set, first_id=a, second_id=b, together=False)
                for a, b in criteria.keep_apart
            ),
        ]
    )


def group_set_form_later(*, group_set: GroupSet, reshuffle: bool = False) -> None:
    """Mark the group set as forming and form it in the task queue after the commit;
    ``reshuffle`` asks the engine for another grouping (another seed)."""
    from rapport.groups.tasks import form_group_set

    if reshuffle:
        group_set.seed += 1
    group_set.status, group_set.progress, group_set.problem = Formation.FORMING, 0, ""
    group_set.save(update_fields=["seed", "status", "progress", "problem"])
    transaction.on_commit(lambda: form_group_set(group_set.pk))
