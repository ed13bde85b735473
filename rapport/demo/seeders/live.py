"""Live class moments for Environmental Science 101, through the live app's own services, then
dated in the past: last week's and this week's live classes, each opened with "One word for
your week" (the word cloud), then a mood meter, a readiness scale or "rose, thorn, bud"
with upvotes. The learners the demo has drifting were not there. Nothing is made twice."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType

from rapport.core.epoch import epoch_seconds
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.live import services
from rapport.live.models import Activity, Answer, LiveSession


@dataclass(frozen=True)
class DemoActivity:
    bank_key: str  # one of the prompt bank's (rapport.live.services.prompts)
    answers: tuple  # one per learner there, in order (fewer answers: the rest kept quiet)
    # for open answers: which learners (by their place in the order) upvoted each
    upvotes: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class DemoSession:
    title: str
    days_ago: int
    at: time  # course time
    activities: tuple[DemoActivity, ...]


LAST_WEEK = DemoSession(
    title="Live class: wetlands field notes",
    days_ago=9,
    at=time(10, 0),
    activities=(
        DemoActivity(
            "week-word",
            (
                "busy",
                "hopeful",
                "tired",
                "curious",
                "busy",
                "rainy",
                "excited",
                "busy",
                "calm",
                "hopeful",
                "swamped",
                "curious",
                "grateful",
                "tired",
                "busy",
                "sunny",
                "hopeful",
            ),
        ),
        DemoActivity(
            "arriving",
            (
                "good",
                "great",
                "okay",
                "good",
                "low",
                "good",
                "great",
                "okay",
                "good",
                "good",
                "rough",
                "okay",
                "great",
                "good",
                "okay",
                "good",
                "good",
            ),
        ),
    ),
)
THIS_WEEK = DemoSession(
    title="Live class: carbon cycle",
    days_ago=2,
    at=time(10, 0),
    activities=(
        DemoActivity(
            "week-word",
            (
                "curious",
                "tired",
                "hopeful",
                "productive",
                "curious",
                "messy",
                "fun",
                "curious",
                "stretched",
                "hopeful",
                "proud",
                "curious",
                "busy",
                "green",
                "hopeful",
                "sleepy",
            ),
        ),
        DemoActivity("ready", (4, 3, 5, 3, 4, 2, 4, 3, 5, 4, 3, 4, 2, 4, 3, 4)),
        DemoActivity(
            "rose-thorn-bud",
            (
                "Rose: the field trip photos. Thorn: the lab report. Bud: my compost bin!",
                "Rose: my study partner. Thorn: time zones. Bud: a project idea on peatlands.",
                "Rose: finally understood feedback loops. Thorn: too many deadlines. "
                "Bud: joining the game night.",
                "Rose: the wetlands wall. Thorn: my wifi. Bud: volunteering at a park.",
            ),
            upvotes=((1, 2, 5, 7), (0, 3, 4), (6, 8, 9, 10, 11), (2, 12)),
        ),
    ),
)
DEMO_SESSIONS = (LAST_WEEK, THIS_WEEK)


def seed_live(*, course: Course, users: dict, now: datetime) -> int:
    """Add the demo's live sessions missing from ``course``; returns how many answers were
    added."""
    members = list(
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
        .select_related("user", "course")
        .order_by("joined_at", "user__email")
    )
    instructor = next((m for m in members if m.role == Role.INSTRUCTOR), None)
    if instructor is None:
        return 0
    existing = set(LiveSession.objects.filter(course=course).values_list("title", flat=True))
    added = 0
    for demo in DEMO_SESSIONS:
        held_at = _held_at(demo, course, now)
        there = [
            m
            for m in members
            if m.role == Role.LEARNER
            and m.joined_at < held_at
            and m.user.email.split("@")[0] not in DRIFTING
        ]
        if demo.title not in existing and there:
            added += _session_seed(demo, course, instructor, there, held_at)
    return added


def _held_at(demo: DemoSession, course: Course, now: datetime) -> datetime:
    day = (now.astimezone(course.zone()) - timedelta(days=demo.days_ago)).date()
    return datetime.combine(day, demo.at, tzinfo=course.zone())


def _session_seed(demo: DemoSession, course, instructor, learners: list, held_at) -> int:
    session = services.session_create(course=course, member=instructor, title=demo.title)
    participants = [services.participant_for_member(session=session, user=m.user) for m in learners]
    answered = 0
    for position, planned in enumerate(demo.activities):
        activity = services.activity_add_from_bank(
            session=session, member=instructor, key=planned.bank_key
        )
        if position:
            services.activity_go(session=session, member=instructor, to=activity.pk)
        services.activity_reveal(activity=activity, member=instructor, visible=True)
        answers = []
        for participant, value in zip(participants, planned.answers, strict=False):
            answers.append(
                services.answer_give(activity=activity, participant=participant, value=value)
            )
            answered += 1
        for author, (answer, voters) in enumerate(zip(answers, planned.upvotes, strict=False)):
            for voter in voters:
                if voter != author and voter < len(participants):
                    services.upvote_toggle(answer_id=answer.pk, participant=participants[voter])
        services.activity_lock(activity=activity, member=instructor, locked=True)
    services.session_close(session=session, member=instructor)
    _date(session, held_at)
    return answered


def _date(session: LiveSession, held_at: datetime) -> None:
    """Move the session and what it recorded to when the class met: the activities a few
    minutes apart, each answer within its activity's minutes."""
    ended = held_at + timedelta(minutes=50)
    LiveSession.objects.filter(pk=session.pk).update(
        opened_at=held_at, closed_at=ended, code_expires_at=ended
    )
    activity_type = ContentType.objects.get_for_model(Activity)
    for index, activity in enumerate(Activity.objects.filter(session=session).order_by("position")):
        started = held_at + timedelta(minutes=3 + 12 * index)
        Activity.objects.filter(pk=activity.pk).update(created_at=started)
        for number, answer in enumerate(Answer.objects.filter(activity=activity).order_by("pk")):
            Answer.objects.filter(pk=answer.pk).update(
                changed_at=started + timedelta(seconds=20 + 9 * number)
            )
        answered_at = started + timedelta(minutes=1)
        Touchpoint.objects.filter(
            course_id=session.course_id,
            kind=TouchpointKind.LIVE_ANSWERED,
            object_type=activity_type,
            object_id=str(activity.pk),
        ).update(occurred_at=answered_at, occurred_epoch=epoch_seconds(answered_at))
