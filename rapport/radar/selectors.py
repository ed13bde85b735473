"""Reads for the staff home's "Reach out this week": the ranking (``ranking``) less whoever
was reached this week, snoozed or dismissed. The rules are in docs/radar.md."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from rapport.courses.models import Course
from rapport.radar.indicators import course_indicators
from rapport.radar.models import ReachOutDecision
from rapport.radar.ranking import ReachOut, rank, reach_out_list
from rapport.surveys.intro import intro_answers

# A personal contact this recent takes a learner off this week's list: it is what the list
# asks for. An open help request keeps them on until someone follows it up.
REACHED_WITHIN_DAYS = 7


def reason_key(reason: str) -> str:
    """A reason without its numbers: "no personal contact in 16 days" and "... in 17 days"
    are the same signal, so a dismissal outlives the days passing."""
    return re.sub(r"\d+", "#", reason)


def reasons_now(*, course: Course, learner_id: int, now: datetime) -> list[str]:
    """Why a learner is on the course's reach-out list at ``now`` (none if they are not):
    what a snooze or dismissal remembers, read afresh rather than taken from a form."""
    on_list = (
        item for item in reach_out_list(course=course, now=now) if item.user.pk == learner_id
    )
    return next((item.reasons for item in on_list), [])


def was_reached(item: ReachOut) -> bool:
    indicators = item.indicators
    days = indicators.days_since_personal_contact
    return not indicators.open_help_requests and days is not None and days < REACHED_WITHIN_DAYS


@dataclass
class SetAside:
    item: ReachOut
    decision: ReachOutDecision


@dataclass
class ThisWeek:
    to_reach: list[ReachOut] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    reached: list[ReachOut] = field(default_factory=list)
    # Every learner's indicators (the ranking works them all out anyway).
    indicators: list = field(default_factory=list)


def latest_decisions(*, course: Course) -> dict[int, ReachOutDecision]:
    """The newest decision about each learner of ``course`` (one query)."""
    latest: dict[int, ReachOutDecision] = {}
    for decision in ReachOutDecision.objects.filter(course=course).select_related("decided_by"):
        latest.setdefault(decision.learner_id, decision)
    return latest


def decision_for(*, course: Course, decision_id: int) -> ReachOutDecision | None:
    return ReachOutDecision.objects.filter(course=course, pk=decision_id).first()


def this_week(*, course: Course, now: datetime, reading=None) -> ThisWeek:
    """The reach-out list as the staff home and the radar show it, with who was set aside
    and why (``reading``: the course's ledger, when the caller has read it already)."""
    indicators = course_indicators(course=course, now=now, reading=reading)
    decisions = latest_decisions(course=course)
    result = ThisWeek(indicators=indicators)
    for item in rank(indicators, intro_answers(course=course)):
        decision = decisions.get(item.user.pk)
        if was_reached(item):
            result.reached.append(item)
        elif decision is not None and decision.holds(
            reason_keys={reason_key(reason) for reason in item.reasons}, at=now
        ):
            result.set_aside.append(SetAside(item=item, decision=decision))
        else:
            result.to_reach.append(item)
    for position, item in enumerate(result.to_reach, start=1):
        item.rank = position
    return result
