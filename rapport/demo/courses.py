"""The demo's two courses. Dates are relative to the day the seed first runs, so a fresh
demo is always a few weeks into its term."""

from dataclasses import dataclass
from datetime import date

from rapport.courses.models import Role
from rapport.demo.classmates import CLASSMATES
from rapport.demo.people import INSTRUCTOR, LEARNER, TA, DemoPerson


@dataclass(frozen=True)
class DemoCourse:
    slug: str
    title: str
    timezone: str
    description: str
    started_days_ago: int
    ends_in_days: int
    # (person, role, days before the seed they joined)
    members: tuple[tuple[DemoPerson, str, int], ...]


ENV_SCI = DemoCourse(
    slug="env-sci-101",
    title="Environmental Science 101",
    timezone="America/Chicago",
    description=(
        "Welcome — I'm so glad you're here. Over the next few months we'll learn how the "
        "living world around us works: the water we drink, the air we breathe, the soil "
        "that feeds us, and the choices that shape all three.\n\n"
        "You're joining classmates from Lagos to Tokyo, São Paulo to Oslo. Some of you are "
        "teachers, some farmers, some nurses, some just curious. Every one of you brings "
        "something the rest of us don't know yet, so please say hello, tell us where you "
        "are, and ask the question you think is too simple. It never is.\n\n"
        "— Maya"
    ),
    started_days_ago=28,
    ends_in_days=90,
    members=(
        (INSTRUCTOR, Role.INSTRUCTOR, INSTRUCTOR.joined_days_ago),
        (TA, Role.TA, TA.joined_days_ago),
        (LEARNER, Role.LEARNER, LEARNER.joined_days_ago),
        *((person, Role.LEARNER, person.joined_days_ago) for person in CLASSMATES),
    ),
)

_BY_EMAIL = {person.email: person for person in CLASSMATES}

POETRY = DemoCourse(
    slug="poetry-workshop",
    title="Poetry Workshop",
    timezone="America/Chicago",
    description=(
        "A small, friendly workshop for people who write poems in the margins of busy "
        "lives. Each week: one prompt, one poem from each of us, and kind, specific "
        "feedback. No experience needed — only a notebook and a little courage."
    ),
    started_days_ago=14,
    ends_in_days=60,
    members=(
        (INSTRUCTOR, Role.INSTRUCTOR, 20),
        # The TA of Environmental Science learns here: one person, two roles.
        (TA, Role.LEARNER, 13),
        (_BY_EMAIL["aroha@rapport.test"], Role.LEARNER, 12),
        (_BY_EMAIL["soren@rapport.test"], Role.LEARNER, 10),
    ),
)

DEMO_COURSES = (ENV_SCI, POETRY)


def term_for(day: date) -> str:
    """The term a course starting on ``day`` belongs to, e.g. "Fall 2026" for November."""
    season = "Spring" if day.month <= 5 else "Summer" if day.month <= 8 else "Fall"
    return f"{season} {day.year}"
