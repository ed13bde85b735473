"""What the teaching team decided about someone on the reach-out list: set them aside for a
week (snooze), or until a new signal appears (dismiss), always with a reason. Undoing a
decision deletes its row; the list is worked out afresh from the ledger every time."""

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
