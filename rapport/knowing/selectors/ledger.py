"""Milestones read from the ledger (and the course's dates): the first post (TOPIC_STARTED
or POST_REPLY by the learner), the first reply to a classmate (POST_REPLY from the learner
to another learner), five check-ins watched (the fifth CHECKIN_WATCHED) and halfway
through the course.

Worked out on every read, never stored, so they cannot drift from the ledger; each kind
costs one aggregate query whatever the course size."""

from datetime import UTC, datetime, time

from django.db import connection
from django.db.models import F, Min, Window
from django.db.models.functions import RowNumber

from rapport.core import ledger_pass
from rapport.core.epoch import epoch_seconds
from rapport.core.kinds import TouchpointKind
from rapport.core.ledger_pass import WEEK, WEEK_SECONDS, LedgerGroups, Weeks, unpack, week_counts
from rapport.core.models import Touchpoint
from rapport.courses.models import Course, Membership, Role
from rapport.knowing.selectors.occasion import (
    CHECKINS_FOR_MILESTONE,
    FIRST_POST,
    FIRST_REPLY,
    FIVE_CHECKINS,
    HALFWAY,
    LEDGER_TITLES,
    Occasion,
)
from rapport.knowing.selectors.people import active_learners


def _firsts(rows, since: datetime | None) -> dict[int, datetime]:
    firsts = rows.values("actor_id").annotate(first=Min("occurred_at")).order_by()
    if since is not None:
        firsts = firsts.filter(first__gte=since)
    return {row["actor_id"]: row["first"] for row in firsts}


def first_posts(*, course: Course, learners, since: datetime | None = None) -> dict:
    rows = Touchpoint.objects.filter(
        course=course,
        kind__in=[TouchpointKind.TOPIC_STARTED, TouchpointKind.POST_REPLY],
        actor_id__in=learners.values("user_id"),
    )
    return _firsts(rows, since)


def first_replies_to_classmates(*, course: Course, learners, since: datetime | None = None):
    """When each of ``learners`` first replied to a classmate (anyone who is or was a
    learner of the course) — one query over the course's replies, grouped by who replied to
    whom; who counts is decided in Python, since an "actor in (subquery)" filter makes
    SQLite walk the replies one index entry at a time."""
    repliers = set(learners.values_list("user_id", flat=True))
    classmates = set(
        Membership.objects.filter(course=course, role=Role.LEARNER).values_list(
            "user_id", flat=True
        )
    )
    pairs = (
        Touchpoint.objects.filter(course=course, kind=TouchpointKind.POST_REPLY)
        .exclude(subject_id=F("actor_id"))
        .values_list("actor_id", "subject_id")
        .annotate(first=Min("occurred_at"))
        .order_by()
    )
    firsts: dict[int, datetime] = {}
    for actor_id, subject_id, first in pairs:
        if actor_id in repliers and subject_id in classmates:
            firsts[actor_id] = min(first, firsts.get(actor_id, first))
    return {
        actor_id: first for actor_id, first in firsts.items() if since is None or first >= since
    }


def checkins_watched_milestones(*, course: Course, learners, since: datetime | None = None):
    """When each learner watched their fifth check-in — one windowed query."""
    rows = (
        Touchpoint.objects.filter(
            course=course,
            kind=TouchpointKind.CHECKIN_WATCHED,
            actor_id__in=learners.values("user_id"),
        )
        .annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("actor_id")],
                order_by=[F("occurred_at").asc(), F("pk").asc()],
            )
        )
        .filter(nth=CHECKINS_FOR_MILESTONE)
        .values_list("actor_id", "occurred_at")
    )
    return {
        actor_id: occurred_at
        for actor_id, occurred_at in rows
        if since is None or occurred_at >= since
    }


def milestones_from_groups(
    course: Course, learner_ids: set[int], groups: LedgerGroups, since: datetime
) -> dict[str, dict[int, datetime]]:
    """The first post, the first reply to a classmate and the fifth check-in watched of each
    of ``learner_ids`` reached since ``since``, as the three selectors above find them, from
    the grouped ledger and two small queries of the moments since then, each only of the
    learners whose counts leave it possible."""
    classmates = set(
        Membership.objects.filter(course=course, role=Role.LEARNER).values_list(
            "user_id", flat=True
        )
    )
    # learner -> [moments in all, of them in the last week]
    watched: dict[int, list[int]] = {}
    started, replied, seen = (
        TouchpointKind.TOPIC_STARTED,
        TouchpointKind.POST_REPLY,
        TouchpointKind.CHECKIN_WATCHED,
    )
    by_kind = groups.by_kind
    for actor, _, _, n, _, weeks, _ in by_kind.get(seen, ()):
        if actor in learner_ids:
            counts = watched.setdefault(actor, [0, 0])
            counts[0] += n
            counts[1] += week_counts(weeks, 1)[0]
    # learner -> [posts, their packed weeks, replies to classmates, their packed weeks]:
    # packed sums hold while a learner has fewer than ``limit`` of them (a group too big to
    # pack counts as ``limit``); past that, their weeks are counted again exactly.
    fields, limit = groups.weeks, 1 << ledger_pass.WEEK_BITS
    found: dict[int, list[int]] = {}
    for kind in (started, replied):
        for actor, subject, _, n, _, weeks, _ in by_kind.get(kind, ()):
            if actor in learner_ids:
                mine = found.get(actor)
                if mine is None:
                    mine = found[actor] = [0, 0, 0, 0]
                if weeks.__class__ is int:
                    counted, packed = n, weeks
                else:  # too big to pack: counted again exactly
                    counted, packed = limit, 0
                mine[0] += counted
                mine[1] += packed
                if kind == replied and subject in classmates and subject != actor:
                    mine[2] += counted
                    mine[3] += packed
    # A moment is surely before ``since`` when it falls in an older week than ``since`` does;
    # learner -> [posts, of them surely before, replies to classmates, of them surely before]
    week = (epoch_seconds(groups.now) - epoch_seconds(since)) // WEEK_SECONDS
    posts = {}
    for actor, (n_posts, post_weeks, n_replies, reply_weeks) in found.items():
        if n_posts >= limit:
            n_posts, post_weeks, n_replies, reply_weeks = _counted_exactly(
                by_kind, actor, classmates, fields
            )
        else:
            post_weeks = unpack(post_weeks, ledger_pass.WEEK_BITS, fields)
            reply_weeks = unpack(reply_weeks, ledger_pass.WEEK_BITS, fields)
        posts[actor] = [
            n_posts,
            _older_than(week, post_weeks, n_posts),
            n_replies,
            _older_than(week, reply_weeks, n_replies),
        ]
    first_posts, first_replies = _firsts_since(course, posts, classmates, groups.now, since)
    return {
        FIRST_POST: first_posts,
        FIRST_REPLY: first_replies,
        FIVE_CHECKINS: _fifth_watched(course, watched, groups.now, since),
    }


def _counted_exactly(by_kind: dict, actor: int, classmates: set[int], fields: int) -> tuple:
    """A learner's posts and replies to classmates, each with their weeks, group by group
    (for the rare learner with too many for packed sums)."""
    n_posts = n_replies = 0
    posts, replies = Weeks(fields), Weeks(fields)
    for kind in (TouchpointKind.TOPIC_STARTED, TouchpointKind.POST_REPLY):
        for row_actor, subject, _, n, _, weeks, _ in by_kind.get(kind, ()):
            if row_actor == actor:
                n_posts += n
                posts.add(weeks, n)
                if kind == TouchpointKind.POST_REPLY and subject in classmates and subject != actor:
                    n_replies += n
                    replies.add(weeks, n)
    return n_posts, posts.counts(), n_replies, replies.counts()


def _older_than(week: int, weeks: list[int], moments: int) -> int:
    """Of ``moments``, how many fall in weeks older than ``week`` (0 when the counted weeks
    do not reach that far)."""
    if week >= len(weeks):
        return 0
    return moments - sum(weeks[: week + 1])


_POSTS_SINCE = """
SELECT actor_id, subject_id, kind, occurred_epoch FROM core_touchpoint
WHERE course_id = %s AND actor_id IN ({actors}) AND kind IN (%s, %s) AND occurred_at >= %s
  AND occurred_epoch <= %s
ORDER BY occurred_at
"""


def _firsts_since(
    course: Course,
    posts: dict[int, list[int]],
    classmates: set[int],
    now: datetime,
    since: datetime,
) -> tuple[dict[int, datetime], dict[int, datetime]]:
    """Whose first post and first reply to a classmate came since ``since``, and when: of
    those with no moment surely before it (``posts``, as ``milestones_from_groups`` counts
    them), whoever has all of them since then. Moments are bounded to the second as the
    groups count them, and told to the second."""
    candidates = [
        actor
        for actor, (_, posts_before, replies, replies_before) in posts.items()
        if not posts_before or (replies and not replies_before)
    ]
    if not candidates:
        return {}, {}
    with connection.cursor() as cursor:
        cursor.execute(
            _POSTS_SINCE.format(actors=", ".join(["%s"] * len(candidates))),
            [
                course.pk,
                *candidates,
                TouchpointKind.TOPIC_STARTED,
                TouchpointKind.POST_REPLY,
                connection.ops.adapt_datetimefield_value(since),
                epoch_seconds(now),
            ],
        )
        rows = cursor.fetchall()
    # learner -> [posts since, first of them, replies to classmates since, first of them]
    recent: dict[int, list] = {}
    for actor, subject, kind, epoch in rows:
        at = datetime.fromtimestamp(epoch, UTC)
        mine = recent.setdefault(actor, [0, at, 0, None])
        mine[0] += 1
        if kind == TouchpointKind.POST_REPLY and subject in classmates and subject != actor:
            mine[2] += 1
            if mine[3] is None:
                mine[3] = at
    first_posts, first_replies = {}, {}
    for actor, (n, first, replies, first_reply) in recent.items():
        all_posts, _, all_replies, _ = posts[actor]
        if n == all_posts:
            first_posts[actor] = first
        if replies and replies == all_replies:
            first_replies[actor] = first_reply
    return first_posts, first_replies


def _fifth_watched(
    course: Course, watched: dict[int, list[int]], now: datetime, since: datetime
) -> dict[int, datetime]:
    """Who watched their fifth check-in since ``since``. When that is a week before ``now``,
    the grouped ledger already tells who can have (five or more in all, fewer than five
    before the week), and only their moments are read."""
    reached = {actor for actor, (n, _) in watched.items() if n >= CHECKINS_FOR_MILESTONE}
    if since == now - WEEK:
        reached = {a for a in reached if watched[a][0] - watched[a][1] < CHECKINS_FOR_MILESTONE}
        if not reached:
            return {}
    rows = Touchpoint.objects.filter(
        course=course,
        kind=TouchpointKind.CHECKIN_WATCHED,
        occurred_at__gte=since,
        occurred_at__lte=now,
    )
    if since == now - WEEK:
        rows = rows.filter(actor_id__in=reached)
    recent: dict[int, list[datetime]] = {}
    for actor, at in rows.order_by("occurred_at", "pk").values_list("actor_id", "occurred_at"):
        if actor in reached:
            recent.setdefault(actor, []).append(at)
    fifths = {}
    for actor, moments in recent.items():
        before = watched[actor][0] - len(moments)
        if before < CHECKINS_FOR_MILESTONE:
            fifths[actor] = moments[CHECKINS_FOR_MILESTONE - before - 1]
    return fifths


def halfway_moment(course: Course) -> datetime | None:
    if not (course.starts_on and course.ends_on) or course.ends_on <= course.starts_on:
        return None
    middle = course.starts_on + (course.ends_on - course.starts_on) / 2
    return datetime.combine(middle, time.min, tzinfo=course.zone())


_PREFILLS = {
    FIRST_POST: (
        "{name}, I loved seeing your first post in our discussions. Your voice makes this "
        "class better — keep it coming!"
    ),
    FIRST_REPLY: (
        "Thank you for replying to a classmate, {name}. That kind of conversation is what "
        "turns a course into a community."
    ),
    FIVE_CHECKINS: (
        "{name}, you've watched five of our check-ins — thank you for showing up week after "
        "week. It means a lot."
    ),
    HALFWAY: (
        "We're halfway through {course}, {name}! Look how far you've come — I'm really glad "
        "you're here."
    ),
}


def _ledger_occasion(kind: str, learner, course: Course, when: datetime, group="") -> Occasion:
    return Occasion(
        key=kind,
        kind=kind,
        learner=learner,
        title=LEDGER_TITLES[kind],
        when=when,
        prefill=_PREFILLS[kind].format(name=learner.display_name, course=course.title),
        group=group,
    )


def ledger_occasions(
    course: Course,
    learners: dict,
    learner_id,
    now: datetime,
    since: datetime | None,
    groups: LedgerGroups | None = None,
) -> list[Occasion]:
    """The ledger milestones of ``learners`` (user id → active membership), reached since
    ``since`` if given; halfway is one occasion per learner who was there before it.
    ``groups`` (the whole course's ledger grouped up to ``now``, when the caller has it)
    answers those reached since ``since`` without reading the ledger again."""
    if groups is not None and since is not None:
        found = milestones_from_groups(course, set(learners), groups, since)
    else:
        subquery = active_learners(course=course, user_id=learner_id)
        found = {
            FIRST_POST: first_posts(course=course, learners=subquery, since=since),
            FIRST_REPLY: first_replies_to_classmates(course=course, learners=subquery, since=since),
            FIVE_CHECKINS: checkins_watched_milestones(
                course=course, learners=subquery, since=since
            ),
        }
    occasions = [
        _ledger_occasion(kind, learners[user_id].user, course, when)
        for kind, reached in found.items()
        for user_id, when in reached.items()
        if user_id in learners
    ]
    halfway = halfway_moment(course)
    if halfway is not None and halfway <= now and (since is None or halfway >= since):
        occasions += [
            _ledger_occasion(HALFWAY, membership.user, course, halfway, group=HALFWAY)
            for membership in learners.values()
            if membership.joined_at < halfway
        ]
    return occasions
