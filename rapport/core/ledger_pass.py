"""A course's touchpoint ledger up to a moment, grouped in one scan by (actor, subject, kind):
how many moments, the latest, how many in each of the last few weeks, how many since the
term began; and each learner's own mood scores of the last weeks. The radar's indicators and
the milestones to celebrate are all worked out from these groups, so a page that shows both
reads the ledger once (``grouped``, then pass the result along).

The scan reads the tp_radar_pass index alone and sorts moments into weeks with integer
arithmetic on ``occurred_epoch`` (whole seconds), several times cheaper than comparing
timestamps. Each week's count travels packed in one integer, ``WEEK_BITS`` bits a week, so
the database adds one sum per moment instead of one per week; a group with enough moments to
overflow a week's field is counted again exactly, one sum a week (``_exact_weeks``). Weeks
are counted back from ``now``: week 0 is the last seven days, (now − 7 days, now].

Mood scores are summed apart (``_MOODS``), over the last weeks' mood check-ins alone, which
an index finds by kind and moment: summed in the scan, they cost every moment of the ledger
two more sums, for one kind's last few weeks."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from django.db import connection, transaction

from rapport.core.epoch import epoch_seconds
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint

WEEK = timedelta(days=7)
WEEK_SECONDS = int(WEEK.total_seconds())
WEEK_BITS = 12
# Mood scores (1–5) summed per week, packed the same way: wide enough for any real week.
MOOD_BITS = 20

# {one}, {value} and {*_shift} are the one, the score and the shift that each database
# needs: SQLite's integers are all 64-bit, and casts cost it a tenth of the scan; PostgreSQL
# shifts a bigint by an integer. {sum}…{end} is a sum of such numbers: PostgreSQL's sum of
# bigints is a numeric, slow to add up and to read back, so it is cast back. {term} counts
# the moments since the term began; when the term began before the course's first moment,
# that is all of them.
_PASS = """
SELECT actor_id, subject_id, kind, COUNT(*), MAX(occurred_epoch),
  {sum}CASE WHEN occurred_epoch > %(weeks_from)s THEN {one} << {week_shift} ELSE 0 END{end}
  {term}
FROM core_touchpoint
WHERE course_id = %(course)s AND actor_id IS NOT NULL AND occurred_epoch <= %(now)s
GROUP BY actor_id, subject_id, kind
"""
_TERM = ", SUM(CASE WHEN occurred_epoch >= %(term)s THEN 1 ELSE 0 END)"
# Each learner's own mood scores (the mood check-in's value) and how many, week by week.
# {hint}: SQLite, with no statistics, would rather read the course's whole ledger from the
# index that covers every column than seek one kind's last few weeks.
_MOODS = """
SELECT actor_id, {sum}{value} << {mood_shift}{end}, {sum}{one} << {mood_shift}{end}
FROM core_touchpoint {hint}
WHERE course_id = %(course)s AND kind = %(mood_kind)s AND occurred_at > %(mood_from_at)s
  AND occurred_at <= %(now_at)s AND occurred_epoch > %(mood_from)s AND occurred_epoch <= %(now)s
  AND value IS NOT NULL AND actor_id = subject_id
GROUP BY actor_id
"""
_SHIFT = "%({bits})s * ((%(now)s - occurred_epoch) / %(week)s)"
# PostgreSQL, for the scan only: read the tp_radar_pass index in order and add up each
# group as it passes (measured on 100,000 moments: 85-95 ms, against 125-135 ms for the
# parallel hash aggregate it would otherwise choose, which spills to disk), with room to
# work in memory.
_POSTGRESQL_PLAN = (
    "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_hashagg = off; "
    "SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '32MB'"
)


def _sql(template: str, vendor: str, count_term: bool = False) -> str:
    week_shift, mood_shift = (_SHIFT.format(bits=bits) for bits in ("week_bits", "mood_bits"))
    if vendor == "sqlite":
        one, value, open_sum, close_sum = "1", "value", "SUM(", ")"
        hint = "INDEXED BY tp_by_kind"
    else:
        one, value = "CAST(1 AS BIGINT)", "CAST(value AS BIGINT)"
        open_sum, close_sum, hint = "CAST(SUM(", ") AS BIGINT)", ""
        week_shift, mood_shift = (f"CAST({shift} AS INTEGER)" for shift in (week_shift, mood_shift))
    return template.format(
        one=one,
        value=value,
        week_shift=week_shift,
        mood_shift=mood_shift,
        sum=open_sum,
        end=close_sum,
        term=_TERM if count_term else ", COUNT(*)",
        hint=hint,
    )


_EXACT_WEEKS = """
SELECT actor_id, subject_id, kind, {weeks}
FROM core_touchpoint
WHERE course_id = %(course)s AND actor_id IN ({actors}) AND occurred_epoch <= %(now)s
GROUP BY actor_id, subject_id, kind
"""


def term_start(course) -> datetime | None:
    """When the course's term began: midnight of its first day, in its time zone."""
    if course.starts_on is None:
        return None
    return datetime.combine(course.starts_on, datetime.min.time(), tzinfo=course.zone())


@dataclass
class LedgerGroups:
    """``rows``: (actor, subject, kind, moments, latest epoch, weeks, moments since the term
    began), one per group; ``weeks`` holds each week's moments packed (read
    them with ``Weeks`` or ``unpack``), or as a list for a group too big to pack. Moments
    without an actor are left out. ``moods``: per learner with mood check-ins in the last
    ``mood_weeks`` weeks, (packed sums of their scores, packed counts), ``mood_bits`` a
    week."""

    now: datetime
    weeks: int
    mood_weeks: int
    rows: list[tuple]
    moods: dict[int, tuple[int, int]]
    mood_bits: int = MOOD_BITS

    @cached_property
    def by_kind(self) -> dict[str, list[tuple]]:
        """The rows by kind, so a reader decides once per kind what a kind counts as."""
        found: dict[str, list[tuple]] = {}
        for row in self.rows:
            found.setdefault(row[2], []).append(row)
        return found


def unpack(packed: int, bits: int, fields: int) -> list[int]:
    mask = (1 << bits) - 1
    return [(packed >> (bits * k)) & mask for k in range(fields)]


def week_counts(weeks, fields: int) -> list[int]:
    """One group's moments in each of its first ``fields`` weeks (week 0 first)."""
    return weeks[:fields] if isinstance(weeks, list) else unpack(weeks, WEEK_BITS, fields)


def grouped(course, now: datetime, *, weeks: int, mood_weeks: int) -> LedgerGroups:
    """The course's ledger up to ``now``, grouped — one scan, whatever its size (and one more
    query in the rare course with a group of ``1 << WEEK_BITS`` moments or more)."""
    now_epoch = epoch_seconds(now)
    adapt = connection.ops.adapt_datetimefield_value
    since_term = term_start(course)
    term = epoch_seconds(since_term) if since_term else None
    count_term = term is not None and term > _first_moment(course, now_epoch)
    params = {
        "course": course.pk,
        "now": now_epoch,
        "week": WEEK_SECONDS,
        "week_bits": WEEK_BITS,
        "weeks_from": now_epoch - weeks * WEEK_SECONDS,
        "term": term,
        "mood_bits": MOOD_BITS,
        "mood_from": now_epoch - mood_weeks * WEEK_SECONDS,
        "mood_kind": TouchpointKind.MOOD_CHECKIN,
        # The same bounds as moments, which the index of kinds and moments can seek.
        "mood_from_at": adapt(now - mood_weeks * WEEK),
        "now_at": adapt(now),
    }
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRESQL_PLAN)
        cursor.execute(_sql(_PASS, connection.vendor, count_term), params)
        rows = cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute(_sql(_MOODS, connection.vendor), params)
        moods = {actor: (sums, counts) for actor, sums, counts in cursor.fetchall()}
    # (actor, subject, kind, n, latest, weeks, this term)
    limit = 1 << WEEK_BITS
    too_big = {row[:3] for row in rows if row[3] >= limit}
    if too_big:
        exact = _exact_weeks(course, now_epoch, weeks, too_big)
        rows = [(*row[:5], exact[row[:3]], *row[6:]) if row[:3] in too_big else row for row in rows]
    return LedgerGroups(now=now, weeks=weeks, mood_weeks=mood_weeks, rows=rows, moods=moods)


def _first_moment(course, now_epoch: int) -> int:
    """The course's first moment (now if it has none) — an indexed look-up."""
    first = (
        Touchpoint.objects.filter(course=course)
        .order_by("occurred_at")
        .values_list("occurred_epoch", flat=True)
        .first()
    )
    return now_epoch if first is None else first


def _exact_weeks(course, now_epoch: int, weeks: int, groups: set[tuple]) -> dict[tuple, list]:
    """Week counts, one sum per week, for the groups too big for a packed field."""
    sums = ", ".join(
        f"SUM(CASE WHEN occurred_epoch > {now_epoch - (k + 1) * WEEK_SECONDS} "
        f"AND occurred_epoch <= {now_epoch - k * WEEK_SECONDS} THEN 1 ELSE 0 END)"
        for k in range(weeks)
    )
    actors = ", ".join(str(int(actor)) for actor, _, _ in groups)
    with connection.cursor() as cursor:
        cursor.execute(
            _EXACT_WEEKS.format(weeks=sums, actors=actors),
            {"course": course.pk, "now": now_epoch},
        )
        rows = cursor.fetchall()
    return {
        (actor, subject, kind): [int(n) for n in counts]
        for actor, subject, kind, *counts in rows
        if (actor, subject, kind) in groups
    }


class Weeks:
    """Adds up groups' week counts: packed integers while no week's field can overflow (fewer
    than ``1 << WEEK_BITS`` moments in all), lists past that."""

    __slots__ = ("fields", "packed", "moments", "exact")

    def __init__(self, fields: int):
        self.fields = fields
        self.packed, self.moments, self.exact = 0, 0, [0] * fields

    def add(self, weeks, moments: int) -> None:
        # (Readers going over thousands of groups inline the first branch.)
        if weeks.__class__ is int and self.moments + moments < 1 << WEEK_BITS:
            self.packed += weeks
            self.moments += moments
        elif isinstance(weeks, list):
            self.exact = [a + b for a, b in zip(self.exact, weeks, strict=True)]
        else:
            unpacked = unpack(weeks, WEEK_BITS, self.fields)
            self.exact = [a + b for a, b in zip(self.exact, unpacked, strict=True)]

    def counts(self) -> list[int]:
        packed = unpack(self.packed, WEEK_BITS, self.fields)
        return [a + b for a, b in zip(packed, self.exact, strict=True)]
