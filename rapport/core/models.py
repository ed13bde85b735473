from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.epoch import EpochSeconds, EpochSecondsField
from rapport.core.kinds import NotificationKind, SensitiveReadKind, TouchpointKind


class Touchpoint(models.Model):
    """One relational moment: who reached whom, in which course, how and when.

    Written only by ``rapport.core.touchpoints.record``; read by the radar. ``subject`` is
    empty for whole-course broadcasts (a weekly check-in to everyone)."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(max_length=40, choices=TouchpointKind.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.SYSTEM)
    occurred_at = models.DateTimeField(default=timezone.now)
    # The same moment in whole seconds since 1970 (UTC), set on every save and checked by
    # the database (``tp_epoch_is_the_moment``), so it never disagrees with ``occurred_at``:
    # the radar's pass over a course's ledger sorts moments into weeks with integer
    # arithmetic, several times cheaper than comparing timestamps (text, on SQLite). A plain
    # column, not a generated one: SQLite reads a generated column from the table even when
    # an index holds it.
    occurred_epoch = EpochSecondsField(source="occurred_at")
    object_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    # A number the moment carries for the radar (a mood check-in's 1–5 score); empty for
    # most kinds. Private like the moment itself: only staff's radar reads it.
    value = models.SmallIntegerField(null=True, blank=True)
    target = GenericForeignKey("object_type", "object_id")

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            # latest touchpoint per learner per kind
            models.Index(
                fields=["course", "subject", "kind", "-occurred_at"], name="tp_latest_per_kind"
            ),
            # touchpoints per course per week
            models.Index(fields=["course", "occurred_at"], name="tp_course_time"),
            models.Index(fields=["course", "actor", "-occurred_at"], name="tp_by_actor"),
            # one kind of moment in a course, in time order: the latest check-ins posted,
            # everyone's first reply or fifth check-in watched
            models.Index(fields=["course", "kind", "occurred_at"], name="tp_by_kind"),
            # who opened or watched given check-ins (the radar's latest three): a seek per
            # check-in and kind, answered from the index alone
            models.Index(
                fields=["course", "kind", "object_id", "object_type", "actor", "occurred_at"],
                name="tp_by_object",
            ),
            # the radar's one pass over a course's ledger, grouped by actor and subject:
            # every column it reads, so the pass reads the index alone, already in order
            models.Index(
                fields=[
                    "course",
                    "actor",
                    "subject",
                    "kind",
                    "occurred_at",
                    "occurred_epoch",
                    "value",
                    "object_type",
                    "object_id",
                ],
                name="tp_radar_pass",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occurred_epoch=EpochSeconds("occurred_at")),
                name="tp_epoch_is_the_moment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.course_id} at {self.occurred_at:%Y-%m-%d}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    course = models.ForeignKey(
        "courses.Course", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationOptOut(models.Model):
    """A person said "not this kind, not this way". Absence means the defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_opt_outs"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="one_opt_out")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} opted out of {self.kind} by {self.channel}"


class SensitiveRead(models.Model):
    """A member of a course's staff saw another person's private things: who, whose, what,
    on which page, when. Written only by ``rapport.core.audit``; read by the course's
    instructors, never by a learner."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=SensitiveReadKind.choices)
    # The page (or API address) that showed it, and what on it: a prompt's or survey's
    # title — never the private words themselves.
    page = models.CharField(max_length=300, blank=True)
    about = models.CharField(max_length=200, blank=True)
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        indexes = [
            models.Index(fields=["course", "-viewed_at"], name="audit_by_course"),
            models.Index(fields=["course", "learner", "-viewed_at"], name="audit_by_learner"),
            models.Index(fields=["course", "kind", "-viewed_at"], name="audit_by_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.viewer_id} read {self.kind} of {self.learner_id}"
