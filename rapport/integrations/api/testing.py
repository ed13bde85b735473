"""API tokens for tests: ``token_make(person, ...)`` gives the secret, ``bearer(secret)`` the
header a test client sends it in."""

from datetime import datetime

from rapport.integrations.api.services import api_token_create


def token_make(
    person,
    *courses,
    can_write: bool = True,
    expires_at: datetime | None = None,
    name: str = "Test token",
) -> str:
    _, secret = api_token_create(
        user=person,
        name=name,
        course_ids=[course.pk for course in courses],
        can_write=can_write,
        expires_at=expires_at,
    )
    return secret


def bearer(secret: str | None) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}


def api_url(path: str) -> str:
    return "/api/v1" + path
