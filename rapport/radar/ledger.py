"""What the radar reads from the touchpoint ledger: one aggregate query per question, for
every learner of a course at once (never a loop over learners × events).

Which moments count as what is decided here, by kind, and explained in docs/radar.md:

- A *personal staff contact* is a touchpoint whose actor is active staff of the course and
  whose subject is the learner, of a kind in ``PERSONAL_STAFF_KINDS``. Broadcasts do not
  count: a course-wide check-in (``CHECKIN_POSTED``) has no subject, so it names nobody.
  Emoji reactions do not count either: a tap is not a human touch.
- A *peer interaction* is a touchpoint between two different active learners, of a kind in
  ``PEER_KINDS``; the actor gave it and the subject received it.
- *Participation* is anything a learner did themselves (they are the actor), but joining.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q
from django.utils.dateparse import parse_datetime

from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import Touchpoint
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role

WEEK = timedelta(days=7)
# Weeks of a learner's own past the participation baseline averages over.
BASELINE_WEEKS = 4
# How many of the latest check-ins the radar looks back over.
RECENT_CHECKINS = 3

PERSONAL_STAFF_KINDS = (
    K.PERSONAL_MESSAGE,
    K.FEEDBACK_GIVEN,
    K.MESSAGE_REPLY,
    K.POST_REPLY,
    K.MENTION,
    K.SHOUTOUT,
    K.RESOURCE_RECOMMENDED,
    K.MILESTONE_CELEBRATED,
    K.RITUAL_FEATURED,
    K.HELP_FOLLOWED_UP,
)
PEER_KINDS = (
    K.POST_REPLY,
    K.MESSAGE_REPLY,
    K.MENTION,
    K.SHOUTOUT,
    K.POST_REACTION,
    K.MESSAGE_REACTION,
    K.RITUAL_FEATURED,
    K.MILESTONE_CELEBRATED,
)
REPLY_KINDS = (K.POST_REPLY, K.MESSAGE_REPLY)
# What counts as "they have posted" (so the silence of classmates means something).
OWN_POST_KINDS = (K.TOPIC_STARTED, K.POST_REPLY, K.RITUAL_ANSWERED)
CHECKIN_SEEN_KINDS = (K.CHECKIN_OPENED, K.CHECKIN_WATCHED)


def learner_ids(course: Course):
    return Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    ).values("user_id")


def staff_ids(course: Course):
    return Membership.objects.filter(
        course=course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
    ).values("user_id")


def _ledger(course: Course, now: datetime):
    return Touchpoint.objects.filter(course=course, occurred_at__lte=now).order_by()


def term_start(course: Course) -> datetime | None:
    if course.starts_on is None:
        return None
    return datetime.combine(course.starts_on, datetime.min.time(), tzinfo=course.zone())


@dataclass(frozen=True)
class StaffContact:
    """Personal contacts from one staff member to one learner."""

    staff_id: int
    learner_id: int
    this_term: int
    last_7_days: int
    previous_7_days: int
    last_14_days: int
    latest: datetime


def personal_contacts(
    course: Course, now: datetime, learner_id: int | None = None
) -> list[StaffContact]:
    """One row per (staff member, learner) pair with any personal contact — one query.
    With ``learner_id``, that learner's rows only."""
    if learner_id is None:
        return read(course, now).contacts
    since_term = term_start(course)
    term = Q(occurred_at__gte=since_term) if since_term else Q()
    rows = (
        _ledger(course, now)
        .filter(
            kind__in=PERSONAL_STAFF_KINDS,
            actor_id__in=staff_ids(course),
            subject_id=learner_id,
        )
        .values("actor_id", "subject_id")
        .annotate(
            this_term=Count("id", filter=term),
            last_7=Count("id", filter=Q(occurred_at__gt=now - WEEK)),
            previous_7=Count(
                "id", filter=Q(occurred_at__gt=now - 2 * WEEK, occurred_at__lte=now - WEEK)
            ),
            last_14=Count("id", filter=Q(occurred_at__gt=now - 2 * WEEK)),
            latest=Max("occurred_at"),
        )
    )
    return [
        StaffContact(
            staff_id=row["actor_id"],
            learner_id=row["subject_id"],
            this_term=row["this_term"],
            last_7_days=row["last_7"],
            previous_7_days=row["previous_7"],
            last_14_days=row["last_14"],
            latest=row["latest"],
        )
        for row in rows
    ]


def peer_pairs(
    course: Course, now: datetime, people: "Members | None" = None
) -> list[tuple[int, int, int, int]]:
    """(giver, receiver, interactions, replies) for every pair of classmates — one query
    (and one for the course's members unless ``people`` is given)."""
    people = people or members(course)
    rows = (
        _ledger(course, now)
        .filter(kind__in=PEER_KINDS, subject__isnull=False)
        .exclude(actor_id=F("subject_id"))
        .values_list("actor_id", "subject_id")
        .annotate(n=Count("id"), replies=Count("id", filter=Q(kind__in=REPLY_KINDS)))
    )
    learners = people.learners
    return [row for row in rows if row[0] in learners and row[1] in learners]


def weekly_activity(
    course: Course, now: datetime, learner_id: int | None = None
) -> dict[int, dict]:
    """Per learner: what they did in each of the last 1 + BASELINE_WEEKS weeks (week 0 is
    the last seven days), and whether they have posted at all — one query. With
    ``learner_id``, that learner only."""
    weeks = {
        f"week_{k}": Count(
            "id", filter=Q(occurred_at__gt=now - (k + 1) * WEEK, occurred_at__lte=now - k * WEEK)
        )
        for k in range(BASELINE_WEEKS + 1)
    }
    rows = (
        _ledger(course, now)
        .filter(actor_id__in=learner_ids(course) if learner_id is None else [learner_id])
        .exclude(kind=K.COURSE_JOINED)
        .values("actor_id")
        .annotate(**weeks, posts=Count("id", filter=Q(kind__in=OWN_POST_KINDS)))
    )
    return {row.pop("actor_id"): row for row in rows}


def open_help_requests(course: Course, now: datetime) -> dict[int, tuple[int, datetime]]:
    """Per learner: help requests nobody has followed up since, and when the first of them
    was made — one query (a follow-up closes every request before it)."""
    followed_later = _ledger(course, now).filter(
        kind=K.HELP_FOLLOWED_UP,
        subject_id=OuterRef("subject_id"),
        occurred_at__gte=OuterRef("occurred_at"),
    )
    rows = (
        _ledger(course, now)
        .filter(kind=K.HELP_REQUESTED, subject_id__in=learner_ids(course))
        .exclude(Exists(followed_later))
        .values("subject_id")
        .annotate(n=Count("id"), since=Min("occurred_at"))
    )
    return {row["subject_id"]: (row["n"], row["since"]) for row in rows}


@dataclass(frozen=True)
class RecentCheckins:
    # the latest check-ins, newest first: (object id, released at)
    posted: list[tuple[str, datetime]]
    # learner id -> the ids of those they opened
    opened: dict[int, set[str]]


def classmates_of(course: Course, learner_id: int, now: datetime) -> dict[int, tuple[int, int]]:
    """One learner's peer interactions: classmate -> (given to them, received from them) —
    one query. Only active learners count, as in ``peer_pairs``."""
    rows = (
        _ledger(course, now)
        .filter(kind__in=PEER_KINDS)
        .filter(
            Q(actor_id=learner_id, subject_id__in=learner_ids(course))
            | Q(subject_id=learner_id, actor_id__in=learner_ids(course))
        )
        .exclude(actor_id=F("subject_id"))
        .values("actor_id", "subject_id")
        .annotate(n=Count("id"))
    )
    result: dict[int, tuple[int, int]] = {}
    for row in rows:
        if row["actor_id"] == learner_id:
            given, received = result.get(row["subject_id"], (0, 0))
            result[row["subject_id"]] = (given + row["n"], received)
        else:
            given, received = result.get(row["actor_id"], (0, 0))
            result[row["actor_id"]] = (given, received + row["n"])
    return result


def shoutouts_received(course: Course, learner_id: int, now: datetime) -> dict[str, int]:
    """Shout-outs one learner received, from classmates and from the teaching team — one
    query."""
    return (
        _ledger(course, now)
        .filter(kind=K.SHOUTOUT, subject_id=learner_id)
        .aggregate(
            from_classmates=Count("id", filter=Q(actor_id__in=learner_ids(course))),
            from_team=Count("id", filter=Q(actor_id__in=staff_ids(course))),
        )
    )


# --- the whole course in one pass over its ledger -----------------------------------------
#
# The page-sized reading: every question above for every learner at once, from one grouped
# scan of the course's touchpoints (plus small indexed look-ups), instead of one scan per
# question. Membership is decided in Python from one query, so the scans need no
# "actor in (subquery)" filter, which made SQLite walk an index row by row.


@dataclass(frozen=True)
class Members:
    learners: frozenset[int]
    staff: frozenset[int]


def members(course: Course) -> Members:
    rows = Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE).values_list(
        "user_id", "role"
    )
    learners, staff = set(), set()
    for user_id, role in rows:
        if role == Role.LEARNER:
            learners.add(user_id)
        elif role in STAFF_ROLES:
            staff.add(user_id)
    return Members(learners=frozenset(learners), staff=frozenset(staff))


def _window(now: datetime, k: int) -> Q:
    return Q(occurred_at__gt=now - (k + 1) * WEEK, occurred_at__lte=now - k * WEEK)


def _plain_rows(query) -> list[tuple]:
    """The rows of ``query`` as the database driver returns them: thousands of grouped rows
    of plain counts need none of the ORM's per-value converters (which cost more than the
    query itself). Only ``_moment`` below is needed, for a latest time."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _moment(value) -> datetime | None:
    """A MAX(occurred_at) as the driver gave it (SQLite: text) as an aware datetime."""
    if value is None or isinstance(value, datetime) and value.tzinfo is not None:
        return value
    moment = parse_datetime(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _one_pass(
    course: Course, now: datetime, people: Members, checkins: list[tuple[int, str]]
) -> tuple[list[StaffContact], list[tuple[int, int, int, int]], dict[int, dict]]:
    """One scan of the course's ledger grouped by (actor, subject), every question a
    filtered aggregate; sorted out in Python into personal staff contacts (as
    ``personal_contacts``), peer pairs (as ``peer_pairs``) and, per learner as actor,
    ``week_0`` … (as ``weekly_activity``), ``posts``, ``watched`` (distinct check-ins
    watched), ``mood`` (weekly means of their own mood scores, newest first), ``intro``
    (answered the intro survey) and ``opened`` (which of ``checkins`` — (type id, object
    id) — they opened or watched)."""
    since_term = term_start(course)
    personal = Q(kind__in=PERSONAL_STAFF_KINDS)
    term = personal & Q(occurred_at__gte=since_term) if since_term else personal
    own = Q(subject_id=F("actor_id"))
    mood = Q(kind=K.MOOD_CHECKIN, value__isnull=False) & own
    # Counted by kind (never empty), not by id: every column the pass reads is then in the
    # tp_radar_pass index, so PostgreSQL answers from the index alone, without visiting the
    # table row by row (SQLite's indexes carry the id anyway).
    annotations = {
        "personal": Count("kind", filter=personal),
        "this_term": Count("kind", filter=term),
        "last_7": Count("kind", filter=personal & Q(occurred_at__gt=now - WEEK)),
        "previous_7": Count("kind", filter=personal & _window(now, 1)),
        "last_14": Count("kind", filter=personal & Q(occurred_at__gt=now - 2 * WEEK)),
        "latest": Max("occurred_at", filter=personal),
        "peer": Count("kind", filter=Q(kind__in=PEER_KINDS)),
        "replies": Count("kind", filter=Q(kind__in=REPLY_KINDS)),
        "posts": Count("kind", filter=Q(kind__in=OWN_POST_KINDS)),
        "watched": Count("object_id", distinct=True, filter=Q(kind=K.CHECKIN_WATCHED)),
        "intro": Count("kind", filter=Q(kind=K.SURVEY_ANSWERED) & own),
    }
    annotations |= {
        f"week_{k}": Count("kind", filter=_window(now, k) & ~Q(kind=K.COURSE_JOINED))
        for k in range(BASELINE_WEEKS + 1)
    }
    annotations |= {f"mood_{k}": Avg("value", filter=mood & _window(now, k)) for k in range(3)}
    annotations |= {
        f"opened_{i}": Count(
            "kind", filter=Q(kind__in=CHECKIN_SEEN_KINDS, object_type_id=type_id, object_id=oid)
        )
        for i, (type_id, oid) in enumerate(checkins)
    }
    query = (
        _ledger(course, now)
        .filter(actor__isnull=False)
        .values("actor_id", "subject_id")
        .annotate(**annotations)
    )
    names = ["actor_id", "subject_id", *annotations]
    learners, staff = people.learners, people.staff
    contacts, pairs, actors = [], [], {}
    for values in _plain_rows(query):
        row = dict(zip(names, values, strict=True))
        actor, subject = row["actor_id"], row["subject_id"]
        if subject in learners and actor != subject:
            if row["personal"] and actor in staff:
                contacts.append(
                    StaffContact(
                        actor,
                        subject,
                        row["this_term"],
                        row["last_7"],
                        row["previous_7"],
                        row["last_14"],
                        _moment(row["latest"]),
                    )
                )
            elif row["peer"] and actor in learners:
                pairs.append((actor, subject, row["peer"], row["replies"]))
        if actor not in learners:
            continue
        mine = actors.setdefault(
            actor,
            {"posts": 0, "watched": 0, "intro": 0, "mood": [None, None, None], "opened": set()}
            | {f"week_{k}": 0 for k in range(BASELINE_WEEKS + 1)},
        )
        for key in ("posts", "watched", "intro", *(f"week_{k}" for k in range(BASELINE_WEEKS + 1))):
            mine[key] += row[key]
        if actor == subject:
            mine["mood"] = [row[f"mood_{k}"] for k in range(3)]
        mine["opened"] |= {oid for i, (_, oid) in enumerate(checkins) if row[f"opened_{i}"]}
    return contacts, pairs, actors


def latest_checkins(course: Course, now: datetime) -> list[tuple[int, str, datetime]]:
    """The latest few check-ins released to the course, newest first: (type id, object id,
    released at) — one indexed query."""
    return list(
        _ledger(course, now)
        .filter(kind=K.CHECKIN_POSTED, subject__isnull=True)
        .order_by("-occurred_at", "-pk")
        .values_list("object_type_id", "object_id", "occurred_at")[:RECENT_CHECKINS]
    )


@dataclass
class Reading:
    """Everything the radar's indicators and equity need, read once for a page."""

    members: Members
    contacts: list[StaffContact]
    pairs: list[tuple[int, int, int, int]]
    by_actor: dict[int, dict]
    checkins: RecentCheckins
    help_requests: dict[int, tuple[int, datetime]]


def read(course: Course, now: datetime) -> Reading:
    """The course's ledger for the radar — four queries whatever its size, one of them a
    scan of its touchpoints."""
    people = members(course)
    posted = latest_checkins(course, now)
    contacts, pairs, actors = _one_pass(course, now, people, [(t, oid) for t, oid, _ in posted])
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
