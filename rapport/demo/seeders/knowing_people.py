"""The demo's learner cards and milestones: warm, professional staff notes on a handful of
learners, birthdays (two of them this week), personal news three learners shared in the
last few days, and one module the class finished.

Written through knowing's services, dated in the past. Each item is looked up first, so a
second run adds nothing and never undoes what someone changed while exploring."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from rapport.courses.models import Course
from rapport.demo.people import DEMO_DOMAIN
from rapport.knowing import services
from rapport.knowing.models.milestones import (
    Birthday,
    MilestoneVisibility,
    ModuleMarker,
    PersonalMilestone,
)
from rapport.knowing.models.notes import StaffNote


def _email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


INSTRUCTOR = _email("instructor")
TA = _email("ta")


@dataclass(frozen=True)
class DemoNote:
    author: str
    learner: str
    days_ago: float
    body: str


NOTES = (
    DemoNote(
        INSTRUCTOR,
        _email("learner"),
        16,
        "Works night shifts at the hospital pharmacy — offer async options, and don't read "
        "quiet in live sessions as disengaged. Reads everything.",
    ),
    DemoNote(
        TA,
        _email("dmitri"),
        12,
        "Lost their grandmother in week 2; check in gently. Said they'll catch up when they "
        "can — let's hold off on deadline reminders for now.",
    ),
    DemoNote(
        INSTRUCTOR,
        _email("aroha"),
        9,
        "Volunteers with the lake care group in Rotorua. Ask whether she'd share their "
        "water-testing data for the week 5 lab — it would make it real for everyone.",
    ),
    DemoNote(
        TA,
        _email("seun"),
        7,
        "Has asked about study groups twice. Pair him with Chidera when groups form — both "
        "love a practical problem.",
    ),
    DemoNote(
        INSTRUCTOR,
        _email("emily"),
        4,
        "Back to studying after ten years and a little nervous. A quick word of "
        "encouragement after each assignment goes a long way.",
    ),
    DemoNote(
        TA,
        _email("lan"),
        2.5,
        "Prefers written feedback. Writes careful, thoughtful replies — give her a moment "
        "in live sessions before moving on.",
    ),
)

# (learner, days from the seed's first run to their birthday)
BIRTHDAYS = (
    (_email("aroha"), 2),
    (_email("joseluis"), 5),
    (_email("learner"), 45),
    (_email("mia"), 150),
)


@dataclass(frozen=True)
class DemoMilestone:
    learner: str
    text: str
    days_ago: float
    visibility: str = MilestoneVisibility.CLASS


MILESTONES = (
    DemoMilestone(_email("chidera"), "Started a new job at the clinic", 2),
    DemoMilestone(_email("jordan"), "Ran my first 10K", 1),
    DemoMilestone(
        _email("priya"),
        "Got an interview for a climate data role",
        4,
        visibility=MilestoneVisibility.STAFF,
    ),
)

MODULE_TITLE = "Weeks 1–2: Ecosystems and energy"
MODULE_DAYS_AGO = 5


def seed_knowing_people(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing in ``course``; returns how many things were added."""
    return (
        _notes(course, users, now)
        + _birthdays(course, users, now)
        + _milestones(course, users, now)
        + _module(course, users, now)
    )


def _notes(course: Course, users: dict, now: datetime) -> int:
    existing = set(StaffNote.objects.filter(course=course).values_list("learner_id", "body"))
    added = 0
    for note in NOTES:
        author, learner = users.get(note.author), users.get(note.learner)
        if author is None or learner is None or (learner.pk, note.body) in existing:
            continue
        services.staff_note_add(
            course=course,
            author=author,
            learner=learner,
            body=note.body,
            now=now - timedelta(days=note.days_ago),
        )
        added += 1
    return added


def _birthdays(course: Course, users: dict, now: datetime) -> int:
    people = [users[email] for email, _ in BIRTHDAYS if email in users]
    shared = set(Birthday.objects.filter(user__in=people).values_list("user_id", flat=True))
    today = now.astimezone(course.zone()).date()
    added = 0
    for email, days_ahead in BIRTHDAYS:
        user = users.get(email)
        if user is None or user.pk in shared:
            continue
        day = today + timedelta(days=days_ahead)
        services.birthday_share(user=user, month=day.month, day=day.day, now=now)
        added += 1
    return added


def _milestones(course: Course, users: dict, now: datetime) -> int:
    existing = set(PersonalMilestone.objects.filter(course=course).values_list("user_id", "text"))
    added = 0
    for milestone in MILESTONES:
        user = users.get(milestone.learner)
        if user is None or (user.pk, milestone.text) in existing:
            continue
        when = now - timedelta(days=milestone.days_ago)
        services.personal_milestone_share(
            course=course,
            user=user,
            text=milestone.text,
            happened_on=when.astimezone(user.zone()).date(),
            visibility=milestone.visibility,
            now=when,
        )
        added += 1
    return added


def _module(course: Course, users: dict, now: datetime) -> int:
    instructor = users.get(INSTRUCTOR)
    if (
        instructor is None
        or ModuleMarker.objects.filter(course=course, title=MODULE_TITLE).exists()
    ):
        return 0
    services.module_mark_finished(
        course=course,
        marked_by=instructor,
        title=MODULE_TITLE,
        now=now - timedelta(days=MODULE_DAYS_AGO),
    )
    return 1
