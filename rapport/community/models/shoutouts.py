"""Shout-outs: one person publicly (or quietly) recognising one or more people in their
course, with a few words and a tag. Who may see which is decided in
``rapport.community.shoutouts.selectors``; the rows here only describe themselves."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.text import render_markdown

MESSAGE_MAX = 500

# The tags a course starts with, made on first use: (label, emoji).
DEFAULT_TAGS = (
    ("Helpful", "🤝"),
    ("Creative", "🎨"),
    ("Kind", "💛"),
    ("Brave", "🦁"),
    ("Persistent", "🧗"),
)


class ShoutoutTag(models.Model):
    """What a shout-out celebrates. Staff add, rename and retire a course's tags; a retired
    tag stays on the shout-outs that used it but is no longer offered."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="shoutout_tags"
    )
    label = models.CharField(max_length=40)
    emoji = models.CharField(max_length=8, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "label"], name="shoutout_tag_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.emoji} {self.label}".strip()

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class ShoutoutVisibility(models.TextChoices):
    CLASS = "class", "The whole class"
    PRIVATE = "private", "Just them and the teaching team"


class Shoutout(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shoutouts_given"
    )
    tag = models.ForeignKey(ShoutoutTag, on_delete=models.PROTECT, related_name="shoutouts")
    message = models.TextField(max_length=MESSAGE_MAX)
    visibility = models.CharField(
        max_length=10, choices=ShoutoutVisibility.choices, default=ShoutoutVisibility.CLASS
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "-created_at"], name="shoutout_wall"),
            models.Index(fields=["course", "giver", "created_at"], name="shoutout_giver_day"),
        ]

    def __str__(self) -> str:
        return f"Shout-out {self.pk} from {self.giver_id}"

    def get_absolute_url(self) -> str:
        return reverse(
            "community:shoutout",
            kwargs={"course_slug": self.course.slug, "shoutout_id": self.pk},
        )

    @property
    def is_private(self) -> bool:
        return self.visibility == ShoutoutVisibility.PRIVATE

    @property
    def message_html(self):
        return render_markdown(self.message)


class ShoutoutReceiver(models.Model):
    """One person a shout-out is for."""

    shoutout = models.ForeignKey(Shoutout, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shoutouts_received"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["shoutout", "user"], name="shoutout_receiver_unique")
        ]
        indexes = [models.Index(fields=["user", "shoutout"], name="shoutout_for_me")]

    def __str__(self) -> str:
        return f"Shout-out {self.shoutout_id} for {self.user_id}"
