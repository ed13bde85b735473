"""The radar's questions one at a time, each one aggregate query for every learner of a
course at once (or for one learner): for pages about one learner, and to check the one
pass of ``reading`` against."""

from datetime import datetime

from django.db.models import Count, F, Max, Q

from rapport.core.kinds import TouchpointKind as K
from rapport.core.ledger_pass import WEEK, term_start
from rapport.courses.models import Course
from rapport.radar.ledger.common import (
    BASELINE_WEEKS,
    OWN_POST_KINDS,
    PEER_KINDS,
    PERSONAL_STAFF_KINDS,
    REPLY_KINDS,
    Members,
    StaffContact,
    course_ledger,
    learner_ids,
    members,
    staff_ids,
)
from rapport.radar.ledger.reading import read


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
        course_ledger(course, now)
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
        course_ledger(course, now)
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
        course_ledger(course, now)
        .filter(actor_id__in=learner_ids(course) if learner_id is None else [learner_id])
        .exclude(kind=K.COURSE_JOINED)
        .values("actor_id")
        .annotate(**weeks, posts=Count("id", filter=Q(kind__in=OWN_POST_KINDS)))
    )
    return {row.pop("actor_id"): row for row in rows}


def classmates_of(course: Course, learner_id: int, now: datetime) -> dict[int, tuple[int, int]]:
    """One learner's peer interactions: classmate -> (given to them, received from them) —
    one query. Only active learners count, as in ``peer_pairs``."""
    rows = (
        course_ledger(course, now)
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
        course_ledger(course, now)
        .filter(kind=K.SHOUTOUT, subject_id=learner_id)
        .aggregate(
            from_classmates=Count("id", filter=Q(actor_id__in=learner_ids(course))),
            from_team=Count("id", filter=Q(actor_id__in=staff_ids(course))),
        )
    )
