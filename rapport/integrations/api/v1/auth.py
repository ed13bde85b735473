"""Who is calling: a personal access token in ``Authorization: Bearer rap_…``, and nothing
else. The session cookie never authenticates the API, so a page on another site cannot
make a signed-in browser call it (no CSRF hole), and API calls need no CSRF token.

A read-only token is refused any write (403) before the course is even looked at. Each
token has its own request budget per minute, reads and writes counted apart (429 with
Retry-After when spent); the counters live in the cache, in memory or on Redis
(rapport.core.ratelimits)."""

import time

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from rapport.core.ratelimits import Limit, spend
from rapport.integrations.api.models import ApiToken
from rapport.integrations.api.selectors import usable_token
from rapport.integrations.api.services import api_token_used

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
READ_ONLY = "This token may only read. Make a token with read and write access to do this."
WINDOW_SECONDS = 60


class TokenBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        at = timezone.now()
        found = usable_token(token.strip(), at=at)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and not found.can_write:
            raise AuthorizationError(message=READ_ONLY)
        api_token_used(token=found, at=at)
        return found


def per_minute(request: HttpRequest) -> tuple[str, int]:
    if request.method in SAFE_METHODS:
        return "read", settings.API_READS_PER_MINUTE
    return "write", settings.API_WRITES_PER_MINUTE


class TokenRateThrottle(BaseThrottle):
    """A fixed one-minute window per token and kind: one cache increment per request."""

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        kind, attempts = per_minute(request)
        # Keyed by the token's hash, not its id: ids can be used again (a rolled-back test).
        limit = Limit(f"api-{kind}", attempts, WINDOW_SECONDS)
        return not spend(limit, token.hashed_secret[:24])

    def wait(self) -> float:
        # The same for every token (windows start on the minute), so this object, shared by
        # every request, keeps no state between allow_request() and wait().
        return WINDOW_SECONDS - time.time() % WINDOW_SECONDS
