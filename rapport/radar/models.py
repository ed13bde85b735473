"""The radar keeps one table of its own: which weekly email went to whom for which week, so
the weekly run never sends the same week's email twice to the same person."""

from django.conf import settings
from django.db import models
from django.utils.timezone import now


class WeeklyEmailKind(models.TextChoices):
    CARE_PLAN = "care_plan", "Weekly care plan (staff)"
    DIGEST = "digest", "Weekly digest (learner)"


class WeeklyEmailSent(models.Model):
    """One weekly email to one person of one course, for the week starting ``week_of`` (the
    Monday, in the course's time zone), or the note that there was nothing to send. The
    unique constraint is the guarantee: a second run for the same week finds the row and
    sends nothing."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=WeeklyEmailKind.choices)
    week_of = models.DateField()
    sent_at = models.DateTimeField(default=now)
    # A learner's week with nothing to tell: no digest went, and none will this week (the
    # row spares recomputing it at every run for the rest of the Monday).
    nothing_to_tell = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user", "kind", "week_of"], name="one_weekly_email_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id} in {self.course_id}, week of {self.week_of}"
