"""Writes for the radar: the teaching team setting someone on the reach-out list aside
(snooze for a week, dismiss until a new signal) and undoing it."""

from datetime import datetime, timedelta

from django.db import transaction

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course
from rapport.radar.models import DecisionKind, DecisionReason, ReachOutDecision
from rapport.radar.selectors import reason_key

SNOOZE_FOR = timedelta(days=7)


@transaction.atomic
def reach_out_set_aside(
    *,
    course: Course,
    staff,
    learner,
    kind: str,
    reason: str,
    reasons: list[str],
    now: datetime,
) -> ReachOutDecision:
    """Snooze ``learner`` for a week or dismiss them until a reason not in ``reasons`` (the
    ones the list shows now) appears. Staff of ``course`` only, for one of its learners."""
    require_staff(course=course, user=staff)
    require_learner(course=course, user=learner)
    if kind not in DecisionKind.values:
        raise Refused("Choose to snooze or to dismiss.", field="kind")
    if reason not in DecisionReason.values:
        raise Refused("Choose a reason, so the rest of the team knows why.", field="reason")
    return ReachOutDecision.objects.create(
        course=course,
        learner=learner,
        decided_by=staff,
        kind=kind,
        reason=reason,
        reasons_seen=sorted({reason_key(text) for text in reasons}),
        created_at=now,
        until=now + SNOOZE_FOR if kind == DecisionKind.SNOOZE else None,
    )


@transaction.atomic
def reach_out_decision_undo(*, decision: ReachOutDecision, staff) -> None:
    """Put the learner back on the list (if the ledger still puts them there)."""
    require_staff(course=decision.course, user=staff)
    decision.delete()
