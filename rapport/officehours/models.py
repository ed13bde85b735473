"""Office hours: when each member of a course's teaching team can meet one learner (or a few),
and the meetings learners book.

A booking's place in its host's calendar is held by the database, not only checked in
Python: no two active bookings of one host share a start and a seat
(``booking_one_per_seat``), and a seat is never above the slot's seats. Two learners taking
the same slot at the same instant therefore make one booking; the other is told the time
was just taken (``services.booking``)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now

from rapport.accounts.models import time_zone_choices
from rapport.courses.models import Course


class Place(models.TextChoices):
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In person"
    CHAT = "chat", "In Rapport chat"


class OfficeHours(models.Model):
    """One staff member's bookable time in one course, and its rules."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="office_hours")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hours"
    )
    title = models.CharField(max_length=120, default="Office hours")
    is_open = models.BooleanField(
        "taking bookings", default=True, help_text="Learners can book while this is on."
    )
    # The zone the weekly hours and exceptions are written in (the host's, when set up).
    timezone = models.CharField(max_length=64, default="UTC", choices=time_zone_choices)
    slot_minutes = models.PositiveSmallIntegerField("meeting length (minutes)", default=20)
    buffer_before_minutes = models.PositiveSmallIntegerField(
        "free before (minutes)", default=0, help_text="Kept free before each meeting."
    )
    buffer_after_minutes = models.PositiveSmallIntegerField(
        "free after (minutes)", default=5, help_text="Kept free after each meeting."
    )
    minimum_notice_minutes = models.PositiveIntegerField(
        "minimum notice (minutes)", default=12 * 60, help_text="No bookings sooner than this."
    )
    horizon_days = models.PositiveSmallIntegerField(
        "book up to (days ahead)", default=21, help_text="No bookings further ahead than this."
    )
    max_per_day = models.PositiveSmallIntegerField("meetings a day at most", null=True, blank=True)
    max_per_week = models.PositiveSmallIntegerField(
        "meetings a week at most", null=True, blank=True
    )
    per_learner_limit = models.PositiveSmallIntegerField(
        "upcoming meetings per learner",
        default=1,
        help_text="How many upcoming meetings one learner may hold at once.",
    )
    seats = models.PositiveSmallIntegerField(
        "learners per meeting", default=1, help_text="More than one makes it group office hours."
    )
    cancel_notice_minutes = models.PositiveIntegerField(
        "learners may cancel or move up to (minutes before)", default=120
    )
    place = models.CharField(max_length=20, choices=Place.choices, default=Place.VIDEO)
    place_detail = models.CharField(
        "link, number or room",
        max_length=300,
        blank=True,
        help_text="The video link, the phone number to call, or where to meet.",
    )
    question = models.CharField(
        "a question for the learner",
        max_length=200,
        blank=True,
        default="What would you like to talk about?",
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["course", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "host"], name="office_hours_one_per_host"),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240),
                name="office_hours_slot_length",
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=50), name="office_hours_seats"
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1, horizon_days__lte=365),
                name="office_hours_horizon",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} with {self.host}"

    def get_absolute_url(self) -> str:
        return reverse(
            "officehours:book", kwargs={"course_slug": self.course.slug, "office_hours_id": self.pk}
        )


class WeeklyWindow(models.Model):
    """Hours the host is available every week on one weekday, in the office hours' zone."""

    office_hours = models.ForeignKey(OfficeHours, on_delete=models.CASCADE, related_name="weekly")
    weekday = models.PositiveSmallIntegerField(
        choices=[
            (0, "Monday"),
            (1, "Tuesday"),
            (2, "Wednesday"),
            (3, "Thursday"),
            (4, "Friday"),
            (5, "Saturday"),
            (6, "Sunday"),
        ]
    )
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="window_order"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="window_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class DateException(models.Model):
    """One date whose hours differ from the week's: a day off (no hours), or other hours
    (each row one window; together they replace that weekday's windows on that date)."""

    office_hours = models.ForeignKey(
        OfficeHours, on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField()
    starts = models.TimeField(null=True, blank=True)
    ends = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts__isnull=True, ends__isnull=True)
                | Q(starts__isnull=False, ends__isnull=False, ends__gt=models.F("starts")),
                name="exception_day_off_or_hours",
            ),
        ]

    def __str__(self) -> str:
        if self.is_day_off:
            return f"{self.date}: day off"
        return f"{self.date}: {self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def is_day_off(self) -> bool:
        return self.starts is None


class Assignment(models.TextChoices):
    ROUND_ROBIN = "round_robin", "Take turns"
    LEAST_BUSY = "least_busy", "Whoever has the fewest meetings that week"


class Pool(models.Model):
    """Several staff members' office hours offered as one ("Ask a TA"): the learner picks a
    time, and the booking goes to one of those free then, in turn or to the least busy."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="office_hour_pools")
    title = models.CharField(max_length=120, default="Ask a TA")
    members = models.ManyToManyField(OfficeHours, related_name="pools")
    assignment = models.CharField(
        max_length=20, choices=Assignment.choices, default=Assignment.ROUND_ROBIN
    )
    # Round robin: the last one given a booking; the next free one after it comes next.
    last_assigned = models.ForeignKey(
        OfficeHours, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["course", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "officehours:pool", kwargs={"course_slug": self.course.slug, "pool_id": self.pk}
        )


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Met"
    NO_SHOW = "no_show", "Didn't come"


ACTIVE = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


class Booking(models.Model):
    """A learner's place in one meeting with a host. ``uid`` names it in calendars for
    good; ``sequence`` grows with each change, so calendars replace their copy."""

    office_hours = models.ForeignKey(OfficeHours, on_delete=models.CASCADE, related_name="bookings")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_bookings"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hours_bookings"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    seat = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    answer = models.TextField("what they'd like to talk about", blank=True, max_length=2000)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_message = models.TextField(blank=True, max_length=2000)
    reminded_at = models.DateTimeField(null=True, blank=True)
    pool = models.ForeignKey(
        Pool, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # After the meeting, for the course's staff only.
    staff_note = models.TextField("private note", blank=True, max_length=4000)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["host", "starts_at"]),
            models.Index(fields=["learner", "starts_at"]),
            models.Index(fields=["course", "starts_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["host", "starts_at", "seat"],
                condition=~Q(status=BookingStatus.CANCELLED),
                name="booking_one_per_seat",
            ),
            models.UniqueConstraint(
                fields=["host", "starts_at", "learner"],
                condition=~Q(status=BookingStatus.CANCELLED),
                name="booking_one_place_per_learner",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(seat__gte=1), name="booking_seat_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} with {self.host} at {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse(
            "officehours:booking", kwargs={"course_slug": self.course.slug, "booking_id": self.pk}
        )

    @property
    def is_active(self) -> bool:
        return self.status != BookingStatus.CANCELLED


class Invite(models.Model):
    """Staff offering one learner a few chosen times ("let's talk")."""

    office_hours = models.ForeignKey(OfficeHours, on_delete=models.CASCADE, related_name="invites")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hours_invites"
    )
    message = models.TextField(blank=True, max_length=2000)
    # ISO 8601 UTC starts of the offered slots.
    starts = models.JSONField(default=list)
    created_at = models.DateTimeField(default=now)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invite for {self.learner} from {self.office_hours.host}"
