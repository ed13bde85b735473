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
from datetime import datetime, timedelta

from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q

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
    since_term = term_start(course)
    term = Q(occurred_at__gte=since_term) if since_term else Q()
    learners = learner_ids(course) if learner_id is None else [learner_id]
    rows = (
        _ledger(course, now)
        .filter(
            kind__in=PERSONAL_STAFF_KINDS,
            actor_id__in=staff_ids(course),
            subject_id__in=learners,
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


def peer_pairs(course: Course, now: datetime) -> list[tuple[int, int, int, int]]:
    """(giver, receiver, interactions, replies) for every pair of classmates — one query."""
    rows = (
        _ledger(course, now)
        .filter(
            kind__in=PEER_KINDS,
            actor_id__in=learner_ids(course),
            subject_id__in=learner_ids(course),
        )
        .exclude(actor_id=F("subject_id"))
        .values("actor_id", "subject_id")
        .annotate(n=Count("id"), replies=Count("id", filter=Q(kind__in=REPLY_KINDS)))
    )
    return [(r["actor_id"], r["subject_id"], r["n"], r["replies"]) for r in rows]


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


def weekly_mood(course: Course, now: datetime, weeks: int = 3) -> dict[int, list]:
    """Per learner: their mean mood score in each of the last ``weeks`` weeks, newest
    first (None for a week without a check-in) — one query."""
    means = {
        f"week_{k}": Avg(
            "value", filter=Q(occurred_at__gt=now - (k + 1) * WEEK, occurred_at__lte=now - k * WEEK)
        )
        for k in range(weeks)
    }
    rows = (
        _ledger(course, now)
        .filter(kind=K.MOOD_CHECKIN, subject_id__in=learner_ids(course), value__isnull=False)
        .values("subject_id")
        .annotate(**means)
    )
    return {row["subject_id"]: [row[f"week_{k}"] for k in range(weeks)] for row in rows}


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


def intro_answered(course: Course, now: datetime) -> set[int]:
    return set(
        _ledger(course, now)
        .filter(kind=K.SURVEY_ANSWERED, subject_id__in=learner_ids(course))
        .values_list("subject_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class RecentCheckins:
    # the latest check-ins, newest first: (object id, released at)
    posted: list[tuple[str, datetime]]
    # learner id -> the ids of those they opened
    opened: dict[int, set[str]]


def recent_checkins(course: Course, now: datetime) -> RecentCheckins:
    """The latest few check-ins released to the course and who opened each — two queries."""
    posted = list(
        _ledger(course, now)
        .filter(kind=K.CHECKIN_POSTED, subject__isnull=True)
        .order_by("-occurred_at", "-pk")
        .values_list("object_type_id", "object_id", "occurred_at")[:RECENT_CHECKINS]
    )
    opened: dict[int, set[str]] = {}
    if posted:
        seen = (
            _ledger(course, now)
            .filter(
                kind__in=CHECKIN_SEEN_KINDS,
                object_type_id=posted[0][0],
                object_id__in=[object_id for _, object_id, _ in posted],
                actor_id__in=learner_ids(course),
            )
            .values_list("actor_id", "object_id")
            .distinct()
        )
        for actor_id, object_id in seen:
            opened.setdefault(actor_id, set()).add(object_id)
    return RecentCheckins(posted=[(object_id, at) for _, object_id, at in posted], opened=opened)


def checkins_watched(course: Course, now: datetime) -> dict[int, int]:
    rows = (
        _ledger(course, now)
        .filter(kind=K.CHECKIN_WATCHED, actor_id__in=learner_ids(course))
        .values("actor_id")
        .annotate(n=Count("object_id", distinct=True))
    )
    return {row["actor_id"]: row["n"] for row in rows}


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
