import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now


def _upload_path(roster_import: "RosterImport", filename: str) -> str:
    # A random name: the file holds learners' names and emails, and is never served.
    return f"roster/{roster_import.course_id}/{secrets.token_hex(16)}.upload"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Waiting for your check"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Not imported"


class RosterImport(models.Model):
    """One class list file on its way into a course: how its columns are read, then the
    import's progress and outcome. The file itself is deleted once imported."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    file = models.FileField(upload_to=_upload_path, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    format = models.CharField(max_length=20, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # Rapport field -> column index
    class_id = models.CharField(max_length=200, blank=True)  # OneRoster: which class
    remove_missing = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    outcome = models.JSONField(default=dict, blank=True)  # counts and per-row errors
    problem = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["course", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.file_name or 'Class list'} into {self.course_id}"

    def get_absolute_url(self) -> str:
        return reverse(
            "roster:import_review", kwargs={"course_slug": self.course.slug, "import_id": self.pk}
        )

    @property
    def is_running(self) -> bool:
        return self.status == ImportStatus.RUNNING

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
