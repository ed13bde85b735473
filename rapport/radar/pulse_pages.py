"""What the belonging pulse pages show, gathered once per page (a fixed number of queries
whatever the size of the class): the rounds, the class's chart, the weeks beside the
practices, and each learner's latest answers — or one learner's own trend."""

from dataclasses import dataclass
from datetime import datetime

from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.radar.charts import pulse_chart
from rapport.radar.pulse_trend import practices_by_week
from rapport.surveys import pulse

NOT_A_CAUSE = (
    "Set side by side to describe the weeks, not to explain them: a change in the pulse "
    "after a busy week is not proof that the practices caused it."
)


@dataclass
class Row:
    label: str
    cells: list  # one value (or None) per pulse question, in order
    answered: int | None = None


def _day(moment: datetime, zone) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local:%b}"


def class_page(*, course: Course, viewer, now: datetime) -> dict:
    rounds = pulse.rounds(course)
    zone = viewer.zone()
    labels = [_day(r.opened_at, zone) for r in rounds]
    chart = (
        pulse_chart(
            title="Belonging pulse: class means per round",
            description="Mean answer, 1 to 5, to each pulse question in each round: "
            + "; ".join(
                f"{label}: "
                + ", ".join(
                    f"{item.label} {r.means[item.key]:.1f}"
                    for item in pulse.ITEMS
                    if r.means[item.key] is not None
                )
                for label, r in zip(labels, rounds, strict=True)
            ),
            labels=labels,
            series=[(item.label, [r.means[item.key] for r in rounds]) for item in pulse.ITEMS],
        )
        if any(r.answered for r in rounds)
        else ""
    )
    learners = sorted(
        Membership.objects.filter(
            course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        ).select_related("user"),
        key=lambda m: (m.user.display_name.casefold(), m.user_id),
    )
    latest = pulse.latest_by_learner(course)
    return {
        "items": pulse.ITEMS,
        "rows": [
            Row(label, [r.means[item.key] for item in pulse.ITEMS], r.answered)
            for label, r in zip(labels, rounds, strict=True)
        ],
        "chart": chart,
        "weeks": practices_by_week(course=course, rounds=rounds, now=now),
        "learners": [
            (m, [latest[m.user_id].get(item.key) for item in pulse.ITEMS])
            if m.user_id in latest
            else (m, None)
            for m in learners
        ],
        "learner_count": len(learners),
        "not_a_cause": NOT_A_CAUSE,
    }


def learner_page(*, course: Course, membership: Membership, viewer) -> dict:
    rounds = pulse.learner_rounds(course, membership.user)
    zone = viewer.zone()
    labels = [_day(r.opened_at, zone) for r in rounds]
    answered = any(value is not None for r in rounds for value in r.values.values())
    name = membership.user.display_name
    chart = (
        pulse_chart(
            title=f"Belonging pulse: {name}'s answers per round",
            description=f"{name}'s answer, 1 to 5, to each pulse question in each round: "
            + "; ".join(
                f"{label}: "
                + ", ".join(
                    f"{item.label} {r.values[item.key]}"
                    for item in pulse.ITEMS
                    if r.values[item.key] is not None
                )
                for label, r in zip(labels, rounds, strict=True)
                if any(v is not None for v in r.values.values())
            ),
            labels=labels,
            series=[(item.label, [r.values[item.key] for r in rounds]) for item in pulse.ITEMS],
        )
        if answered
        else ""
    )
    return {
        "member": membership,
        "items": pulse.ITEMS,
        "rows": [
            Row(label, [r.values[item.key] for item in pulse.ITEMS])
            for label, r in zip(labels, rounds, strict=True)
        ],
        "chart": chart,
        "answered": answered,
    }
