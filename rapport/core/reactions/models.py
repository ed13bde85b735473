"""The shape every reaction table shares. A feature's concrete model adds the foreign key
to what is reacted to, names it in ``target_field``, says how to reach the target's course
in ``course_path`` (a lookup from the target), and declares ``one_reaction_each`` in its
Meta — its own table and constraint name stay as they were."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.timezone import now

from rapport.core.reactions.emoji import REACTION_CHOICES


class ReactionBase(models.Model):
    target_field: ClassVar[str]
    course_path: ClassVar[str]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=8, choices=REACTION_CHOICES)
    created_at = models.DateTimeField(default=now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.emoji} on {self.target_field} {getattr(self, self.target_field + '_id')}"


def one_reaction_each(*, target_field: str, name: str) -> models.UniqueConstraint:
    """One reaction per person, emoji and target: reacting again takes it back."""
    return models.UniqueConstraint(fields=[target_field, "user", "emoji"], name=name)
