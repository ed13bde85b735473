"""Class rituals: a prompt that comes back every week ("Win of the Week", "Shine Moments",
"Fun Friday"), each week's round of answers, and what the class does with them —
reactions, short replies, votes, featured posts.

Times: a ritual opens on a weekday at a wall-clock time in the *course's* time zone, so it
stays at 9:00 for the class when daylight saving time starts or ends. The arithmetic on one
ritual lives here; opening rounds and featuring are in
``rapport.community.rituals.services``."""

import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.reactions.models import ReactionBase, one_reaction_each
from rapport.core.text import render_markdown

POST_MAX = 1000
REPLY_MAX = 300
PROMPT_MAX = 4000


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class RitualPreset(models.TextChoices):
    WIN_OF_THE_WEEK = "win_of_the_week", "Win of the Week"
    SHINE_MOMENTS = "shine_moments", "Shine Moments"
    FUN_FRIDAY = "fun_friday", "Fun Friday question"
    CUSTOM = "custom", "My own"


class Featuring(models.TextChoices):
    STAFF = "staff", "The teaching team picks"
    VOTE = "vote", "Class vote"


# What each preset fills in; staff can change every part. Prompts: one per line, each
# week takes the next one.
PRESETS = {
    RitualPreset.WIN_OF_THE_WEEK: {
        "title": "Win of the Week",
        "prompts": "What's one win from your week — big or small? A reading finished, "
        "an idea that clicked, a walk you finally took: it all counts.",
        "weekday": Weekday.FRIDAY,
        "time_of_day": time(9, 0),
        "featuring": Featuring.STAFF,
    },
    RitualPreset.SHINE_MOMENTS: {
        "title": "Shine Moments",
        "prompts": "Tell us about a moment this week when you — or a classmate — shone. "
        "Who helped you, and how?",
        "weekday": Weekday.WEDNESDAY,
        "time_of_day": time(9, 0),
        "featuring": Featuring.STAFF,
    },
    RitualPreset.FUN_FRIDAY: {
        "title": "Fun Friday",
        "prompts": "\n".join(
            [
                "If you could be any animal for a day, which would you be — and why?",
                "What's the best thing you've eaten this week?",
                "Show us the view from where you study (or describe it!).",
                "What song has been stuck in your head lately?",
                "What's a small thing that made you smile this week?",
                "If you could have any superpower for the environment, what would it be?",
            ]
        ),
        "weekday": Weekday.FRIDAY,
        "time_of_day": time(12, 0),
        "featuring": Featuring.VOTE,
    },
    RitualPreset.CUSTOM: {
        "title": "",
        "prompts": "",
        "weekday": Weekday.MONDAY,
        "time_of_day": time(9, 0),
        "featuring": Featuring.STAFF,
    },
}


class Ritual(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="rituals")
    title = models.CharField(max_length=80)
    preset = models.CharField(
        max_length=20, choices=RitualPreset.choices, default=RitualPreset.CUSTOM
    )
    prompts = models.TextField(
        max_length=PROMPT_MAX,
        help_text="One prompt per line. Each week uses the next one, then it starts again.",
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.FRIDAY)
    time_of_day = models.TimeField("at", default=time(9, 0))
    open_days = models.PositiveSmallIntegerField(
        "stays open for (days)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    featuring = models.CharField(max_length=10, choices=Featuring.choices, default=Featuring.STAFF)
    paused_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["weekday", "time_of_day", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "community:ritual", kwargs={"course_slug": self.course.slug, "ritual_id": self.pk}
        )

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def by_vote(self) -> bool:
        return self.featuring == Featuring.VOTE

    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    def prompt_for(self, number: int) -> str:
        """Round ``number``'s prompt (1-based): the prompts take turns."""
        prompts = self.prompt_list() or [self.title]
        return prompts[(number - 1) % len(prompts)]

    def slot_on_or_before(self, at: datetime) -> datetime:
        """The latest scheduled opening at or before ``at``: this weekday at this
        wall-clock time in the course's time zone."""
        zone = self.course.zone()
        local = at.astimezone(zone)
        day = local.date() - timedelta(days=(local.weekday() - self.weekday) % 7)
        slot = datetime.combine(day, self.time_of_day, tzinfo=zone)
        if slot > at:
            slot = datetime.combine(day - timedelta(days=7), self.time_of_day, tzinfo=zone)
        return slot

    def slot_after(self, at: datetime) -> datetime:
        """The first scheduled opening after ``at``."""
        slot = self.slot_on_or_before(at)
        zone = self.course.zone()
        return datetime.combine(slot.date() + timedelta(days=7), self.time_of_day, tzinfo=zone)

    @property
    def upcoming_slot(self) -> datetime:
        """The next scheduled opening, for pages to show in the viewer's own zone (the
        weekday can differ from the course's: 9:00 Monday in Chicago is Monday 16:00 in
        Oslo, but 9:00 Monday in Tokyo is Sunday evening in Chicago)."""
        return self.slot_after(now())

    def closes_after(self, opens_at: datetime) -> datetime:
        """When a round opened at ``opens_at`` closes: ``open_days`` later on the course's
        calendar, at the same wall-clock time (not a fixed number of hours)."""
        zone = self.course.zone()
        local = opens_at.astimezone(zone)
        return datetime.combine(
            local.date() + timedelta(days=self.open_days), local.time(), tzinfo=zone
        )


class RitualRound(models.Model):
    """One week of a ritual. ``slot`` is the scheduled opening it stands for (one round per
    slot); ``opens_at`` is when it actually opened — earlier when staff opened it by hand."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    slot = models.DateTimeField()
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    prompt = models.TextField(max_length=PROMPT_MAX)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notified_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["ritual", "slot"], name="ritual_round_per_slot"),
            models.UniqueConstraint(fields=["ritual", "number"], name="ritual_round_number"),
        ]
        indexes = [models.Index(fields=["settled_at", "closes_at"], name="ritual_round_due")]

    def __str__(self) -> str:
        return f"{self.ritual} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "community:ritual_round",
            kwargs={"course_slug": self.ritual.course.slug, "round_id": self.pk},
        )

    def is_open(self, at: datetime | None = None) -> bool:
        at = at or now()
        return self.opens_at <= at < self.closes_at

    @property
    def prompt_html(self):
        return render_markdown(self.prompt)


def _photo_path(post: "RitualPost", filename: str) -> str:
    # Unguessable, and served only through a view that checks course membership.
    return f"rituals/{post.round_id}/{uuid.uuid4().hex}-{filename}"


class RitualPost(models.Model):
    """One person's answer to one round: words, a photo, a voice clip — at least one."""

    round = models.ForeignKey(RitualRound, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ritual_posts"
    )
    body = models.TextField(max_length=POST_MAX, blank=True)
    photo = models.ImageField(upload_to=_photo_path, blank=True, max_length=200)
    photo_thumb = models.ImageField(upload_to=_photo_path, blank=True, max_length=200)
    photo_alt = models.CharField("photo description", max_length=200, blank=True)
    media = models.ForeignKey(
        "media.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_at = models.DateTimeField(null=True, blank=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "author"], name="ritual_post_per_person")
        ]
        indexes = [models.Index(fields=["round", "featured_at"], name="ritual_post_featured")]

    def __str__(self) -> str:
        return f"Post {self.pk} in round {self.round_id}"

    def get_absolute_url(self) -> str:
        return reverse(
            "community:ritual_post",
            kwargs={"course_slug": self.round.ritual.course.slug, "post_id": self.pk},
        )

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None

    @property
    def body_html(self):
        return render_markdown(self.body)


class RitualReaction(ReactionBase):
    target_field = "post"
    course_path = "round__ritual__course"

    post = models.ForeignKey(RitualPost, on_delete=models.CASCADE, related_name="reactions")

    class Meta:
        constraints = [
            one_reaction_each(target_field="post", name="ritual_reaction_once_per_emoji")
        ]


class RitualReply(models.Model):
    post = models.ForeignKey(RitualPost, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=REPLY_MAX)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Reply {self.pk} to {self.post_id}"

    @property
    def body_html(self):
        return render_markdown(self.body)


class RitualVote(models.Model):
    """A class-vote ritual's vote: one per person per round, never for their own post."""

    round = models.ForeignKey(RitualRound, on_delete=models.CASCADE, related_name="votes")
    post = models.ForeignKey(RitualPost, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="ritual_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"Vote for {self.post_id}"
