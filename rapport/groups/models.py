"""Peer partners and small groups: a course's group sets (weekly partners, project teams),
each planned as rounds of groups by the engine (``rapport.groups.engine``); a group's own
space (its thread and wall live in discussions and walls, tied to the group), the
reflections its members choose to share with it, and the feedback they ask of each other.

A round is planned when the set is formed, and published at its start: the first when the
teaching team publishes it, the next ones by the rotation task. Until then a round's groups
are a preview the teaching team may change (move a member, lock a group)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.groups.engine.problem import MODES

SIZE_MIN, SIZE_MAX = 2, 8
ROUNDS_MAX = 20
TEXT_MAX = 4000


class Mode(models.TextChoices):
    SIMILAR = "similar", "Group similar"
    DIFFERENT = "different", "Group different"
    IGNORE = "ignore", "Ignore"


assert set(Mode.values) == set(MODES)


class Pace(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"


class Formation(models.TextChoices):
    DRAFT = "draft", "Not formed yet"
    FORMING = "forming", "Forming"
    READY = "ready", "Formed"
    FAILED = "failed", "Could not be formed"


class GroupSet(models.Model):
    """What the teaching team asked for: how big the groups are, what matters when putting
    people together, and how often they change."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    purpose = models.CharField("what the groups are for", max_length=300, blank=True)
    group_size = models.PositiveSmallIntegerField(default=2)
    interests = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SIMILAR)
    availability = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SIMILAR)
    min_shared_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    # One intro-survey question (a choice or a scale) whose answers are balanced or matched.
    attribute_question = models.ForeignKey(
        "surveys.Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attribute = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IGNORE)
    rounds = models.PositiveSmallIntegerField(default=1)
    pace = models.CharField(max_length=12, choices=Pace.choices, default=Pace.WEEKLY)
    seed = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Formation.choices, default=Formation.DRAFT)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, while forming
    problem = models.CharField(max_length=500, blank=True)  # why it could not be formed
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    formed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:set", args=[self.course.slug, self.pk])


class KeptPair(models.Model):
    """Two learners the teaching team keeps together, or apart, in every round."""

    group_set = models.ForeignKey(GroupSet, on_delete=models.CASCADE, related_name="pairs")
    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    together = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group_set", "first", "second"], name="one_rule_a_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first_id} {'with' if self.together else 'apart from'} {self.second_id}"


class Round(models.Model):
    group_set = models.ForeignKey(GroupSet, on_delete=models.CASCADE, related_name="round_set")
    number = models.PositiveSmallIntegerField()  # 1, 2, …
    starts_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    worst_score = models.FloatField(default=0)
    mean_score = models.FloatField(default=0)
    repeated_pairs = models.PositiveIntegerField(default=0)
    # Rules the round breaks after a hand edit ("group 2 has 5 members (2–3)"), in words.
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["group_set", "number"], name="one_round_a_number")
        ]

    def __str__(self) -> str:
        return f"{self.group_set} — round {self.number}"


class Group(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    locked = models.BooleanField(default=False)  # kept as it is when the round is formed again
    score = models.FloatField(default=0)
    reasons = models.JSONField(default=list, blank=True)  # why it fits, in words
    # The hours of the week (0 = Monday 00:00 UTC … 167) every member said suit them.
    shared_hours = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["round", "number"]

    def __str__(self) -> str:
        return f"Group {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("groups:group", args=[self.course.slug, self.pk])


class GroupMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["group", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_group_a_round")]

    def __str__(self) -> str:
        return f"{self.user_id} in group {self.group_id}"


class SharedReflection(models.Model):
    """A reflection its writer chose to share with their group (otherwise only the
    teaching team reads it)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="reflections")
    answer = models.ForeignKey(
        "community.ReflectionAnswer", on_delete=models.CASCADE, related_name="+"
    )
    shared_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-shared_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "answer"], name="shared_once_a_group")
        ]

    def __str__(self) -> str:
        return f"reflection {self.answer_id} shared with group {self.group_id}"


class FeedbackFormat(models.TextChoices):
    THREE = "three", "One thing that works, one question, one suggestion"
    GLOW_GROW = "glow_grow", "A glow and a grow"
    OPEN = "open", "Open feedback"


class FeedbackRequest(models.Model):
    """A piece of work a learner shares with their group, asking for feedback."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="feedback_requests")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True, max_length=TEXT_MAX)
    body_html = models.TextField(blank=True)
    link_url = models.URLField(blank=True, max_length=1000)
    attachment = models.FileField(upload_to="groups/work/%Y/%m/", blank=True, max_length=300)
    attachment_name = models.CharField(max_length=200, blank=True)
    clip = models.ForeignKey(
        "media.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    format = models.CharField(max_length=10, choices=FeedbackFormat.choices)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:feedback", args=[self.course.slug, self.pk])


class FeedbackReply(models.Model):
    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="replies")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The parts the request's format asks for ({"works": ..., "question": ..., ...}).
    parts = models.JSONField(default=dict)
    clip = models.ForeignKey(
        "media.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    thanked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "reviewer"], name="one_reply_a_reviewer")
        ]

    def __str__(self) -> str:
        return f"feedback from {self.reviewer_id} on {self.request_id}"
