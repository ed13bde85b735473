"""Audio and video that people record or upload, and their captions.

A media item belongs to a course and its owner. Until a feature attaches it to something
(a check-in, a personal note...) only its owner can reach it; attaching sets who may.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.timezone import now


def _media_path(item: "MediaItem", filename: str) -> str:
    return f"media/{item.course_id}/{item.public_id}/{filename}"


class MediaKind(models.TextChoices):
    VIDEO = "video", "Video"
    AUDIO = "audio", "Voice"


class MediaStatus(models.TextChoices):
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Audience(models.TextChoices):
    # only the owner (and, if set, audience_user): personal notes, feedback, their replies
    PRIVATE = "private", "Only the people in the conversation"
    # the course's staff, the owner and audience_user: a learner's reply to a check-in
    STAFF = "staff", "The teaching team"
    # every active member of the course, from available_from on: check-ins
    COURSE = "course", "Everyone in the course"


class MediaItem(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="media_items"
    )
    kind = models.CharField(max_length=10, choices=MediaKind.choices, default=MediaKind.VIDEO)
    status = models.CharField(
        max_length=12, choices=MediaStatus.choices, default=MediaStatus.PROCESSING
    )
    failure_reason = models.CharField(max_length=300, blank=True)
    original = models.FileField(upload_to=_media_path, max_length=300)
    original_name = models.CharField(max_length=200, blank=True)
    playback = models.FileField(upload_to=_media_path, max_length=300, blank=True)
    poster = models.ImageField(upload_to=_media_path, max_length=300, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    duration_seconds = models.FloatField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PRIVATE)
    audience_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    available_from = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.public_id}"

    @property
    def is_ready(self) -> bool:
        return self.status == MediaStatus.READY

    @property
    def is_processing(self) -> bool:
        return self.status == MediaStatus.PROCESSING


class Caption(models.Model):
    media = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(max_length=16, default="en")
    label = models.CharField(max_length=60, default="English")
    vtt = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["media", "language"], name="one_caption_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.label} captions for {self.media_id}"
