"""Reads for reflections and moods, and the rules for who may see what.

- A reflection prompt: the course's staff always; its learners once it has opened.
- An answer and the staff replies under it, a mood check-in, a help request: the learner
  who made it and the course's active staff. Nothing else. Learners' pages only ever query
  rows where ``learner = request.user``; everything that shows another person's answers or
  moods sits behind ``course_access(STAFF)``. Classmates never see any of it — not a
  count, not a face, not a word.

Every list here costs the same number of queries however many learners or check-ins the
course has.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Window
from django.db.models.functions import RowNumber

from rapport.community.checkins.trends import Trend, mood_trend
from rapport.community.models.checkins import (
    MoodCheckin,
    ReflectionAnswer,
    ReflectionPrompt,
    ReflectionReply,
)
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.courses.selectors import staff_memberships

# How many of each learner's latest check-ins the class overview shows as a sparkline.
SPARK_SIZE = 8
# How many check-ins a history chart and its table show.
HISTORY_SIZE = 30
STAFF_HISTORY_SIZE = 60


def _active_learners(course: Course):
    return Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    )


def _by_name(memberships) -> list[Membership]:
    return sorted(memberships, key=lambda m: m.user.display_name.casefold())


def learner_in_course(*, course: Course, user_id: int) -> Membership | None:
    """A learner of the course, whatever their membership's status — their history stays
    readable to staff after they leave."""
    return (
        Membership.objects.filter(course=course, user_id=user_id, role=Role.LEARNER)
        .select_related("user")
        .first()
    )


# --- prompts --------------------------------------------------------------------------------


def prompt_for(
    *, course: Course, prompt_id: int, is_staff: bool, now: datetime
) -> ReflectionPrompt | None:
    prompts = ReflectionPrompt.objects.filter(course=course, pk=prompt_id)
    if not is_staff:
        prompts = prompts.filter(opens_at__lte=now)
    return prompts.select_related("course", "created_by").first()


def prompts_for_staff(*, course: Course) -> list[ReflectionPrompt]:
    """Every prompt, newest first, each with ``answer_count`` from active learners."""
    return list(
        ReflectionPrompt.objects.filter(course=course)
        .annotate(
            answer_count=Count(
                "answers",
                filter=Q(
                    Exists(_active_learners(course).filter(user_id=OuterRef("answers__learner")))
                ),
            )
        )
        .select_related("course")
    )


def learner_count(*, course: Course) -> int:
    return _active_learners(course).count()


def _replies_prefetch() -> Prefetch:
    return Prefetch(
        "replies", queryset=ReflectionReply.objects.select_related("author"), to_attr="reply_list"
    )


def _decorate_replies(answers, staff: dict[int, Membership]) -> None:
    for answer in answers:
        for reply in answer.reply_list:
            reply.author_face = staff.get(reply.author_id, reply.author)


def reflections_for_learner(*, course: Course, learner, now: datetime) -> list[ReflectionPrompt]:
    """The prompts that have opened, newest first, each with ``my_answer`` (or None) and its
    staff replies. Four queries."""
    prompts = list(
        ReflectionPrompt.objects.filter(course=course, opens_at__lte=now).select_related("course")
    )
    answers = {
        answer.prompt_id: answer
        for answer in ReflectionAnswer.objects.filter(
            prompt__in=prompts, learner=learner
        ).prefetch_related(_replies_prefetch())
    }
    _decorate_replies(answers.values(), staff_memberships(course=course, include_former=True))
    for prompt in prompts:
        prompt.my_answer = answers.get(prompt.pk)
    return prompts


def my_answer(*, prompt: ReflectionPrompt, learner) -> ReflectionAnswer | None:
    answer = (
        ReflectionAnswer.objects.filter(prompt=prompt, learner=learner)
        .prefetch_related(_replies_prefetch())
        .first()
    )
    if answer is not None:
        _decorate_replies([answer], staff_memberships(course=prompt.course, include_former=True))
    return answer


@dataclass
class PromptAnswers:
    """Who has answered a prompt (each membership with ``answer``) and who has not."""

    answered: list[Membership] = field(default_factory=list)
    waiting: list[Membership] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.waiting)


def prompt_answers(*, prompt: ReflectionPrompt) -> PromptAnswers:
    """Every answer with its replies, and the active learners who have not answered yet.
    Four queries."""
    course = prompt.course
    answers = {
        answer.learner_id: answer
        for answer in ReflectionAnswer.objects.filter(prompt=prompt).prefetch_related(
            _replies_prefetch()
        )
    }
    _decorate_replies(answers.values(), staff_memberships(course=course, include_former=True))
    # Learners who answered and then left keep their answer on the page.
    learners = (
        Membership.objects.filter(course=course, role=Role.LEARNER)
        .filter(Q(status=MembershipStatus.ACTIVE) | Q(user_id__in=list(answers)))
        .select_related("user")
    )
    result = PromptAnswers()
    for membership in _by_name(learners):
        membership.answer = answers.get(membership.user_id)
        (result.answered if membership.answer else result.waiting).append(membership)
    result.answered.sort(key=lambda m: m.answer.created_at)
    return result


def answers_of(*, prompt: ReflectionPrompt):
    """The answers to a prompt, as a queryset with ``learner_id`` — what the audit records."""
    return ReflectionAnswer.objects.filter(prompt=prompt).values("learner_id")


def answer_for_staff(*, prompt: ReflectionPrompt, learner_id: int) -> ReflectionAnswer | None:
    answer = (
        ReflectionAnswer.objects.filter(prompt=prompt, learner_id=learner_id)
        .select_related("learner")
        .prefetch_related(_replies_prefetch())
        .first()
    )
    if answer is not None:
        _decorate_replies([answer], staff_memberships(course=prompt.course, include_former=True))
    return answer


# --- moods ------------------------------------------------------------------------------


def mood_history(*, course: Course, learner, limit: int = HISTORY_SIZE) -> list[MoodCheckin]:
    """The learner's latest check-ins, newest first."""
    return list(
        MoodCheckin.objects.filter(course=course, learner=learner)
        .select_related("followed_up_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def help_requests(*, course: Course, learner) -> list[MoodCheckin]:
    return list(
        MoodCheckin.objects.filter(course=course, learner=learner, wants_help=True)
        .select_related("followed_up_by")
        .order_by("-created_at", "-pk")
    )


@dataclass
class LearnerMood:
    member: Membership
    recent: list[MoodCheckin]  # oldest first
    trend: Trend
    open_help: list[MoodCheckin]  # oldest first

    @property
    def latest(self) -> MoodCheckin | None:
        return self.recent[-1] if self.recent else None

    @property
    def scores(self) -> list[int]:
        return [checkin.score for checkin in self.recent]


@dataclass
class MoodOverview:
    rows: list[LearnerMood]
    never: list[Membership]
    recently_followed_up: list[MoodCheckin]

    @property
    def asking(self) -> list[LearnerMood]:
        return [row for row in self.rows if row.open_help]

    @property
    def falling(self) -> list[LearnerMood]:
        return [row for row in self.rows if row.trend.is_falling]


def _latest_per_learner(course: Course, size: int):
    ranked = MoodCheckin.objects.filter(
        course=course,
        learner_id__in=_active_learners(course).values("user_id"),
    ).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("learner_id")],
            order_by=[F("created_at").desc(), F("pk").desc()],
        )
    )
    return ranked.filter(rank__lte=size)


def class_overview(*, course: Course) -> MoodOverview:
    """Each active learner's latest check-ins and trend; open help requests first, then
    falling moods, then everyone else by name. Four queries."""
    learners = _by_name(_active_learners(course).select_related("user"))
    recent: dict[int, list[MoodCheckin]] = {}
    for checkin in _latest_per_learner(course, SPARK_SIZE).order_by("created_at", "pk"):
        recent.setdefault(checkin.learner_id, []).append(checkin)
    open_help: dict[int, list[MoodCheckin]] = {}
    for checkin in MoodCheckin.objects.filter(
        course=course, wants_help=True, followed_up_at__isnull=True
    ).order_by("created_at", "pk"):
        open_help.setdefault(checkin.learner_id, []).append(checkin)
    rows, never = [], []
    for member in learners:
        mine = recent.get(member.user_id, [])
        if not mine:
            never.append(member)
            continue
        rows.append(
            LearnerMood(
                member=member,
                recent=mine,
                trend=mood_trend([c.score for c in mine]),
                open_help=open_help.get(member.user_id, []),
            )
        )
    rows.sort(
        key=lambda row: (
            not row.open_help,
            row.open_help[0].created_at if row.open_help else 0,
            not row.trend.is_falling,
        )
    )
    followed = list(
        MoodCheckin.objects.filter(course=course, followed_up_at__isnull=False)
        .select_related("learner", "followed_up_by")
        .order_by("-followed_up_at")[:5]
    )
    return MoodOverview(rows=rows, never=never, recently_followed_up=followed)


def learners_with_checkins(*, course: Course):
    """Active learners who have checked in, as ``learner_id`` rows — whose moods the class
    overview shows, and so whom its audit names."""
    return (
        MoodCheckin.objects.filter(
            course=course, learner_id__in=_active_learners(course).values("user_id")
        )
        .values("learner_id")
        .distinct()
    )
