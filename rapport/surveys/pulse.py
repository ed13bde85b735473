"""The belonging pulse: three 1–5 questions asked again every few weeks — how connected a
learner feels to their teachers, to their classmates and to the learning.

The wording is Rapport's own. It is grounded in the teaching and social presence scales of
the Community of Inquiry survey (Arbaugh et al., 2008) and in the connectedness and
learning subscales of Rovai's Classroom Community Scale (2002); see docs/radar.md.

Each round is a named survey of kind ``PULSE`` on the ordinary engine, so answering,
reminders and privacy (a learner's answers reach that learner and their course's staff
only) are the engine's. This module holds the questions and the reads: the class trend
and one learner's trend, a fixed number of queries each."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapport.courses.models import Course
from rapport.surveys.models import Answer, PulseSchedule, QuestionType, Survey, SurveyKind

TITLE = "Belonging pulse"
INTRO = (
    "Three quick questions about how connected you feel lately — under a minute. "
    "There are no right answers. Only you and your teachers see what you say."
)
SCALE = {"low": "Not at all", "high": "Very much"}


@dataclass(frozen=True)
class PulseItem:
    key: str
    label: str  # a column or series name: "Teachers"
    prompt: str


ITEMS = (
    PulseItem(
        key="pulse_instructor",
        label="Teachers",
        prompt="Lately, how much have you felt that your teachers notice you and care how "
        "you are doing?",
    ),
    PulseItem(
        key="pulse_classmates",
        label="Classmates",
        prompt="How much do you feel you belong with the people in this class?",
    ),
    PulseItem(
        key="pulse_learning",
        label="Learning",
        prompt="How much does what we are learning matter to you right now?",
    ),
)
KEYS = tuple(item.key for item in ITEMS)
QUESTION_TYPE = QuestionType.SCALE
EVERY_WEEKS_CHOICES = (1, 2, 3, 4)


def round_length(schedule: PulseSchedule) -> timedelta:
    return timedelta(weeks=schedule.every_weeks)


def schedule_for(course: Course) -> PulseSchedule:
    """The course's schedule, or an unsaved one that is off."""
    return PulseSchedule.objects.filter(course=course).first() or PulseSchedule(course=course)


@dataclass
class PulseRound:
    survey: Survey
    # item key -> mean of the sent answers (None when nobody answered it)
    means: dict[str, float | None] = field(default_factory=dict)
    answered: int = 0

    @property
    def opened_at(self) -> datetime:
        return self.survey.opens_at or self.survey.published_at or self.survey.created_at


def rounds(course: Course) -> list[PulseRound]:
    """Every published round, oldest first, with the class's mean per item — two queries."""
    surveys = Survey.objects.filter(
        course=course, kind=SurveyKind.PULSE, published_at__isnull=False
    ).order_by("opens_at", "pk")
    found = {survey.pk: PulseRound(survey=survey) for survey in surveys}
    sums: dict[tuple[int, str], list[int]] = {}
    respondents: dict[int, set] = {}
    for survey_id, key, respondent, value in _sent_answers(course).values_list(
        "response__survey_id", "question__key", "response_id", "value"
    ):
        if isinstance(value, int):
            sums.setdefault((survey_id, key), []).append(value)
            respondents.setdefault(survey_id, set()).add(respondent)
    for survey_id, pulse_round in found.items():
        pulse_round.answered = len(respondents.get(survey_id, ()))
        for key in KEYS:
            values = sums.get((survey_id, key))
            pulse_round.means[key] = sum(values) / len(values) if values else None
    return list(found.values())


@dataclass
class LearnerRound:
    survey: Survey
    values: dict[str, int | None]

    @property
    def opened_at(self) -> datetime:
        return self.survey.opens_at or self.survey.published_at or self.survey.created_at


def learner_rounds(course: Course, user) -> list[LearnerRound]:
    """One learner's own answers in every round, oldest first (None where they did not
    answer) — two queries."""
    surveys = Survey.objects.filter(
        course=course, kind=SurveyKind.PULSE, published_at__isnull=False
    ).order_by("opens_at", "pk")
    theirs: dict[tuple[int, str], int] = {
        (survey_id, key): value
        for survey_id, key, value in _sent_answers(course)
        .filter(response__respondent=user)
        .values_list("response__survey_id", "question__key", "value")
        if isinstance(value, int)
    }
    return [
        LearnerRound(survey=survey, values={key: theirs.get((survey.pk, key)) for key in KEYS})
        for survey in surveys
    ]


def latest_by_learner(course: Course) -> dict[int, dict[str, int]]:
    """Each learner's answers in the latest round they sent — one query."""
    latest: dict[int, tuple[int, dict[str, int]]] = {}
    rows = _sent_answers(course).values_list(
        "response__respondent_id", "response__survey_id", "question__key", "value"
    )
    for user_id, survey_id, key, value in rows.order_by(
        "response__survey__opens_at", "response__survey_id"
    ):
        if user_id is None or not isinstance(value, int):
            continue
        if user_id not in latest or latest[user_id][0] != survey_id:
            latest[user_id] = (survey_id, {})
        latest[user_id][1][key] = value
    return {user_id: values for user_id, (_, values) in latest.items()}


def _sent_answers(course: Course):
    return Answer.objects.filter(
        response__survey__course=course,
        response__survey__kind=SurveyKind.PULSE,
        response__survey__published_at__isnull=False,
        response__submitted_at__isnull=False,
        response__in_results=True,
        question__key__in=KEYS,
    ).order_by()
