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


# Stored original's extension -> content type by kind (the extension comes from the
# probed container, never from the uploaded name).
_ORIGINAL_TYPES = {
    "webm": {"video": "video/webm", "audio": "audio/webm"},
    "mkv": {"video": "video/x-matroska", "audio": "audio/x-matroska"},
    "mp4": {"video": "video/mp4", "audio": "audio/mp4"},
    "m4a": {"video": "video/mp4", "audio": "audio/mp4"},
    "ogg": {"video": "video/ogg", "audio": "audio/ogg"},
    "avi": {"video": "video/x-msvideo", "audio": "video/x-msvideo"},
    "mp3": {"audio": "audio/mpeg"},
    "wav": {"audio": "audio/wav"},
    "flac": {"audio": "audio/flac"},
    "aac": {"audio": "audio/aac"},
}


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
    # Set when the stuck-processing sweep queued it again; a second stall fails it.
    processing_retried_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.public_id}"

    @property
    def is_attached(self) -> bool:
        """Shared by a feature (``media_attach`` sets an audience or a person); until then
        only its owner can reach it."""
        return self.audience != Audience.PRIVATE or self.audience_user_id is not None

    @property
    def is_ready(self) -> bool:
        return self.status == MediaStatus.READY

    @property
    def is_processing(self) -> bool:
        return self.status == MediaStatus.PROCESSING

    @property
    def is_failed(self) -> bool:
        return self.status == MediaStatus.FAILED

    @property
    def is_video(self) -> bool:
        return self.kind == MediaKind.VIDEO

    @property
    def playback_content_type(self) -> str:
        return "video/mp4" if self.is_video else "audio/mp4"

    @property
    def original_content_type(self) -> str:
        extension = self.original.name.rsplit(".", 1)[-1].lower() if self.original else ""
        kind = "video" if self.is_video else "audio"
        return _ORIGINAL_TYPES.get(extension, {}).get(kind, "application/octet-stream")


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


class CaptionTimingStatus(models.TextChoices):
    WORKING = "working", "Working"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class CaptionSource(models.TextChoices):
    TEXT = "text", "Pasted text"
    SPEECH = "speech", "Speech draft"


class CaptionTiming(models.Model):
    """Captions being made for a recording in the background (rapport.media.captions):
    from text a person pasted, timed to the sound, the result being that language's
    Caption at once; or, from the speech alone, a draft (``draft``) that only the
    recording's author sees until they accept or correct it."""

    media = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="timings")
    language = models.CharField(max_length=16, default="en")
    label = models.CharField(max_length=60, default="English")
    source = models.CharField(
        max_length=10, choices=CaptionSource.choices, default=CaptionSource.TEXT
    )
    text = models.TextField(blank=True)
    draft = models.TextField(blank=True)  # WebVTT recognised from speech, not yet accepted
    status = models.CharField(
        max_length=10, choices=CaptionTimingStatus.choices, default=CaptionTimingStatus.WORKING
    )
    failure_reason = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["media", "language"], name="one_timing_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.label} timing for {self.media_id}: {self.status}"

    @property
    def is_working(self) -> bool:
        return self.status == CaptionTimingStatus.WORKING

    @property
    def is_failed(self) -> bool:
        return self.status == CaptionTimingStatus.FAILED

    @property
    def is_draft(self) -> bool:
        return self.source == CaptionSource.SPEECH

    @property
    def draft_ready(self) -> bool:
        return self.is_draft and self.status == CaptionTimingStatus.READY and bool(self.draft)
