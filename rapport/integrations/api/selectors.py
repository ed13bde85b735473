"""Reads for personal access tokens and for what a token may reach."""

from datetime import datetime

from django.db.models import Prefetch

from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.integrations.api.models import SECRET_PREFIX, ApiToken, secret_hash


def tokens_of(*, user) -> list[ApiToken]:
    """Someone's tokens, newest first, each with its courses (two queries)."""
    return list(
        ApiToken.objects.filter(user=user).prefetch_related(
            Prefetch("courses", queryset=Course.objects.order_by("title"))
        )
    )


def own_token(*, user, token_id: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=token_id).first()


def token_courses_choices(*, user):
    """The courses a new token may reach: those the person is an active member of."""
    return Course.objects.filter(
        memberships__user=user, memberships__status=MembershipStatus.ACTIVE
    ).order_by("archived_at", "title")


def usable_token(secret: str, *, at: datetime) -> ApiToken | None:
    """The token whose secret this is, if it still works (not revoked, not expired, its
    owner's account active) — one query. Looked up by the secret's hash, so the lookup
    says nothing about secrets that are close to a real one."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user").filter(hashed_secret=secret_hash(secret)).first()
    )
    if token is None or not token.is_usable(at):
        return None
    return token


def token_membership(*, token: ApiToken, course_slug: str) -> Membership | None:
    """The token owner's active membership of the course ``course_slug``, when the token
    is scoped to it — one query. None for anything else, which the API answers with 404."""
    membership = (
        Membership.objects.select_related("course")
        .filter(
            course__slug=course_slug,
            course__api_tokens=token,
            user_id=token.user_id,
            status=MembershipStatus.ACTIVE,
        )
        .first()
    )
    if membership is not None:
        membership.user = token.user
    return membership


def token_memberships(*, token: ApiToken):
    """The token owner's active memberships of the courses the token reaches."""
    return (
        Membership.objects.select_related("course")
        .filter(course__api_tokens=token, user_id=token.user_id, status=MembershipStatus.ACTIVE)
        .order_by("course__title", "course__pk")
    )
