"""The belonging pulse beside the practices: for each of the last weeks (Monday to Sunday
in the course's time zone), the class's pulse means from the round that opened that week
and how many of each kind of moment the ledger holds that week. Described side by side —
never a claim that one caused the other."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Case, Count, IntegerField, Value, When

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.courses.models import Course
from rapport.surveys.pulse import KEYS, PulseRound

WEEKS_SHOWN = 8
# Joining is not a practice.
NOT_PRACTICES = {TouchpointKind.COURSE_JOINED}


@dataclass
class PracticeWeek:
    starts_on: date  # the local Monday
    pulse: dict[str, float | None] = field(default_factory=lambda: dict.fromkeys(KEYS))
    # (kind label, count), most used first
    practices: list[tuple[str, int]] = field(default_factory=list)

    @property
    def has_pulse(self) -> bool:
        return any(value is not None for value in self.pulse.values())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def practices_by_week(
    *, course: Course, rounds: list[PulseRound], now: datetime, weeks: int = WEEKS_SHOWN
) -> list[PracticeWeek]:
    """The last ``weeks`` weeks, newest first — one grouped query over the ledger."""
    zone = course.zone()
    this_monday = _monday(now.astimezone(zone).date())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks)]
    found = {monday: PracticeWeek(starts_on=monday) for monday in mondays}
    starts = [datetime.combine(monday, datetime.min.time(), tzinfo=zone) for monday in mondays]
    # Each moment's week by comparing its whole seconds with each local Monday's midnight
    # (newest first, the first that matches wins): integer comparisons, where converting
    # every moment of a busy course's ledger to a local date took seconds.
    week_of = Case(
        *(
            When(occurred_epoch__gte=int(start.timestamp()), then=Value(n))
            for n, start in enumerate(starts)
        ),
        output_field=IntegerField(),
    )
    rows = (
        Touchpoint.objects.filter(course=course, occurred_at__gte=starts[-1], occurred_at__lte=now)
        .exclude(kind__in=NOT_PRACTICES)
        .annotate(week=week_of)
        .values("week", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[date, dict[str, int]] = {}
    for row in rows:
        week = counts.setdefault(mondays[row["week"]], {})
        week[row["kind"]] = week.get(row["kind"], 0) + row["n"]
    labels = dict(TouchpointKind.choices)
    for monday, kinds in counts.items():
        if monday in found:
            found[monday].practices = sorted(
                ((str(labels.get(kind, kind)), n) for kind, n in kinds.items()),
                key=lambda item: (-item[1], item[0]),
            )
    for pulse_round in rounds:  # oldest first: a later round the same week wins
        monday = _monday(pulse_round.opened_at.astimezone(zone).date())
        if monday in found:
            found[monday].pulse = dict(pulse_round.means)
    return [found[monday] for monday in mondays]
