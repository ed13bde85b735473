"""Social events: coffee chats, game nights, Fun Friday — who says they will come, who came,
and each person's private calendar link."""

import secrets
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.accounts.models import time_zone_choices
from rapport.courses.models import Course


class EventKind(models.TextChoices):
    COFFEE_CHAT = "coffee_chat", "Coffee chat"
    GAME_NIGHT = "game_night", "Game night"
    FUN_FRIDAY = "fun_friday", "Fun Friday"
    STUDY_HALL = "study_hall", "Study hall"
    CUSTOM = "custom", "Something else"


class EventSettings(models.Model):
    """A course's choices about its social events (none stored means the defaults)."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="event_settings"
    )
    learners_may_create = models.BooleanField(
        "learners may plan events too",
        default=False,
        help_text="Learners can plan a coffee chat or study hall for the class themselves.",
    )

    def __str__(self) -> str:
        return f"Event settings of {self.course}"


class Event(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.FUN_FRIDAY)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=4000)
    # Stored in UTC; ``timezone`` is the zone it was planned in, which calendars are given.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, default="UTC", choices=time_zone_choices)
    meeting_link = models.URLField("meeting link", max_length=500, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)
    # Calendars replace their copy when this grows (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["course", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gt=0),
                name="event_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "events:event", kwargs={"course_slug": self.course.slug, "event_id": self.pk}
        )

    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def headline(self) -> str:
        """The event as a notification names it: its kind, then its title ("Coffee chat:
        Careers in ecology") — the title alone where it already starts with its kind."""
        kind = self.get_kind_display()
        if self.title.casefold().startswith(kind.casefold()):
            return self.title
        return f"{kind}: {self.title}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def is_over(self, at: datetime | None = None) -> bool:
        return self.ends_at <= (at or now())

    def is_happening(self, at: datetime | None = None) -> bool:
        at = at or now()
        return self.starts_at <= at < self.ends_at

    def places_left(self, going: int) -> int | None:
        return None if self.capacity is None else max(self.capacity - going, 0)


class RsvpStatus(models.TextChoices):
    GOING = "going", "Going"
    NOT_GOING = "not_going", "Not going"


class Rsvp(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_rsvps"
    )
    status = models.CharField(max_length=20, choices=RsvpStatus.choices)
    responded_at = models.DateTimeField(default=now)
    # The first "going" is the one the ledger records; saying it again records nothing.
    first_going_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_rsvp_per_event_and_person")
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.user} {self.get_status_display().lower()} to {self.event}"


class AttendanceHow(models.TextChoices):
    STAFF = "staff", "Marked by staff"
    CHECK_IN = "check_in", "Checked in"


class Attendance(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_attendances"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    how = models.CharField(max_length=20, choices=AttendanceHow.choices)
    recorded_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_attendance_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user} came to {self.event}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar link. Making a new one replaces the token, so the old
    address stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("events:feed", kwargs={"token": self.token})
