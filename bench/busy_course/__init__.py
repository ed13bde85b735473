"""A big course with something on every page, for ``bench/pages.py``.

``rapport.radar.testing.big_course`` gives the people and the ledger (bulk_create, seeded);
``content_add`` then writes, also with bulk_create, what a busy term leaves on each list
page: discussion topics and replies, reflection prompts and answers, moods, shout-outs,
ritual rounds, walls of cards, check-ins watched, personal notes, a formed group set, events
and their answers, a live session, office-hours meetings, resources and picks, milestones,
celebrations and staff notes, the intro survey answered, notifications. Seeded, so the same
arguments always build the same course."""

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from busy_course import community, term
from busy_course.common import BATCH, text
from rapport.courses.models import Membership, Role
from rapport.radar.testing import big_course


@transaction.atomic
def build(*, learners: int, touchpoints: int, slug: str, seed: int = 2027, whole: bool = True):
    """The course of ``learners`` learners, its ledger and its content (or, not ``whole``,
    only what the roster reads: profiles and intro answers); gives the course."""
    now = timezone.now()
    course = big_course(learners=learners, touchpoints=touchpoints, now=now, slug=slug, seed=seed)
    content_add(course=course, now=now, seed=seed, whole=whole)
    return course


def content_add(*, course, now, seed: int = 2027, whole: bool = True) -> None:
    rng = random.Random(seed + 1)
    members = Membership.objects.filter(course=course).select_related("user").order_by("pk")
    staff = [m.user for m in members if m.role != Role.LEARNER]
    learners = [m.user for m in members if m.role == Role.LEARNER]
    teacher = staff[0]
    profiles_fill(rng, learners)
    term.survey_add(rng, course, teacher, learners, now)
    if not whole:
        return
    community.discussions_add(rng, course, staff, learners, now)
    community.checkins_add(rng, course, teacher, learners, now)
    community.shoutouts_add(rng, course, staff, learners, now)
    community.rituals_add(rng, course, teacher, learners, now)
    community.walls_add(rng, course, teacher, learners, now)
    term.presence_add(rng, course, teacher, learners, now)
    term.groups_add(course, teacher, learners, now)
    term.events_add(rng, course, teacher, learners, now)
    term.live_add(rng, course, teacher, learners, now)
    term.office_hours_add(rng, course, teacher, learners, now)
    term.knowing_add(rng, course, teacher, learners, now)
    term.notifications_add(rng, course, teacher, learners, now)


def profiles_fill(rng, learners) -> None:
    for user in learners:
        user.pronouns = rng.choice(("she/her", "he/him", "they/them", ""))
        user.about = text(rng, 20)
        user.timezone = rng.choice(("America/Chicago", "Europe/Paris", "Asia/Tokyo", "UTC"))
    get_user_model().objects.bulk_update(
        learners, ["pronouns", "about", "timezone"], batch_size=BATCH
    )
