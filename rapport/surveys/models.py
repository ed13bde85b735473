"""Surveys: the start-of-course "Getting to know you" survey, custom surveys and (later) the
belonging pulse all run on this one engine.

Anonymous surveys keep no link from an answer to its person, not even in the database:
``Participation`` records *that* someone answered (for reminders and "has not answered"),
``Response`` holds *what* was answered, and for anonymous surveys nothing ties the two.
Responses and answers have random (UUID) keys and, when anonymous, carry the survey's
opening time instead of the moment of answering, so neither their order nor their times
can be matched against ``Participation`` rows.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.timezone import now


class SurveyKind(models.TextChoices):
    INTRO = "intro", "Getting to know you"
    CUSTOM = "custom", "Survey"
    PULSE = "pulse", "Belonging pulse"


class Survey(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=20, choices=SurveyKind.choices, default=SurveyKind.CUSTOM)
    title = models.CharField(max_length=160)
    intro = models.TextField("introduction", blank=True, max_length=2000)
    anonymous = models.BooleanField(
        default=False,
        help_text="Answers are stored with no link to the person. They cannot be edited later.",
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    reminder_every_days = models.PositiveSmallIntegerField(
        default=0, help_text="Remind people who have not answered every N days (0: never)."
    )
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, at=None) -> bool:
        at = at or now()
        if self.published_at is None:
            return False
        if self.opens_at and at < self.opens_at:
            return False
        return not (self.closes_at and at >= self.closes_at)

    def status(self, at=None) -> str:
        at = at or now()
        if self.published_at is None:
            return SurveyStatus.DRAFT
        if self.closes_at and at >= self.closes_at:
            return SurveyStatus.CLOSED
        if self.opens_at and at < self.opens_at:
            return SurveyStatus.SCHEDULED
        return SurveyStatus.OPEN

    def get_status_display(self) -> str:
        return SurveyStatus(self.status()).label

    @property
    def is_intro(self) -> bool:
        return self.kind == SurveyKind.INTRO

    @property
    def is_pulse(self) -> bool:
        return self.kind == SurveyKind.PULSE

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def anonymous_stamp(self) -> datetime:
        """The one time every anonymous response carries: when the survey opened."""
        return self.opens_at or self.published_at or self.created_at


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", "Short text"
    LONG_TEXT = "long_text", "Long text"
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    SCALE = "scale", "1–5 scale"
    RANKING = "ranking", "Ranking"
    TAGS = "tags", "Interest tags"
    AVAILABILITY = "availability", "Weekly availability"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    prompt = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)
    # {"choices": [...]} for single/multiple choice and ranking, {"suggestions": [...]} for
    # tags, and for a scale {"low": "Not at all", "high": "Very much"}.
    options = models.JSONField(default=dict, blank=True)
    # What the answer means for the rest of Rapport ("goals", "interests", "availability"...)
    # — set by the intro template, read by learner cards, insights and recommendations.
    key = models.SlugField(max_length=40, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.prompt

    @property
    def choices(self) -> list[str]:
        return list((self.options or {}).get("choices") or [])

    @property
    def suggestions(self) -> list[str]:
        return list((self.options or {}).get("suggestions") or [])

    @property
    def low_label(self) -> str:
        return (self.options or {}).get("low") or ""

    @property
    def high_label(self) -> str:
        return (self.options or {}).get("high") or ""


class Participation(models.Model):
    """That a person answered (or started to, or was told about the survey). Never points at
    their Response when the survey is anonymous. ``reminded_at`` is when they were last told
    the survey is waiting (the first time is the announcement), so people who never started
    have a row too."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    response = models.OneToOneField(
        "Response", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_participation_each")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.survey_id}"


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Empty for anonymous surveys — by design, not by accident.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=now)
    # Whether results count it. An anonymous response waits (False) until enough others
    # have arrived to be released with them as one batch; named ones count at once.
    in_results = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="one_named_response_each",
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One answer. ``value`` by question type: text → str; single choice → str;
    multiple choice and tags → list[str]; scale → int 1–5; ranking → list[str] in order;
    availability → list of [weekday 0–6, start minute, end minute] in UTC."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class PulseSchedule(models.Model):
    """A course's belonging pulse: whether it runs and how often a new round opens. Each
    round is a ``Survey`` of kind ``PULSE`` (named, never anonymous: staff follow each
    learner's trend), open until the next round opens."""

    course = models.OneToOneField(
        "courses.Course", on_delete=models.CASCADE, related_name="pulse_schedule"
    )
    enabled = models.BooleanField(default=False)
    every_weeks = models.PositiveSmallIntegerField(default=2)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(every_weeks__gte=1, every_weeks__lte=4),
                name="pulse_every_one_to_four_weeks",
            )
        ]

    def __str__(self) -> str:
        state = f"every {self.every_weeks} weeks" if self.enabled else "off"
        return f"Belonging pulse of {self.course_id}: {state}"
