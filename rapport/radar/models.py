"""The radar's own tables. What the teaching team decided about someone on the reach-out
list: set them aside for a week (snooze), or until a new signal appears (dismiss), always
with a reason; undoing a decision deletes its row, and the list is worked out afresh from
the ledger every time. And which weekly email went to whom for which week, so the weekly
run never sends the same week's email twice to the same person."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.timezone import now


class DecisionKind(models.TextChoices):
    SNOOZE = "snooze", "Snoozed for a week"
    DISMISS = "dismiss", "Dismissed until something new"


class DecisionReason(models.TextChoices):
    IN_TOUCH_ELSEWHERE = "in_touch_elsewhere", "We're in touch outside Rapport"
    AWAY = "away", "They're away or on leave"
    HANDLED = "handled", "Already handled"
    NOT_A_CONCERN = "not_a_concern", "Not a concern right now"


class ReachOutDecision(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    reason = models.CharField(max_length=30, choices=DecisionReason.choices)
    # The reasons the list gave when the decision was made, numbers left out (see
    # ``rapport.radar.decisions.reason_key``): a dismissal holds while no other appears.
    reasons_seen = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=now)
    # A snooze ends here; a dismissal has no end date.
    until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["course", "learner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.learner_id} in {self.course_id}"

    def holds(self, *, reason_keys: set[str], at: datetime) -> bool:
        """Whether this decision still keeps its learner off the list."""
        if self.kind == DecisionKind.SNOOZE:
            return self.until is not None and at < self.until
        return reason_keys <= set(self.reasons_seen)


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
