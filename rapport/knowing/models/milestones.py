"""Milestones: what a learner shares (a birthday, personal news) and what the class marks
(a module finished). Milestones read from the ledger (first post, five check-ins...) are not
stored: ``knowing.selectors.milestones`` works them out from ``Touchpoint`` rows. A
``Celebration`` remembers that staff celebrated one, so it leaves the "this week" list."""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.timezone import now

# A leap year, so 29 February is a date like any other when shown or compared.
DISPLAY_YEAR = 2000


class Birthday(models.Model):
    """Month and day only, shared by choice (no row: not shared). Stored once per person and
    seen only by the staff of courses they learn in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="birthday"
    )
    month = models.PositiveSmallIntegerField()
    day = models.PositiveSmallIntegerField()
    shared_at = models.DateTimeField(default=now)

    class Meta:
        indexes = [models.Index(fields=["month", "day"], name="birthday_month_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="birthday_plausible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.month}/{self.day}"

    def clean(self) -> None:
        if not is_valid_month_day(self.month, self.day):
            raise ValidationError({"day": "That day doesn't exist in that month."})

    def as_date(self) -> date:
        return date(DISPLAY_YEAR, self.month, self.day)

    def occurs_in(self, year: int) -> date:
        """The day it is celebrated in ``year`` — 28 February for a 29 February birthday
        outside leap years."""
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)


def is_valid_month_day(month, day) -> bool:
    try:
        date(DISPLAY_YEAR, int(month), int(day))
    except (TypeError, ValueError):
        return False
    return True


class MilestoneVisibility(models.TextChoices):
    STAFF = "staff", "Only my teachers"
    CLASS = "class", "My teachers and my classmates"


class PersonalMilestone(models.Model):
    """Something a learner wanted their course to know ("started a new job")."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_milestones"
    )
    text = models.CharField("what happened", max_length=200)
    happened_on = models.DateField("when")
    visibility = models.CharField(
        "who can see it",
        max_length=10,
        choices=MilestoneVisibility.choices,
        default=MilestoneVisibility.STAFF,
    )
    shared_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [
            models.Index(fields=["course", "-shared_at"], name="milestone_recent"),
            models.Index(fields=["course", "user"], name="milestone_by_user"),
        ]

    def __str__(self) -> str:
        return self.text


class ModuleMarker(models.Model):
    """Staff said "the class finished <module>". Each learner active then gets a
    ``ModuleMilestone``; someone joining later does not."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-marked_at"]

    def __str__(self) -> str:
        return self.title


class ModuleMilestone(models.Model):
    marker = models.ForeignKey(ModuleMarker, on_delete=models.CASCADE, related_name="milestones")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["marker", "learner"], name="one_module_milestone_each")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} finished {self.marker_id}"


class Celebration(models.Model):
    """Staff celebrated one of a learner's occasions with a personal note. ``occasion`` is
    the occasion's key ("birthday:2027", "personal:12", "first_post", "module:3"); empty
    for a note about something not on any list."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    occasion = models.CharField(max_length=40, blank=True)
    celebrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    celebrated_at = models.DateTimeField(default=now)
    message = models.ForeignKey(
        "presence.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-celebrated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "learner", "occasion"],
                condition=~models.Q(occasion=""),
                name="one_celebration_per_occasion",
            )
        ]

    def __str__(self) -> str:
        return f"{self.occasion or 'note'} for {self.learner_id}"
