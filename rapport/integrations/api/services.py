"""Writes for personal access tokens: making one, revoking one, noting its use."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.integrations.api.models import VISIBLE_CHARACTERS, ApiToken, new_secret, secret_hash

NAME_MAX = 80
# Enough for every script and integration a person runs; a list longer than this is
# usually forgotten tokens, which are better revoked.
MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def api_token_create(
    *,
    user,
    name: str,
    course_ids,
    can_write: bool,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``user`` reaching ``course_ids`` (courses they are an active member
    of). Returns the token and its secret, which is not kept and cannot be shown again."""
    now = now or timezone.now()
    name = " ".join((name or "").split())
    if not name:
        raise Refused("Give the token a name, like “Gradebook sync”.", field="name")
    if len(name) > NAME_MAX:
        raise Refused(f"Keep the name to {NAME_MAX} characters.", field="name")
    wanted = {int(pk) for pk in course_ids or () if str(pk).isdigit()}
    if not wanted:
        raise Refused("Choose at least one course the token may reach.", field="courses")
    courses = list(
        Course.objects.filter(
            pk__in=wanted,
            memberships__user=user,
            memberships__status=MembershipStatus.ACTIVE,
        )
    )
    if len(courses) != len(wanted):
        raise Refused(
            "A token can only reach courses you are an active member of.", field="courses"
        )
    if expires_at is not None and expires_at <= now:
        raise Refused("Choose an expiry date in the future, or none.", field="expires_at")
    # Locking the person's memberships makes two tokens made at once count in turn.
    list(Membership.objects.select_for_update().filter(user=user))
    if active_token_count(user=user, now=now) >= MAX_ACTIVE_TOKENS:
        raise Refused(
            f"You already have {MAX_ACTIVE_TOKENS} tokens in use. Revoke one you no longer "
            "need first."
        )
    secret = new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:VISIBLE_CHARACTERS],
        hashed_secret=secret_hash(secret),
        can_write=bool(can_write),
        created_at=now,
        expires_at=expires_at,
    )
    token.courses.set(courses)
    return token, secret


def active_token_count(*, user, now: datetime) -> int:
    return (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .count()
    )


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by, now: datetime | None = None) -> None:
    """Stop ``token`` working at once. Only its owner may; revoking twice does nothing."""
    if token.user_id != by.pk:
        raise Refused("You can only revoke your own tokens.")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def api_token_used(*, token: ApiToken, at: datetime) -> None:
    """Note that ``token`` was used: a write at most once a minute, not one per request."""
    if token.needs_last_used_update(at):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
