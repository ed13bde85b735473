"""Builds the demo: the people and courses first, then each feature's activity in
Environmental Science 101, one seeder a feature (``rapport.demo.seeders``).

Every row is created once and then left alone. ``make run`` seeds on every start, so a second
run must be quick and must not undo what someone changed while exploring the demo (a
profile, a photo, a role); running it again only fills in what is missing.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.demo.courses import DEMO_COURSES, ENV_SCI
from rapport.demo.seeders.discussions import seed_discussions
from rapport.demo.seeders.events import seed_events
from rapport.demo.seeders.groups import seed_groups
from rapport.demo.seeders.knowing_people import seed_knowing_people
from rapport.demo.seeders.live import seed_live
from rapport.demo.seeders.office_hours import seed_office_hours
from rapport.demo.seeders.people import PeopleSeeded, seed_course, seed_people, seed_welcomes
from rapport.demo.seeders.presence import seed_presence
from rapport.demo.seeders.resources import seed_resources
from rapport.demo.seeders.rituals import seed_rituals
from rapport.demo.seeders.surveys import seed_surveys
from rapport.demo.seeders.walls import seed_walls
from rapport.demo.seeders.wellbeing import seed_wellbeing

# Each feature's demo activity in Environmental Science 101, in the order that reads best:
# the ledger-driven ones (cards and milestones) come after the activity they look at.
FEATURE_SEEDERS = (
    seed_surveys,
    seed_resources,
    seed_discussions,
    seed_rituals,
    seed_walls,
    seed_groups,
    seed_wellbeing,
    seed_events,
    seed_live,
    seed_office_hours,
    seed_knowing_people,
)


@dataclass
class SeedResult(PeopleSeeded):
    presence_rows: int = 0
    # Rows added by the feature seeders below (surveys, cards, resources, community...).
    feature_rows: int = 0

    @property
    def changed_anything(self) -> bool:
        return any(vars(self).values())


def seed_demo(*, now: datetime | None = None, with_features: bool = True) -> SeedResult:
    """The whole demo. ``with_features=False`` stops after check-ins, notes and feedback, so
    a feature's own seed test can measure what its seeder adds on top."""
    now = now or timezone.now()
    result = SeedResult()
    with transaction.atomic():
        users = seed_people(now=now, result=result)
        for demo_course in DEMO_COURSES:
            course = seed_course(demo_course, users=users, now=now, result=result)
            if demo_course is ENV_SCI:
                seed_welcomes(course=course, users=users, now=now, result=result)
                result.presence_rows += seed_presence(course=course, users=users, now=now)
                for seeder in FEATURE_SEEDERS if with_features else ():
                    result.feature_rows += seeder(course=course, users=users, now=now)
    return result
