"""Rapport's side of LTI. django-lti (``lti_tool``) keeps the platform's view — registrations,
deployments, contexts, LTI users and memberships, keys; these rows tie that view to Rapport:
which course a context opens, which launches were already used, how a platform may match
people, and how each roster sync went."""

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from lti_tool.models import LtiContext, LtiRegistration

from rapport.core.progress import progress_read
from rapport.courses.models import Course


class PlatformPolicy(models.Model):
    """What Rapport trusts one registered platform with. Absent means the defaults: people
    are matched by the platform's own id for them only."""

    registration = models.OneToOneField(
        LtiRegistration, on_delete=models.CASCADE, related_name="rapport_policy"
    )
    match_users_by_email = models.BooleanField(
        "match existing accounts by email",
        default=False,
        help_text="Only when this institution controls and verifies its people's email "
        "addresses: a launch then signs in the Rapport account with the same email. "
        "Site staff accounts are never matched this way.",
    )
    frame_origins = models.TextField(
        "other origins that show Rapport in a frame",
        blank=True,
        help_text="One per line, like https://school.instructure.com. The issuer's, the "
        "sign-in URL's and the launch's return address's origins are always allowed.",
    )

    class Meta:
        verbose_name = "Rapport policy"
        verbose_name_plural = "Rapport policy"

    def __str__(self) -> str:
        return f"Policy for {self.registration}"

    def extra_frame_origins(self) -> list[str]:
        return [
            line.strip().rstrip("/") for line in self.frame_origins.splitlines() if line.strip()
        ]


class CourseLink(models.Model):
    """The Rapport course an LMS course (an LTI context) opens. Made by the first
    instructor launch; every later launch from that context lands in the same course."""

    context = models.OneToOneField(
        LtiContext, on_delete=models.CASCADE, related_name="rapport_link"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lti_links")
    linked_at = models.DateTimeField(default=now)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.context} → {self.course}"


class UsedNonce(models.Model):
    """A launch's nonce, once accepted. pylti1p3 only checks that the nonce was issued at
    login, so the same id_token could be posted again; the unique constraint makes the
    second use fail even when two copies race."""

    issuer = models.CharField(max_length=255)
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(default=now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "nonce"], name="lti_nonce_used_once")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.nonce}"


class SyncStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RosterSync(models.Model):
    """One pull of a course's class list from the LMS (Names and Role Provisioning)."""

    link = models.ForeignKey(CourseLink, on_delete=models.CASCADE, related_name="syncs")
    status = models.CharField(max_length=10, choices=SyncStatus.choices, default=SyncStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    outcome = models.CharField(max_length=300, blank=True)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Roster sync of {self.link.course} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (SyncStatus.DONE, SyncStatus.FAILED)

    @property
    def progress_key(self) -> str:
        return f"lti-roster-sync:{self.pk}"

    @property
    def progress_now(self) -> int:
        """While it runs, the task's latest report: the class list is applied in one
        transaction, whose progress this row cannot show until it commits."""
        if self.is_finished:
            return self.progress
        return max(self.progress, progress_read(self.progress_key, self.progress))
