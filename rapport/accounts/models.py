import functools
import zoneinfo
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.timezone import now

from rapport.accounts.names import validate_plain_name_text
from rapport.core.enums import Channel


def _photo_path(user: "User", filename: str) -> str:
    return f"profiles/{user.pk}/photo-{now():%Y%m%d%H%M%S}.jpg"


def _thumb_path(user: "User", filename: str) -> str:
    return f"profiles/{user.pk}/thumb-{now():%Y%m%d%H%M%S}.jpg"


def _pronunciation_path(user: "User", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1][:5] if "." in filename else "audio"
    return f"profiles/{user.pk}/pronunciation-{now():%Y%m%d%H%M%S}.{suffix}"


def time_zone_choices() -> list[tuple[str, str]]:
    """The zones this machine's tzdata knows, for selects and validation. Fields take this
    function rather than its list, so migrations name the function instead of freezing one
    host's list of zones (which differs between machines and tzdata releases)."""
    return list(_zones_with_labels())


@functools.cache
def _zones_with_labels() -> tuple[tuple[str, str], ...]:
    # Listing the zones walks the tzdata folders: once per process is enough.
    return tuple(sorted((name, name.replace("_", " ")) for name in zoneinfo.available_timezones()))


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        """Also what ``manage.py createsuperuser`` calls. The operator typed the address on
        the server, so it is recorded as verified: with email verification mandatory, the
        first administrator of a site whose email is not set up yet can still sign in."""
        from rapport.accounts.services import email_addresses_mark_verified

        extra.update(is_staff=True, is_superuser=True)
        with transaction.atomic(using=self._db):
            user = self._create_user(email, password, **extra)
            email_addresses_mark_verified(users=[user])
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in by email; the profile lives on the same row because every page
    that names a person needs it, and a join per avatar would cost a query per face."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150, blank=True, validators=[validate_plain_name_text])
    preferred_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="What you'd like to be called.",
        validators=[validate_plain_name_text],
    )
    pronouns = models.CharField(max_length=40, blank=True, validators=[validate_plain_name_text])
    pronunciation_text = models.CharField(
        "how to say my name",
        max_length=120,
        blank=True,
        help_text='For example "AH-roh-hah".',
        validators=[validate_plain_name_text],
    )
    pronunciation_audio = models.FileField(upload_to=_pronunciation_path, blank=True)
    photo = models.ImageField(upload_to=_photo_path, blank=True)
    photo_thumb = models.ImageField(upload_to=_thumb_path, blank=True)
    timezone = models.CharField(max_length=64, default="UTC", choices=time_zone_choices)
    # False until the person picks (or confirms) a zone: "UTC" may be only the default, and
    # pages say so rather than show a local time that is probably wrong.
    timezone_chosen = models.BooleanField(default=False)
    preferred_channel = models.CharField(
        max_length=20,
        choices=Channel.preference_choices(),
        default=Channel.IN_APP,
        help_text="Where you'd like to hear from Rapport.",
    )
    about = models.TextField("about me", max_length=600, blank=True)
    quiet_hours_start = models.TimeField(
        null=True, blank=True, help_text="No emails between these times."
    )
    quiet_hours_end = models.TimeField(null=True, blank=True)

    # What classmates may see. Staff of a shared course always see everything; a course in
    # "young learners" mode hides photo, about and pronunciation clip from peers regardless.
    show_photo_to_peers = models.BooleanField("classmates may see my photo", default=True)
    show_pronouns_to_peers = models.BooleanField("classmates may see my pronouns", default=True)
    show_about_to_peers = models.BooleanField("classmates may see my about me", default=True)
    show_pronunciation_to_peers = models.BooleanField(
        "classmates may hear my name recording", default=True
    )
    show_local_time_to_peers = models.BooleanField("classmates may see my local time", default=True)

    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=now)
    profile_completed_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["preferred_name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.email.split("@")[0]

    @property
    def initials(self) -> str:
        words = self.display_name.split()
        return "".join(word[0] for word in words[:2]).upper() or "?"

    def get_full_name(self) -> str:
        return self.full_name or self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start is not None and end is None:
            raise ValidationError(
                {
                    "quiet_hours_end": "Add an end time too — quiet hours need both a start "
                    "and an end (or leave both empty)."
                }
            )
        if end is not None and start is None:
            raise ValidationError(
                {
                    "quiet_hours_start": "Add a start time too — quiet hours need both a "
                    "start and an end (or leave both empty)."
                }
            )
        if start is not None and start == end:
            raise ValidationError(
                {"quiet_hours_end": "Quiet hours need to end at a different time than they start."}
            )

    @property
    def missing_profile_fields(self) -> list[str]:
        """What a person still needs to add for their profile to count as complete."""
        missing = []
        if not self.preferred_name:
            missing.append("preferred name")
        if not self.photo:
            missing.append("photo")
        if not self.about:
            missing.append("about me")
        return missing

    @property
    def profile_is_complete(self) -> bool:
        return not self.missing_profile_fields

    @property
    def timezone_unknown(self) -> bool:
        """In UTC only because nobody chose a zone: any other zone was put there on purpose
        (by the person, a roster import or the demo), so it counts as known."""
        return not self.timezone_chosen and self.timezone == "UTC"

    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def local_now(self, at: datetime | None = None) -> datetime:
        return (at or now()).astimezone(self.zone())

    def in_quiet_hours(self, at: datetime | None = None) -> bool:
        if self.quiet_hours_start is None or self.quiet_hours_end is None:
            return False
        local = self.local_now(at).time()
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start <= end:
            return start <= local < end
        return local >= start or local < end  # spans midnight, e.g. 21:00–07:00
