import secrets
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.accounts.models import time_zone_choices

# Defined in core so lower layers can use them; imported here so that
# ``from rapport.courses.models import Role`` keeps working.
from rapport.core.enums import STAFF_ROLES, JoinedVia, MembershipStatus, Role


def new_join_code() -> str:
    # Short enough to read aloud in a live class, long enough not to be guessed.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def normalize_join_code(text: str) -> str:
    """What someone typed or pasted, as a code: case and spaces ignored, and a pasted join
    link reduced to its last part."""
    text = (text or "").strip().rstrip("/")
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    return "".join(ch for ch in text if ch.isalnum()).upper()[:16]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Course(models.Model):
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80, unique=True)
    term = models.CharField(max_length=60, blank=True, help_text='For example "Spring 2027".')
    description = models.TextField(blank=True, max_length=4000)
    timezone = models.CharField(max_length=64, default="UTC", choices=time_zone_choices)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    young_learners = models.BooleanField(
        default=False,
        help_text="Hide photos, bios and name recordings from classmates, whatever each "
        "learner chose. Staff still see them.",
    )
    join_enabled = models.BooleanField("joining by link is on", default=True)
    join_code = models.CharField(max_length=16, unique=True, default=new_join_code)
    join_code_expires_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("home:course", kwargs={"course_slug": self.slug})

    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def join_code_problem(self, at: datetime | None = None) -> str | None:
        """Why the join code cannot be used right now, in words for the person trying."""
        if self.archived_at:
            return "This course has been archived and is no longer taking new members."
        if not self.join_enabled:
            return "Joining by link is switched off for this course. Ask your instructor."
        if self.join_code_expires_at and self.join_code_expires_at <= (at or now()):
            return "This join link has expired. Ask your instructor for a new one."
        return None


class Membership(models.Model):
    """A person's place in one course. Rows are kept when someone leaves or is removed so
    the relationship history stays whole; only ACTIVE grants access."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEARNER)
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    joined_at = models.DateTimeField(default=now)
    joined_via = models.CharField(
        max_length=20, choices=JoinedVia.choices, default=JoinedVia.ADDED, blank=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The learner's own choice: never suggest them as a partner for a classmate (the radar's
    # pairings and the reach-out list's "pair them" step both honour it).
    peer_suggestions_opted_out = models.BooleanField(
        "left out of classmate pairing suggestions", default=False
    )
    # When they last opened the course home: after signing in, a learner in several courses
    # lands on the one they visited last.
    last_visited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="one_membership_per_course")
        ]
        indexes = [models.Index(fields=["course", "status", "role"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.course} as {self.get_role_display()}"

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_instructor(self) -> bool:
        return self.role == Role.INSTRUCTOR

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE


class Invitation(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEARNER)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.course}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def problem(self) -> str | None:
        """Why this invitation cannot be accepted, in words for the person holding it."""
        if self.revoked_at:
            return (
                "This invitation was withdrawn. If you still want to join, ask your "
                "instructor to invite you again."
            )
        if self.accepted_at:
            return "This invitation has already been used."
        if self.course.archived_at:
            return "This course has been archived and is no longer taking new members."
        return None

    def is_for(self, user) -> bool:
        return self.email.casefold() == (user.email or "").casefold()
