"""What a survey's sent answers add up to, for the teaching team: counts, per-question
summaries and — for named surveys — who has not answered; anonymous results only count
answers released in whole batches (see ``_release_full_batch``). Four queries (five when
anonymous) however many learners and answers there are; the adding up happens in Python
over rows already loaded."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count

from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.surveys import availability
from rapport.surveys.models import (
    Answer,
    Participation,
    Question,
    QuestionType,
    Response,
    Survey,
)
from rapport.surveys.selectors import questions as survey_questions

TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}
MOST_TAGS = 30


@dataclass
class Tally:
    label: str
    count: int
    share: int  # percent of the people who answered the question

    @property
    def bar(self) -> str:
        return f"{self.share}%"


@dataclass
class Place:
    label: str
    average: float


@dataclass
class TextAnswer:
    person: object | None  # the respondent (a User), or None when anonymous
    text: str


@dataclass
class Summary:
    question: Question
    answered: int = 0
    tallies: list[Tally] = field(default_factory=list)
    average: float | None = None
    places: list[Place] = field(default_factory=list)
    grid: list[availability.GridRow] = field(default_factory=list)
    texts: list[TextAnswer] = field(default_factory=list)
    more_tags: int = 0


@dataclass
class Results:
    survey: Survey
    learner_count: int
    sent_count: int
    started_count: int
    not_answered: list[Membership]
    summaries: list[Summary]
    # Anonymous surveys only: answers in the summaries, answers waiting for a full batch,
    # and the batch size (SURVEY_ANONYMOUS_MIN_ANSWERS).
    shown_count: int = 0
    held_count: int = 0
    batch_size: int = 0

    @property
    def held_back(self) -> bool:
        """Anonymous and not yet enough answers to show any."""
        return self.survey.anonymous and self.shown_count == 0

    @property
    def sent_share(self) -> int:
        return round(100 * self.sent_count / self.learner_count) if self.learner_count else 0


def _tallies(counter: Counter, answered: int, order: list[str] | None = None) -> list[Tally]:
    labels = order if order is not None else [label for label, _ in counter.most_common()]
    return [
        Tally(
            label=label,
            count=counter[label],
            share=round(100 * counter[label] / answered) if answered else 0,
        )
        for label in labels
    ]


def _summarise(question: Question, answers: list[Answer], *, zone, now) -> Summary:
    summary = Summary(question=question, answered=len(answers))
    values = [answer.value for answer in answers]
    kind = question.type
    if kind == QuestionType.SINGLE_CHOICE:
        counter = Counter(v for v in values if isinstance(v, str))
        extra = [label for label in counter if label not in question.choices]
        summary.tallies = _tallies(counter, len(values), question.choices + extra)
    elif kind == QuestionType.MULTIPLE_CHOICE:
        counter = Counter(item for v in values if isinstance(v, list) for item in v)
        extra = [label for label in counter if label not in question.choices]
        summary.tallies = _tallies(counter, len(values), question.choices + extra)
    elif kind == QuestionType.SCALE:
        points = [v for v in values if isinstance(v, int)]
        counter = Counter(str(v) for v in points)
        summary.tallies = _tallies(counter, len(points), [str(n) for n in range(1, 6)])
        summary.average = round(sum(points) / len(points), 1) if points else None
    elif kind == QuestionType.TAGS:
        counter = Counter(tag for v in values if isinstance(v, list) for tag in v)
        tallies = _tallies(counter, len(values))
        summary.tallies, summary.more_tags = tallies[:MOST_TAGS], max(0, len(tallies) - MOST_TAGS)
    elif kind == QuestionType.RANKING:
        positions: dict[str, list[int]] = defaultdict(list)
        for v in values:
            for place, item in enumerate(v if isinstance(v, list) else [], start=1):
                positions[item].append(place)
        summary.places = sorted(
            (Place(label, round(sum(p) / len(p), 1)) for label, p in positions.items()),
            key=lambda place: (place.average, place.label),
        )
    elif kind == QuestionType.AVAILABILITY:
        counts: Counter = Counter()
        for v in values:
            counts.update(availability.slots_to_cells(v, zone=zone, now=now))
        # A course's learners live all round the world: every hour of the course's day.
        summary.grid = availability.grid(set(), counts, whole_day=True)
    elif kind in TEXT_TYPES:
        summary.texts = [
            TextAnswer(person=answer.response.respondent, text=str(answer.value))
            for answer in answers
        ]
        if not question.survey.anonymous:
            summary.texts.sort(key=lambda t: t.person.display_name.casefold() if t.person else "")
    return summary


def survey_results(*, survey: Survey, now: datetime) -> Results:
    questions = survey_questions(survey=survey)
    learners = list(
        Membership.objects.filter(
            course=survey.course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        ).select_related("user")
    )
    rows = Participation.objects.filter(survey=survey).values_list(
        "user_id", "submitted_at", "started_at"
    )
    progress, started = {}, set()
    for user_id, submitted_at, started_at in rows:
        progress[user_id] = submitted_at
        if started_at is not None:
            started.add(user_id)
    answers = Answer.objects.filter(
        response__survey=survey, response__submitted_at__isnull=False, response__in_results=True
    ).order_by("response_id", "pk")
    respondents = {}
    if not survey.anonymous:
        # Each respondent once (one query), rather than joined to every one of their answers
        # (a person per answer was most of the page's time in a big class).
        answers = answers.select_related("response")
        respondents = {
            person.pk: person
            for person in get_user_model().objects.filter(
                pk__in=Response.objects.filter(survey=survey).values("respondent_id")
            )
        }
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers:
        if not survey.anonymous:
            answer.response.respondent = respondents.get(answer.response.respondent_id)
        by_question[answer.question_id].append(answer)
    sent = [m for m in learners if progress.get(m.user_id)]
    waiting = [m for m in learners if not progress.get(m.user_id)]
    waiting.sort(key=lambda m: m.user.display_name.casefold())
    zone = survey.course.zone()
    batch = _anonymous_batches(survey) if survey.anonymous else {}
    return Results(
        survey=survey,
        learner_count=len(learners),
        sent_count=len(sent),
        started_count=sum(1 for m in waiting if m.user_id in started),
        not_answered=[] if survey.anonymous else waiting,
        summaries=[_summarise(q, by_question.get(q.pk, []), zone=zone, now=now) for q in questions],
        **batch,
    )


def _anonymous_batches(survey: Survey) -> dict:
    counts = dict(
        Response.objects.filter(survey=survey, submitted_at__isnull=False)
        .values("in_results")
        .annotate(n=Count("pk"))
        .values_list("in_results", "n")
    )
    return {
        "shown_count": counts.get(True, 0),
        "held_count": counts.get(False, 0),
        "batch_size": settings.SURVEY_ANONYMOUS_MIN_ANSWERS,
    }
