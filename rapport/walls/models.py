"""Class walls: boards of cards a course (later a peer group) builds together.

Every change to a card bumps the board's ``revision`` and stamps the card with it, so a
page that lost its connection asks for what changed since the last revision it saw (a
deleted card stays as a tombstone for that). A card's ``version`` counts the changes to
what it says and where it sits: a move or an edit names the version it started from, and
one made from an older version is refused."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.reactions.models import ReactionBase, one_reaction_each

# The free wall is a grid of this many columns and rows; a card sits in one cell.
GRID_COLUMNS = 12
GRID_ROWS = 40
BODY_MAX = 2000
COMMENT_MAX = 1000


class Layout(models.TextChoices):
    WALL = "wall", "Free wall (cards anywhere on a grid)"
    COLUMNS = "columns", "Columns (named sections)"
    STREAM = "stream", "Stream (newest first)"


class WhoMayPost(models.TextChoices):
    EVERYONE = "everyone", "Everyone in the course"
    STAFF = "staff", "Only the teaching team"


class Board(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    # A peer group's own wall: only its members and the teaching team see it.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="boards"
    )
    title = models.CharField(max_length=120)
    prompt = models.TextField("what to add", blank=True, max_length=1000)
    layout = models.CharField(max_length=10, choices=Layout.choices, default=Layout.WALL)
    who_may_post = models.CharField(
        max_length=10, choices=WhoMayPost.choices, default=WhoMayPost.EVERYONE
    )
    # Cards by learners wait for staff approval before classmates see them.
    moderated = models.BooleanField("approve cards before the class sees them", default=False)
    # Learners may post "anonymous to classmates": staff still see who wrote it.
    allow_anonymous = models.BooleanField("let learners post anonymously", default=False)
    locked_at = models.DateTimeField(null=True, blank=True)
    # The "Introduce yourself" wall every course offers.
    is_intro = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-is_intro", "created_at", "pk"]
        indexes = [models.Index(fields=["course", "created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("walls:board", args=[self.course.slug, self.pk])

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class Section(models.Model):
    """A named column of a board laid out in columns."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class CardKind(models.TextChoices):
    TEXT = "text", "Text"
    IMAGE = "image", "Photo"
    LINK = "link", "Link"
    CLIP = "clip", "Voice or video clip"


class Colour(models.TextChoices):
    YELLOW = "yellow", "Yellow"
    BLUE = "blue", "Blue"
    GREEN = "green", "Green"
    PINK = "pink", "Pink"
    PURPLE = "purple", "Purple"
    WHITE = "white", "White"


class PreviewStatus(models.TextChoices):
    NONE = "", "No link"
    PENDING = "pending", "Fetching the preview"
    READY = "ready", "Preview ready"
    FAILED = "failed", "No preview"


def _card_image_path(card, filename: str) -> str:
    return f"walls/{card.board.course_id}/{card.board_id}/{card.public_name}.jpg"


class Card(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cards")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wall_cards"
    )
    kind = models.CharField(max_length=10, choices=CardKind.choices, default=CardKind.TEXT)
    body = models.TextField(blank=True, max_length=BODY_MAX)
    body_html = models.TextField(blank=True, editable=False)
    colour = models.CharField(max_length=10, choices=Colour.choices, default=Colour.YELLOW)
    # where it sits: a grid cell on a free wall, a section and an order in columns (and the
    # reading order everywhere)
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    x = models.PositiveSmallIntegerField(default=0)
    y = models.PositiveSmallIntegerField(default=0)
    position = models.IntegerField(default=0)
    anonymous = models.BooleanField(default=False)
    # None while a moderated board's card waits for staff
    approved_at = models.DateTimeField(null=True, blank=True)
    link_url = models.URLField(max_length=1000, blank=True)
    link_status = models.CharField(
        max_length=10, choices=PreviewStatus.choices, default=PreviewStatus.NONE, blank=True
    )
    link_title = models.CharField(max_length=200, blank=True)
    link_description = models.CharField(max_length=500, blank=True)
    link_image_url = models.URLField(max_length=1000, blank=True)
    link_site = models.CharField(max_length=100, blank=True)
    link_problem = models.CharField(max_length=200, blank=True)
    image = models.FileField(upload_to=_card_image_path, blank=True, max_length=300)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_alt = models.CharField("image description", max_length=300, blank=True)
    clip = models.ForeignKey(
        "media.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    revision = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "created_at", "pk"]
        indexes = [
            models.Index(fields=["board", "revision"]),
            models.Index(fields=["board", "deleted_at", "position"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(x__lt=GRID_COLUMNS) & models.Q(y__lt=GRID_ROWS),
                name="card_on_the_grid",
            )
        ]

    def __str__(self) -> str:
        return f"Card {self.pk} on board {self.board_id}"

    @property
    def public_name(self) -> str:
        return f"card-{self.pk}-v{self.version}"

    @property
    def is_visible_to_class(self) -> bool:
        return self.deleted_at is None and self.approved_at is not None


class CardComment(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=COMMENT_MAX)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on card {self.card_id}"


class CardReaction(ReactionBase):
    target_field = "card"
    course_path = "board__course"

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reactions")

    class Meta:
        constraints = [one_reaction_each(target_field="card", name="one_card_reaction_each")]
