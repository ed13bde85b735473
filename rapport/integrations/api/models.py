"""Personal access tokens for the REST API (docs/api.md).

A token is one person's key to a few of their courses, read-only or read+write. Its
secret is shown once when it is made; only its SHA-256 hash is kept, with a short prefix
the person can recognise it by in their list."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.timezone import now

SECRET_PREFIX = "rap_"
# The part of the secret kept in the clear, to tell tokens apart in the list: the marker
# and eight characters of the 43 random ones, far too few to guess the rest from.
VISIBLE_CHARACTERS = len(SECRET_PREFIX) + 8
# How stale "last used" may get: the token's row is written at most this often, not on
# every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=VISIBLE_CHARACTERS)
    hashed_secret = models.CharField(max_length=64, unique=True)
    courses = models.ManyToManyField("courses.Course", related_name="api_tokens")
    can_write = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_label(self) -> str:
        return "Read and write" if self.can_write else "Read only"

    def is_expired(self, at: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (at or now())

    def is_usable(self, at: datetime | None = None) -> bool:
        return self.revoked_at is None and not self.is_expired(at) and self.user.is_active

    def needs_last_used_update(self, at: datetime) -> bool:
        return self.last_used_at is None or at - self.last_used_at >= LAST_USED_PRECISION
