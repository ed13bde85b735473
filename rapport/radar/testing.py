"""Test data for the radar: someone on the reach-out list (``learners_drifting``), and a big
course for the radar's query-count guards and its benchmark (bench/radar.py): any
number of learners and touchpoints, written with bulk_create (seconds, not minutes), seeded
so the same arguments always build the same course.

The ledger it writes looks like a real term: learners talk mostly within a circle of a few
classmates (a few talk to nobody), check in their mood, answer rituals, watch the weekly
check-ins; the teaching team writes personal notes and feedback; some ask for help."""

import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import Touchpoint
from rapport.courses.models import Course, Membership, Role

DAYS = 70
CIRCLE = 8  # a learner's usual classmates are among this many neighbours
ALONE_EVERY = 20  # one learner in this many interacts with no classmate
BATCH = 5000

PEER = (K.POST_REPLY, K.POST_REACTION, K.SHOUTOUT, K.MENTION, K.MESSAGE_REPLY)
OWN = (K.TOPIC_STARTED, K.RITUAL_ANSWERED, K.REFLECTION, K.CHECKIN_WATCHED, K.CHECKIN_OPENED)
STAFF = (K.PERSONAL_MESSAGE, K.FEEDBACK_GIVEN, K.POST_REPLY, K.SHOUTOUT, K.HELP_FOLLOWED_UP)


def big_course(
    *,
    learners: int,
    touchpoints: int,
    now: datetime,
    slug: str = "radar-bench",
    seed: int = 2027,
    staff: int = 2,
) -> Course:
    """A course of ``learners`` learners and ``staff`` instructors (the first one is
    ``<slug>-staff-0@example.test``) with ``touchpoints`` moments on its ledger in the
    ``DAYS`` days before ``now``."""
    rng = random.Random(seed)
    User = get_user_model()
    course = Course.objects.create(
        title=f"Radar course of {learners}",
        slug=slug,
        starts_on=(now - timedelta(days=DAYS)).date(),
        timezone="America/Chicago",
    )
    people = User.objects.bulk_create(
        User(
            email=f"{slug}-{kind}-{n}@example.test",
            full_name=f"{kind.title()} {n:04d} Example",
            preferred_name=f"{kind.title()} {n:04d}",
            password="!",
        )
        for kind, count in (("staff", staff), ("learner", learners))
        for n in range(count)
    )
    if not people[0].pk:  # backends that return no ids from bulk_create
        people = list(User.objects.filter(email__startswith=f"{slug}-").order_by("pk"))
    team, class_ = people[:staff], people[staff:]
    joined = now - timedelta(days=DAYS + 1)
    Membership.objects.bulk_create(
        [Membership(course=course, user=u, role=Role.INSTRUCTOR, joined_at=joined) for u in team]
        + [Membership(course=course, user=u, role=Role.LEARNER, joined_at=joined) for u in class_]
    )
    checkin_type = ContentType.objects.get_for_model(Course)
    weekly = [now - timedelta(days=d + 0.5) for d in range(0, DAYS, 7)]
    rows = [
        Touchpoint(
            course=course,
            actor=team[0],
            kind=K.CHECKIN_POSTED,
            channel=Channel.VIDEO,
            occurred_at=at,
            object_type=checkin_type,
            object_id=str(i),
        )
        for i, at in enumerate(weekly)
    ]
    rows += [
        Touchpoint(
            course=course,
            actor=u,
            subject=u,
            kind=K.SURVEY_ANSWERED,
            occurred_at=joined + timedelta(days=1),
        )
        for u in class_[::2]
    ]
    while len(rows) < touchpoints:
        rows.append(_moment(rng, course, team, class_, now, weekly, checkin_type))
    for start in range(0, len(rows), BATCH):
        Touchpoint.objects.bulk_create(rows[start : start + BATCH])
    return course


def _moment(rng, course, team, class_, now, weekly, checkin_type) -> Touchpoint:
    at = now - timedelta(seconds=rng.randrange(DAYS * 86400))
    index = rng.randrange(len(class_))
    learner = class_[index]
    roll = rng.random()
    moment = Touchpoint(course=course, occurred_at=at, channel=Channel.TEXT)
    if roll < 0.35 and index % ALONE_EVERY:
        other = index + rng.randint(1, CIRCLE)
        if other % ALONE_EVERY == 0:
            other += 1
        moment.actor, moment.subject = learner, class_[other % len(class_)]
        moment.kind = rng.choice(PEER)
    elif roll < 0.65:
        moment.actor, moment.kind = learner, rng.choice(OWN)
        if moment.kind in (K.CHECKIN_WATCHED, K.CHECKIN_OPENED):
            week = rng.randrange(len(weekly))
            moment.subject = team[0]
            moment.object_type, moment.object_id = checkin_type, str(week)
            moment.occurred_at = weekly[week] + timedelta(hours=rng.randint(1, 48))
            moment.occurred_at = min(moment.occurred_at, now)
    elif roll < 0.78:
        moment.actor = moment.subject = learner
        moment.kind, moment.value = K.MOOD_CHECKIN, rng.randint(1, 5)
    elif roll < 0.79:
        moment.actor = moment.subject = learner
        moment.kind = K.HELP_REQUESTED
    else:
        moment.actor, moment.subject = rng.choice(team), learner
        moment.kind = rng.choice(STAFF)
    return moment


def learners_drifting(cast, days: int = 21):
    """The cast's learners joined ``days`` ago and nobody has reached them: each is on the
    reach-out list ("no personal contact yet" and quieter signals)."""
    Membership.objects.filter(course=cast.course, role=Role.LEARNER).update(
        joined_at=timezone.now() - timedelta(days=days)
    )
    return cast
