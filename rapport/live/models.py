"""Live class moments: a session the teaching team runs beside the video call, one
activity on screen at a time, answered from phones.

Anonymity: an anonymous activity's answers and upvotes hold no link to a participant.
Each carries ``respondent``, an HMAC of the participant's id keyed with the server's
secret key and a random ``salt`` of the activity, so "one answer each" still holds (a
unique constraint on activity + respondent) and a participant can change their answer,
while the row names nobody. The salt differs per activity (the same person's answers to two
activities cannot be matched) and is erased when the session closes, after which nobody
can recompute the hashes. See docs/live.md."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now

PROMPT_MAX = 200
ANSWER_MAX = 280
WORD_MAX = 24
GUEST_NAME_MAX = 40
# Letters and digits nobody misreads from a shared screen (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


class ActivityKind(models.TextChoices):
    WORD = "word", "One-word check-in"
    POLL = "poll", "Multiple-choice poll"
    SCALE = "scale", "1–5 scale"
    MOOD = "mood", "Mood meter"
    OPEN = "open", "Open question with upvotes"


# The mood meter's faces, best first: (value, face, words for screen readers).
MOOD_FACES = (
    ("great", "😄", "Great"),
    ("good", "🙂", "Good"),
    ("okay", "😐", "Okay"),
    ("low", "😕", "Low"),
    ("rough", "😢", "Rough"),
)
MOOD_VALUES = tuple(face[0] for face in MOOD_FACES)
SCALE_VALUES = (1, 2, 3, 4, 5)


def new_salt() -> str:
    return secrets.token_hex(16)


class LiveSession(models.Model):
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    join_code = models.CharField(max_length=CODE_LENGTH)
    guests_allowed = models.BooleanField("let guests join with the code", default=False)
    code_expires_at = models.DateTimeField()
    # Words refused in every one-word answer of the session, one per line.
    blocklist = models.TextField(blank=True)
    opened_at = models.DateTimeField(default=now)
    closed_at = models.DateTimeField(null=True, blank=True)
    current_activity = models.ForeignKey(
        "Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["course", "opened_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["join_code"],
                condition=Q(closed_at__isnull=True),
                name="live_code_unique_among_open",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def code_is_valid(self, at=None) -> bool:
        return self.is_open and (at or now()) < self.code_expires_at


class Activity(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=ActivityKind.choices)
    prompt = models.CharField(max_length=PROMPT_MAX)
    choices = models.JSONField(default=list, blank=True)
    anonymous = models.BooleanField(default=False)
    results_visible = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    # Words refused in this activity's one-word answers, one per line (added to the
    # session's own list).
    blocklist = models.TextField(blank=True)
    # Keys the anonymous respondent hashes; erased when the session closes.
    salt = models.CharField(max_length=32, blank=True, default=new_salt)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.prompt

    def respondent_for(self, participant_id: int) -> str:
        """The key of ``participant_id``'s answer here: for an anonymous activity a keyed
        hash nobody can turn back into the participant, else the participant's id."""
        if not self.anonymous:
            return f"p{participant_id}"
        if not self.salt:
            raise ValueError("This activity's session is closed: its answers are final.")
        message = f"{self.salt}:{participant_id}".encode()
        key = settings.SECRET_KEY.encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()


class Participant(models.Model):
    """Someone in a session: a course member (``user``) or a guest, who has only a name
    they chose and a random key kept in their browser's session."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    guest_name = models.CharField(max_length=GUEST_NAME_MAX, blank=True)
    guest_key = models.CharField(max_length=32, blank=True)
    joined_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="live_one_participant_per_user",
            ),
            models.UniqueConstraint(
                fields=["session", "guest_key"],
                condition=Q(user__isnull=True),
                name="live_one_participant_per_guest",
            ),
        ]

    def __str__(self) -> str:
        return self.guest_name or f"member {self.user_id}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class Answer(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="answers")
    # Empty for an anonymous activity: only ``respondent`` (a keyed hash) tells answers apart.
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    respondent = models.CharField(max_length=64)
    text = models.CharField(max_length=ANSWER_MAX, blank=True)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    changed_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "respondent"], name="live_one_answer_per_respondent"
            ),
            models.UniqueConstraint(
                fields=["activity", "participant"],
                condition=Q(participant__isnull=False),
                name="live_one_answer_per_participant",
            ),
        ]

    def __str__(self) -> str:
        return self.text or str(self.number)


class Upvote(models.Model):
    """A participant's +1 on an open answer; ``voter`` is their respondent key for the
    activity, so an anonymous activity's upvotes name nobody either."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="upvotes")
    voter = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "voter"], name="live_one_upvote_each")
        ]

    def __str__(self) -> str:
        return f"+1 on {self.answer_id}"
