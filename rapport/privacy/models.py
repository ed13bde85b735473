"""A person's data export (a zip only they may download, for a week) and a course's rule
for how long recordings and check-ins are kept after it ends."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

EXPORT_KEEP = timedelta(days=7)


def _export_path(export: "DataExport", filename: str) -> str:
    # A random name: the file is served only through the owner's view, never by its path.
    return f"exports/{secrets.token_urlsafe(24)}.zip"


class ExportStatus(models.TextChoices):
    BUILDING = "building", "Being built"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class DataExport(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.BUILDING
    )
    file = models.FileField(upload_to=_export_path, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One export being built per person at a time (the rate limit, kept by the
            # database even when two requests race).
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="building"),
                name="one_export_building_each",
            )
        ]

    def __str__(self) -> str:
        return f"Export {self.pk} for {self.user_id} ({self.status})"

    @property
    def progress_key(self) -> str:
        return f"data-export:{self.pk}"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and (now or timezone.now()) >= self.expires_at

    def get_download_url(self) -> str:
        return reverse("privacy:export_download", args=[self.pk])


class CourseRetention(models.Model):
    """Delete the course's recordings and check-ins ``days`` after it ends (``ends_on``).
    No row (or no days) keeps them."""

    course = models.OneToOneField(
        "courses.Course", on_delete=models.CASCADE, related_name="retention"
    )
    days = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    last_applied_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Retention of {self.course_id}: {self.days} days"
