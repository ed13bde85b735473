"""Private staff notes about one learner in one course.

Only the course's active staff ever read these (the learner card is a staff page); only the
note's author may change or delete it."""

from django.conf import settings
from django.db import models
from django.utils.timezone import now

NOTE_MAX_LENGTH = 4000


class StaffNote(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # A note outlives its author leaving the team: it still says something true.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "learner", "-created_at"], name="staffnote_by_learner")
        ]

    def __str__(self) -> str:
        return f"Note on {self.learner_id} in {self.course_id}"

    @property
    def was_edited(self) -> bool:
        return (self.updated_at - self.created_at).total_seconds() > 60

    def may_change(self, user) -> bool:
        return user is not None and self.author_id == user.pk
