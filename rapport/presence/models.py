"""Presence: the teaching team's voice reaching learners — weekly check-ins to the whole
course, personal notes and feedback to one learner — and the conversations that follow.

Who may see what is decided in ``rapport.presence.selectors`` (read its docstring); the
rows here only describe themselves.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.enums import Channel
from rapport.core.reactions.models import ReactionBase, one_reaction_each
from rapport.media.models import MediaKind

http_url = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address that starts with http:// or https://.",
)


class MessageKind(models.TextChoices):
    CHECKIN = "checkin", "Check-in"
    NOTE = "note", "Personal note"
    FEEDBACK = "feedback", "Feedback"


class Tone(models.TextChoices):
    THINKING_OF_YOU = "thinking_of_you", "Thinking of you"
    CONGRATULATIONS = "congratulations", "Congratulations"
    NOTICED = "noticed", "I noticed…"
    OTHER = "other", "Something else"


class Format(models.TextChoices):
    TEXT = "text", "Text"
    VOICE = "voice", "Voice"
    VIDEO = "video", "Video"

    @classmethod
    def of(cls, media) -> "Format":
        """The format a message or reply takes from its media (text when there is none)."""
        if media is None:
            return cls.TEXT
        return cls.VIDEO if media.kind == MediaKind.VIDEO else cls.VOICE

    @property
    def channel(self) -> Channel:
        return {Format.TEXT: Channel.TEXT, Format.VOICE: Channel.VOICE}.get(self, Channel.VIDEO)


class Message(models.Model):
    """A check-in to the whole course (no recipient), or a personal note or feedback to one
    learner. Check-ins may be scheduled: ``release_at`` in the future, ``released_at``
    empty until the release task sends them; notes and feedback are released when sent."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presence_messages"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="presence_messages_received",
    )
    kind = models.CharField(max_length=12, choices=MessageKind.choices)
    tone = models.CharField(max_length=20, choices=Tone.choices, blank=True)
    format = models.CharField(max_length=8, choices=Format.choices, default=Format.TEXT)
    title = models.CharField(max_length=160, blank=True)
    body = models.TextField(blank=True, max_length=10_000)
    media = models.ForeignKey(
        "media.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignment_title = models.CharField(max_length=200, blank=True)
    assignment_url = models.URLField(max_length=500, blank=True, validators=[http_url])
    went_well = models.TextField("what went well", blank=True, max_length=2000)
    next_step = models.TextField("one next step", blank=True, max_length=2000)
    release_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-released_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "kind", "-released_at"], name="presence_feed"),
            models.Index(fields=["course", "recipient", "-released_at"], name="presence_inbox"),
            models.Index(fields=["released_at", "release_at"], name="presence_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=MessageKind.CHECKIN, recipient__isnull=True)
                    | (~models.Q(kind=MessageKind.CHECKIN) & models.Q(recipient__isnull=False))
                ),
                name="presence_checkins_have_no_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse(
            "presence:message", kwargs={"course_slug": self.course.slug, "message_id": self.pk}
        )

    @property
    def is_checkin(self) -> bool:
        return self.kind == MessageKind.CHECKIN

    @property
    def is_personal(self) -> bool:
        return self.kind != MessageKind.CHECKIN

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def channel(self) -> Channel:
        return Format(self.format).channel

    @property
    def heading(self) -> str:
        if self.kind == MessageKind.CHECKIN:
            return self.title or "Check-in"
        if self.kind == MessageKind.FEEDBACK:
            return f"Feedback on {self.assignment_title or 'your work'}"
        return self.get_tone_display() or "A personal note"

    @property
    def body_html(self):
        from rapport.core.text import render_markdown

        return render_markdown(self.body)


class Reply(models.Model):
    """One turn in the conversation between a message's learner and the teaching side.

    ``thread_learner`` is the learner whose conversation it is: the recipient of a note or
    feedback, or, for a check-in, the learner who replied (staff answer in that thread)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    thread_learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presence_threads"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presence_replies"
    )
    body = models.TextField(blank=True, max_length=5000)
    format = models.CharField(max_length=8, choices=Format.choices, default=Format.TEXT)
    media = models.ForeignKey(
        "media.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["message", "thread_learner", "created_at"])]

    def __str__(self) -> str:
        return f"Reply {self.pk} on message {self.message_id}"

    @property
    def body_html(self):
        from rapport.core.text import render_markdown

        return render_markdown(self.body)


class Reaction(ReactionBase):
    target_field = "message"
    course_path = "course"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")

    class Meta:
        constraints = [one_reaction_each(target_field="message", name="presence_one_reaction_each")]


class MessageView(models.Model):
    """A learner opened a message, and (``completed_at``) watched or listened to the end,
    or read it when it is text."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="presence_one_view_each")
        ]

    def __str__(self) -> str:
        return f"View of message {self.message_id} by {self.user_id}"


class MessageTemplate(models.Model):
    """Reusable words with placeholders ({preferred_name}, {goal}, {interest}), shared by
    the course's teaching team; only the owner edits or deletes one."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presence_templates"
    )
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=MessageKind.choices, default=MessageKind.NOTE)
    body = models.TextField(max_length=10_000)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
