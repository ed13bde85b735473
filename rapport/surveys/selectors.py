"""Reads for surveys. Lists cost the same few queries however many learners the course has;
results and exports are in ``results`` and ``export``."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, Subquery

from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.surveys.models import (
    Answer,
    Participation,
    Question,
    Response,
    Survey,
    SurveyKind,
    SurveyStatus,
)


def survey_for(*, course: Course, survey_id: int, is_staff: bool) -> Survey | None:
    """A survey of ``course``; learners reach only published ones."""
    surveys = Survey.objects.filter(course=course, pk=survey_id).select_related(
        "course", "created_by"
    )
    if not is_staff:
        surveys = surveys.filter(published_at__isnull=False)
    return surveys.first()


def intro_survey(*, course: Course) -> Survey | None:
    return Survey.objects.filter(course=course, kind=SurveyKind.INTRO).first()


def has_responses(*, survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exists()


def question_for(*, survey: Survey, question_id: int) -> Question | None:
    question = Question.objects.filter(survey=survey, pk=question_id).first()
    if question is not None:
        question.survey = survey
    return question


def questions(*, survey: Survey) -> list[Question]:
    found = list(Question.objects.filter(survey=survey).order_by("position", "pk"))
    for question in found:
        question.survey = survey
    return found


def answer_counts(*, survey: Survey) -> dict[int, int]:
    """How many answers each question has (drafts included) — what editing would touch."""
    rows = (
        Answer.objects.filter(question__survey=survey)
        .values("question_id")
        .annotate(n=Count("pk"))
        .values_list("question_id", "n")
    )
    return dict(rows)


def active_learner_count(*, course: Course) -> int:
    return Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    ).count()


@dataclass
class MyParticipation:
    participation: Participation | None
    response: Response | None
    values: dict[int, object]

    @property
    def submitted_at(self) -> datetime | None:
        return self.participation.submitted_at if self.participation else None

    @property
    def sent(self) -> bool:
        return self.submitted_at is not None


def my_participation(*, survey: Survey, user) -> MyParticipation:
    """The person's own record and — for a named survey — their answers."""
    participation = Participation.objects.filter(survey=survey, user=user).first()
    response, values = None, {}
    if not survey.anonymous:
        response = Response.objects.filter(survey=survey, respondent=user).first()
        if response is not None:
            values = dict(response.answers.values_list("question_id", "value"))
    return MyParticipation(participation=participation, response=response, values=values)


# --- lists -------------------------------------------------------------------------------------


@dataclass
class LearnerSurvey:
    survey: Survey
    status: str
    submitted_at: datetime | None
    started_at: datetime | None

    @property
    def waiting(self) -> bool:
        return self.status == SurveyStatus.OPEN and self.submitted_at is None


_LEARNER_ORDER = {SurveyStatus.OPEN: 1, SurveyStatus.SCHEDULED: 2, SurveyStatus.CLOSED: 3}


def surveys_for_learner(*, course: Course, user, now: datetime) -> list[LearnerSurvey]:
    """Published surveys with the person's own progress: the ones waiting for them first."""
    mine = Participation.objects.filter(survey=OuterRef("pk"), user=user)
    surveys = Survey.objects.filter(course=course, published_at__isnull=False).annotate(
        my_submitted_at=Subquery(mine.values("submitted_at")[:1]),
        my_started_at=Subquery(mine.values("started_at")[:1]),
    )
    entries = [
        LearnerSurvey(
            survey=survey,
            status=survey.status(now),
            submitted_at=survey.my_submitted_at,
            started_at=survey.my_started_at,
        )
        for survey in surveys
    ]

    def order(entry: LearnerSurvey):
        group = 0 if entry.waiting else _LEARNER_ORDER[entry.status]
        closes = entry.survey.closes_at.timestamp() if entry.survey.closes_at else float("inf")
        return (group, closes if group < 3 else -closes, -entry.survey.created_at.timestamp())

    return sorted(entries, key=order)


@dataclass
class StaffList:
    surveys: list[Survey]
    learner_count: int
    has_intro: bool


def surveys_for_staff(*, course: Course, now: datetime) -> StaffList:
    surveys = list(
        Survey.objects.filter(course=course).annotate(
            sent_count=Count(
                "participations",
                filter=Q(participations__submitted_at__isnull=False),
                distinct=True,
            ),
            question_count=Count("questions", distinct=True),
        )
    )
    for survey in surveys:
        survey.current_status = survey.status(now)
    return StaffList(
        surveys=surveys,
        learner_count=active_learner_count(course=course),
        has_intro=any(survey.is_intro for survey in surveys),
    )


def named_respondents(*, survey: Survey):
    """Who sent a named survey, as ``respondent_id`` rows — whom its results name, and so
    whom the audit of a staff read names. Empty for an anonymous survey."""
    if survey.anonymous:
        return Response.objects.none().values("respondent_id")
    return Response.objects.filter(
        survey=survey, respondent__isnull=False, submitted_at__isnull=False
    ).values("respondent_id")
