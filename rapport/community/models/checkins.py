"""Weekly reflections and mood check-ins — among the most private things Rapport holds.

A learner's reflection answers, moods and help requests are seen by that learner and by the
active staff of the course, never by another learner (the rules live in
``rapport.community.checkins.selectors``). Every staff read of them leaves a row in the
audit log (``rapport.core.audit``)."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString

from rapport.core.text import render_markdown

REFLECTION_MAX_CHARS = 4000
REPLY_MAX_CHARS = 1000
PROMPT_MAX_CHARS = 1000
MOOD_WORD_MAX_CHARS = 30


class MoodScore(models.IntegerChoices):
    REALLY_LOW = 1, "Really low"
    LOW = 2, "Low"
    OKAY = 3, "Okay"
    GOOD = 4, "Good"
    GREAT = 5, "Great"


MOOD_FACES = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}


class PromptState(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReflectionPrompt(models.Model):
    """One week's reflection question. Learners see it from ``opens_at``; they may answer
    and change their answer until ``closes_at`` (never, when empty)."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="reflection_prompts"
    )
    text = models.TextField(max_length=PROMPT_MAX_CHARS)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField(null=True, blank=True)
    # When learners were told it opened; set once, so nobody is told twice.
    announced_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["course", "-opens_at"], name="reflection_prompt_course")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="reflection_prompt_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def text_html(self) -> SafeString:
        return render_markdown(self.text)

    def state(self, at: datetime | None = None) -> str:
        at = at or timezone.now()
        if at < self.opens_at:
            return PromptState.SCHEDULED
        if self.closes_at is not None and at >= self.closes_at:
            return PromptState.CLOSED
        return PromptState.OPEN

    def is_open(self, at: datetime | None = None) -> bool:
        return self.state(at) == PromptState.OPEN

    def has_opened(self, at: datetime | None = None) -> bool:
        return self.opens_at <= (at or timezone.now())


class ReflectionAnswer(models.Model):
    """A learner's answer to a prompt — theirs and their teachers' to read, nobody else's."""

    prompt = models.ForeignKey(ReflectionPrompt, on_delete=models.CASCADE, related_name="answers")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_answers"
    )
    text = models.TextField(max_length=REFLECTION_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["prompt", "learner"], name="one_answer_per_prompt")
        ]

    def __str__(self) -> str:
        return f"Answer by {self.learner_id} to prompt {self.prompt_id}"

    @property
    def text_html(self) -> SafeString:
        return render_markdown(self.text)

    @property
    def was_edited(self) -> bool:
        return (self.updated_at - self.created_at).total_seconds() > 60


class ReflectionReply(models.Model):
    """A short private note from staff under a learner's answer."""

    answer = models.ForeignKey(ReflectionAnswer, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=REPLY_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Reply to answer {self.answer_id}"

    @property
    def text_html(self) -> SafeString:
        return render_markdown(self.text)


class MoodCheckin(models.Model):
    """How a learner felt at one moment, maybe with a word and a request for help."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mood_checkins"
    )
    score = models.PositiveSmallIntegerField(choices=MoodScore.choices)
    word = models.CharField(max_length=MOOD_WORD_MAX_CHARS, blank=True)
    wants_help = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "learner", "-created_at"], name="mood_latest"),
            models.Index(fields=["course", "wants_help", "followed_up_at"], name="mood_open_help"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="mood_score_one_to_five"
            )
        ]

    def __str__(self) -> str:
        return f"Mood {self.score} by {self.learner_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def face(self) -> str:
        return MOOD_FACES.get(self.score, "")

    @property
    def label(self) -> str:
        return MoodScore(self.score).label

    @property
    def help_is_open(self) -> bool:
        return self.wants_help and self.followed_up_at is None
