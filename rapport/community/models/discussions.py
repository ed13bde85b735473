"""Discussions: topics, their threaded posts, reactions, edit history, reports and each
person's place in each topic.

A topic's opening words are its first post (``parent`` empty), so editing, reacting,
reporting, images and hiding work the same for the opening post as for any reply. Who may
see what is decided in ``rapport.community.discussions.selectors``; rows here only
describe themselves.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.reactions.models import ReactionBase, one_reaction_each

# Nesting shown on the page: deeper replies are drawn at this depth with "replying to X".
MAX_VISUAL_DEPTH = 3


def _post_image_path(post: "Post", filename: str) -> str:
    return f"discussions/{post.course_id}/{now():%Y%m}/post-{now():%d%H%M%S%f}.jpg"


class Topic(models.Model):
    course = models.ForeignKey(
        "courses.Course", on_delete=models.CASCADE, related_name="discussion_topics"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_topics"
    )
    title = models.CharField(max_length=160)
    # A peer group's own thread: only its members and the teaching team see it, and it stays
    # off the course's discussion list.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="topics"
    )
    created_at = models.DateTimeField(default=now)
    pinned_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    # Mirrors the opening post's ``hidden_at`` (kept by the moderation service), so lists
    # can leave hidden topics out without a join per topic.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pinned_at", "-created_at"]
        indexes = [models.Index(fields=["course", "hidden_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "community:topic", kwargs={"course_slug": self.course.slug, "topic_id": self.pk}
        )

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Post(models.Model):
    """A topic's opening post (no parent, depth 0) or a reply to another post."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_posts"
    )
    body = models.TextField(blank=True, max_length=10_000)
    # ``body`` drawn once when written (discussions.mentions.prerender): the Markdown is
    # not rendered again on every view; only its mentions are drawn then.
    body_html = models.TextField(blank=True, editable=False)
    body_html_key = models.CharField(max_length=32, blank=True, editable=False)
    image = models.FileField(upload_to=_post_image_path, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_alt = models.CharField("image description", max_length=300, blank=True)
    created_at = models.DateTimeField(default=now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "hidden_at", "created_at"]),
            models.Index(fields=["course", "created_at"]),
            models.Index(fields=["parent", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in topic {self.topic_id}"

    def get_absolute_url(self) -> str:
        return reverse(
            "community:post", kwargs={"course_slug": self.course.slug, "post_id": self.pk}
        )

    @property
    def is_opening(self) -> bool:
        return self.parent_id is None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None

    @property
    def visual_depth(self) -> int:
        return min(self.depth, MAX_VISUAL_DEPTH)


class PostRevision(models.Model):
    """What a post said before one edit — the words replaced, and the title for an
    opening post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=160, blank=True)
    body = models.TextField(blank=True, max_length=10_000)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Revision {self.pk} of post {self.post_id}"


class PostMention(models.Model):
    """Someone a post named with a resolved @mention — kept so they hear of it once, even
    when the post is edited later."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="discussion_one_mention_each")
        ]

    def __str__(self) -> str:
        return f"Mention of {self.user_id} in post {self.post_id}"


class PostReaction(ReactionBase):
    target_field = "post"
    course_path = "course"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")

    class Meta:
        constraints = [one_reaction_each(target_field="post", name="discussion_one_reaction_each")]


class ReportOutcome(models.TextChoices):
    KEPT = "kept", "Kept — nothing wrong"
    HIDDEN = "hidden", "Hidden"


class PostReport(models.Model):
    """A member asked the teaching team to look at a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=ReportOutcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="discussion_one_open_report_each",
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} on post {self.post_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class TopicRead(models.Model):
    """How far one person has read one topic: every post with an id up to
    ``last_read_post_id`` has been on their screen."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    read_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="discussion_one_read_each")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read topic {self.topic_id} to {self.last_read_post_id}"
