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
    # Week counts are added up packed while they cannot overflow (``Weeks`` takes over past
    # that), the common case written out here, since it runs once per group: per (staff,
    # learner) contact, [this term, packed weeks, their moments, overflow, latest]; per
    # learner's own activity, [posts, watched, intro, mood, packed weeks, their moments,
    # overflow]. A learner's moments count for a pair and their own activity, a teacher's
    # for a contact: nobody is both.
    contacts: dict[tuple[int, int], list] = {}
    pairs: dict[tuple[int, int], list[int]] = {}
    own: dict[int, list] = {}
    joined, watched, answered = K.COURSE_JOINED, K.CHECKIN_WATCHED, K.SURVEY_ANSWERED
    fields = groups.weeks
    limit = 1 << ledger_pass.WEEK_BITS
    for kind, rows in groups.by_kind.items():
        personal, peer, reply = kind in _PERSONAL, kind in _PEER, kind in _REPLIES
        active, intro = kind != joined, kind == answered
        # which of posts (0) or watched (1) the kind adds to, if either
        tally = 0 if kind in _OWN_POSTS else 1 if kind == watched else None
        for actor, subject, _, n, latest, weeks, term in rows:
            if actor in learners:
                if peer and subject in learners and actor != subject:
                    pair = pairs.get((actor, subject))
                    if pair is None:
                        pairs[actor, subject] = [n, n if reply else 0]
                    else:
                        pair[0] += n
                        if reply:
                            pair[1] += n
                mine = own.get(actor)
                if mine is None:
                    mine = own[actor] = [0, 0, 0, None, 0, 0, None]
                if active:
                    if weeks.__class__ is int and mine[5] + n < limit:
                        mine[4] += weeks
                        mine[5] += n
                    else:
                        if mine[6] is None:
                            mine[6] = Weeks(fields)
                        mine[6].add(weeks, n)
                if tally is not None:
                    mine[tally] += n
                if intro and actor == subject:
                    mine[2] += n
            elif personal and subject in learners and actor in staff:
                contact = contacts.get((actor, subject))
                if contact is None:
                    contact = contacts[actor, subject] = [0, 0, 0, None, latest]
                contact[0] += term
                if weeks.__class__ is int and contact[2] + n < limit:
                    contact[1] += weeks
                    contact[2] += n
                else:
                    if contact[3] is None:
                        contact[3] = Weeks(fields)
                    contact[3].add(weeks, n)
                if latest > contact[4]:
                    contact[4] = latest
    for actor, mood in groups.moods.items():
        if actor in own:
            own[actor][3] = mood
    actors = {actor: _own_activity(groups, *values) for actor, values in own.items()}
    for actor, object_id in _checkins_opened(course, now, learners, checkins):
        if actor in actors:
            actors[actor]["opened"].add(object_id)
    return (
        [_contact(key, *value, fields) for key, value in contacts.items()],
        [(giver, receiver, n, replies) for (giver, receiver), (n, replies) in pairs.items()],
        actors,
    )


def _own_activity(
    groups: LedgerGroups,
    posts: int,
    watched: int,
    intro: int,
    mood,
    packed: int,
    _moments: int,
    overflow: Weeks | None,
) -> dict:
    means = [None] * groups.mood_weeks
    if mood is not None:
        sums, counts = (unpack(value, groups.mood_bits, groups.mood_weeks) for value in mood)
        means = [
            total / count if count else None for total, count in zip(sums, counts, strict=True)
        ]
    weeks = _weeks(packed, overflow, groups.weeks)
    return {
        "posts": posts,
        "watched": watched,
        "intro": intro,
        "mood": means,
        "opened": set(),
    } | {f"week_{k}": count for k, count in enumerate(weeks)}


def _weeks(packed: int, overflow: Weeks | None, fields: int) -> list[int]:
    weeks = unpack(packed, ledger_pass.WEEK_BITS, fields)
    if overflow is not None:
        weeks = [a + b for a, b in zip(weeks, overflow.counts(), strict=True)]
    return weeks


def _contact(
    key: tuple[int, int],
    term: int,
    packed: int,
    _moments: int,
    overflow: Weeks | None,
    latest: int,
    fields: int,
) -> StaffContact:
    last_7, previous_7 = _weeks(packed, overflow, fields)[:2]
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
