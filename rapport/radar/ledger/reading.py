"""The page-sized reading of a course's ledger for the radar (``read``): every question of
``questions`` for every learner at once, from one grouped scan of the course's touchpoints
(``rapport.core.ledger_pass``) plus small indexed look-ups, instead of one scan per
question. Membership is decided in Python from one query, so the scans need no
"actor in (subquery)" filter, which made SQLite walk an index row by row."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef

from rapport.core import ledger_pass
from rapport.core.kinds import TouchpointKind as K
from rapport.core.ledger_pass import LedgerGroups, Weeks, grouped, unpack
from rapport.courses.models import Course
from rapport.radar.ledger.common import (
    BASELINE_WEEKS,
    CHECKIN_SEEN_KINDS,
    MOOD_WEEKS,
    OWN_POST_KINDS,
    PEER_KINDS,
    PERSONAL_STAFF_KINDS,
    RECENT_CHECKINS,
    REPLY_KINDS,
    Members,
    RecentCheckins,
    StaffContact,
    course_ledger,
    learner_ids,
    members,
)

_PERSONAL = frozenset(PERSONAL_STAFF_KINDS)
_PEER = frozenset(PEER_KINDS)
_REPLIES = frozenset(REPLY_KINDS)
_OWN_POSTS = frozenset(OWN_POST_KINDS)
# A peer pair's moments and, of them, replies, kept as one integer (moments in the low bits):
# a container per pair would outlive the page's young garbage collections and bring on a
# full one (which walks every object of the process) every few pages.
_PAIR_BITS = 32
_PAIR_MASK = (1 << _PAIR_BITS) - 1
# Packed weeks (``ledger_pass.WEEK_BITS`` each, a handful of weeks) and, above them, moments.
_MOMENTS_SHIFT = 96
_WEEKS_MASK = (1 << _MOMENTS_SHIFT) - 1


def open_help_requests(course: Course, now: datetime) -> dict[int, tuple[int, datetime]]:
    """Per learner: help requests nobody has followed up since, and when the first of them
    was made — one query (a follow-up closes every request before it)."""
    followed_later = course_ledger(course, now).filter(
        kind=K.HELP_FOLLOWED_UP,
        subject_id=OuterRef("subject_id"),
        occurred_at__gte=OuterRef("occurred_at"),
    )
    rows = (
        course_ledger(course, now)
        .filter(kind=K.HELP_REQUESTED, subject_id__in=learner_ids(course))
        .exclude(Exists(followed_later))
        .values("subject_id")
        .annotate(n=Count("id"), since=Min("occurred_at"))
    )
    return {row["subject_id"]: (row["n"], row["since"]) for row in rows}


def _one_pass(
    course: Course,
    now: datetime,
    people: Members,
    checkins: list[tuple[int, str, datetime]],
    groups: LedgerGroups,
) -> tuple[list[StaffContact], list[tuple[int, int, int, int]], dict[int, dict]]:
    """The course's ledger grouped in one scan (``groups``) and a small indexed look-up, sorted
    out in Python into personal staff contacts (as ``personal_contacts``), peer pairs (as
    ``peer_pairs``) and, per learner as actor, ``week_0`` … (as ``weekly_activity``),
    ``posts``, ``watched`` (check-ins watched to the end, counted as the milestone of the
    fifth one counts them: by moment), ``mood`` (weekly means of their own
    mood scores, newest first), ``intro`` (answered the intro survey) and ``opened`` (which
    of ``checkins`` — (type id, object id, released at) — they opened or watched)."""
    learners, staff = people.learners, people.staff
    fields, limit = groups.weeks, 1 << ledger_pass.WEEK_BITS
    # Sums kept as one integer each, added up per group (this loop runs once per group, so
    # it does no more than it must): per peer pair, moments and (above _PAIR_BITS) replies;
    # per learner's own activity and per (staff, learner) contact, packed weeks and (above
    # _MOMENTS_SHIFT) moments. Packed weeks cannot overflow while there are fewer than
    # ``limit`` moments; a group too big to pack (its weeks a list) adds ``limit`` moments,
    # and whoever reaches ``limit`` has their weeks counted again exactly (``_exact``).
    pairs: dict[tuple[int, int], int] = {}
    own: dict[int, int] = {}
    # (staff, learner) -> (this term, packed weeks + moments, latest)
    contacts: dict[tuple[int, int], tuple[int, int, int]] = {}
    tallies: dict[str, dict[int, int]] = {"posts": {}, "watched": {}, "intro": {}}
    big = limit << _MOMENTS_SHIFT
    for kind, rows in groups.by_kind.items():
        personal, peer = kind in _PERSONAL, kind in _PEER
        step = 1 | 1 << _PAIR_BITS if kind in _REPLIES else 1
        counted = 0 if kind == K.COURSE_JOINED else 1
        tally = _tally(kind, tallies)
        for actor, subject, _, n, latest, weeks, term in rows:
            if actor in learners:
                if peer and subject in learners and actor != subject:
                    key = (actor, subject)
                    pairs[key] = pairs.get(key, 0) + n * step
                if weeks.__class__ is int:
                    own[actor] = own.get(actor, 0) + counted * (weeks + (n << _MOMENTS_SHIFT))
                else:
                    own[actor] = own.get(actor, 0) + counted * big
                if tally is not None and (tally is not tallies["intro"] or actor == subject):
                    tally[actor] = tally.get(actor, 0) + n
            elif personal and subject in learners and actor in staff:
                key = (actor, subject)
                before = contacts.get(key)
                added = weeks + (n << _MOMENTS_SHIFT) if weeks.__class__ is int else big
                if before is None:
                    contacts[key] = (term, added, latest)
                else:
                    contacts[key] = (
                        before[0] + term,
                        before[1] + added,
                        latest if latest > before[2] else before[2],
                    )
    exact = _exact(groups, learners, staff, own, contacts, limit)
    moods = groups.moods
    actors = {
        actor: _own_activity(
            groups,
            tallies["posts"].get(actor, 0),
            tallies["watched"].get(actor, 0),
            tallies["intro"].get(actor, 0),
            moods.get(actor),
            exact.get(actor) or unpack(packed & _WEEKS_MASK, ledger_pass.WEEK_BITS, fields),
        )
        for actor, packed in own.items()
    }
    for actor, object_id in _checkins_opened(course, now, learners, checkins):
        if actor in actors:
            actors[actor]["opened"].add(object_id)
    return (
        [
            _contact(
                key,
                term,
                exact.get(key) or unpack(packed & _WEEKS_MASK, ledger_pass.WEEK_BITS, fields),
                latest,
            )
            for key, (term, packed, latest) in contacts.items()
        ],
        [
            (giver, receiver, packed & _PAIR_MASK, packed >> _PAIR_BITS)
            for (giver, receiver), packed in pairs.items()
        ],
        actors,
    )


def _tally(kind: str, tallies: dict[str, dict[int, int]]) -> dict[int, int] | None:
    """Which of a learner's own counts a kind adds to, if any: posts, check-ins watched, or
    the intro survey answered (their own answer only)."""
    if kind in _OWN_POSTS:
        return tallies["posts"]
    if kind == K.CHECKIN_WATCHED:
        return tallies["watched"]
    if kind == K.SURVEY_ANSWERED:
        return tallies["intro"]
    return None


def _exact(
    groups: LedgerGroups, learners, staff, own: dict, contacts: dict, limit: int
) -> dict[object, list[int]]:
    """Week counts, exactly, of the learners and contacts with ``limit`` moments or more
    (too many for packed sums to be sure): learner id or (staff, learner) -> weeks. Rare,
    so plain."""
    actors = {a for a, packed in own.items() if packed >> _MOMENTS_SHIFT >= limit}
    pairs = {k for k, (_, packed, _) in contacts.items() if packed >> _MOMENTS_SHIFT >= limit}
    if not actors and not pairs:
        return {}
    found: dict[object, Weeks] = {}
    for actor, subject, kind, n, _, weeks, _ in groups.rows:
        if actor in actors and kind != K.COURSE_JOINED:
            found.setdefault(actor, Weeks(groups.weeks)).add(weeks, n)
        elif (actor, subject) in pairs and kind in _PERSONAL:
            found.setdefault((actor, subject), Weeks(groups.weeks)).add(weeks, n)
    return {key: weeks.counts() for key, weeks in found.items()}


def _own_activity(
    groups: LedgerGroups, posts: int, watched: int, intro: int, mood, weeks: list[int]
) -> dict:
    means = [None] * groups.mood_weeks
    if mood is not None:
        sums, counts = (unpack(value, groups.mood_bits, groups.mood_weeks) for value in mood)
        means = [
            total / count if count else None for total, count in zip(sums, counts, strict=True)
        ]
    return {
        "posts": posts,
        "watched": watched,
        "intro": intro,
        "mood": means,
        "opened": set(),
    } | {f"week_{k}": count for k, count in enumerate(weeks)}


def _contact(key: tuple[int, int], term: int, weeks: list[int], latest: int) -> StaffContact:
    last_7, previous_7 = weeks[:2]
    return StaffContact(
        staff_id=key[0],
        learner_id=key[1],
        this_term=term,
        last_7_days=last_7,
        previous_7_days=previous_7,
        last_14_days=last_7 + previous_7,
        latest=datetime.fromtimestamp(latest, UTC),
    )


_OPENED = """
SELECT DISTINCT actor_id, object_type_id, object_id
FROM core_touchpoint {hint}
WHERE course_id = %s AND kind IN ({kinds}) AND object_id IN ({objects}) AND occurred_at <= %s
"""


def _checkins_opened(
    course: Course, now: datetime, learners, checkins: list[tuple[int, str, datetime]]
) -> set[tuple[int, str]]:
    """(learner, check-in id) for each of ``checkins`` a learner opened or watched — one
    query, a seek per check-in and kind in the tp_by_object index. SQLite is told to take
    it: with no statistics, it would rather read the whole ledger from the index that
    covers every column."""
    if not checkins:
        return set()
    wanted = {(type_id, oid) for type_id, oid, _ in checkins}
    objects = sorted({oid for _, oid, _ in checkins})
    sql = _OPENED.format(
        hint="INDEXED BY tp_by_object" if connection.vendor == "sqlite" else "",
        kinds=", ".join(["%s"] * len(CHECKIN_SEEN_KINDS)),
        objects=", ".join(["%s"] * len(objects)),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                course.pk,
                *CHECKIN_SEEN_KINDS,
                *objects,
                connection.ops.adapt_datetimefield_value(now),
            ],
        )
        rows = cursor.fetchall()
    return {
        (actor, oid)
        for actor, type_id, oid in rows
        if actor in learners and (type_id, oid) in wanted
    }


def latest_checkins(course: Course, now: datetime) -> list[tuple[int, str, datetime]]:
    """The latest few check-ins released to the course, newest first: (type id, object id,
    released at) — one indexed query."""
    return list(
        course_ledger(course, now)
        .filter(kind=K.CHECKIN_POSTED, subject__isnull=True)
        .order_by("-occurred_at", "-pk")
        .values_list("object_type_id", "object_id", "occurred_at")[:RECENT_CHECKINS]
    )


def ledger_groups(course: Course, now: datetime) -> LedgerGroups:
    """The grouped ledger as the radar reads it: the last 1 + BASELINE_WEEKS weeks counted
    apart, mood over MOOD_WEEKS."""
    return grouped(course, now, weeks=BASELINE_WEEKS + 1, mood_weeks=MOOD_WEEKS)


@dataclass
class Reading:
    """Everything the radar's indicators and equity need, read once for a page."""

    members: Members
    contacts: list[StaffContact]
    pairs: list[tuple[int, int, int, int]]
    by_actor: dict[int, dict]
    checkins: RecentCheckins
    help_requests: dict[int, tuple[int, datetime]]


def read(course: Course, now: datetime, groups: LedgerGroups | None = None) -> Reading:
    """The course's ledger for the radar — five queries whatever its size, one of them a
    scan of its touchpoints (``groups``, when the caller has grouped the ledger already with
    ``ledger_groups``, saves scanning it twice)."""
    people = members(course)
    posted = latest_checkins(course, now)
    groups = groups or ledger_groups(course, now)
    contacts, pairs, actors = _one_pass(course, now, people, posted, groups)
    return Reading(
        members=people,
        contacts=contacts,
        pairs=pairs,
        by_actor=actors,
        checkins=RecentCheckins(
            posted=[(oid, at) for _, oid, at in posted],
            opened={actor: row["opened"] for actor, row in actors.items()},
        ),
        help_requests=open_help_requests(course, now),
    )
