"""Counting attempts in fixed windows, in the shared cache (in memory, or Redis with
REDIS_URL, where every web process counts together): the REST API's per-token budget and
the pages' limits on guessing (join codes) and on mass actions (invitations, API tokens).

A limit is a number of attempts per window of seconds for one key: a person, or an address
(the client IP, as allauth reads it behind ALLAUTH_TRUSTED_PROXY_COUNT proxies). Past it, a
page answers 429 with a friendly message and Retry-After (``too_many``)."""

import time
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    name: str  # what is counted: "join-code-miss"
    attempts: int
    seconds: int
    per: str = "user"  # "user": each signed-in person; "ip": each client address


def _window_key(limit: Limit, who: str, now: float) -> tuple[str, float]:
    window = int(now // limit.seconds)
    return f"rate:{limit.name}:{who}:{window}", limit.seconds - now % limit.seconds


def spend(limit: Limit, who: str) -> float:
    """Count one attempt by ``who``; 0 if it is within the limit, else the seconds until
    the window ends (when attempts may start again)."""
    key, left = _window_key(limit, who, time.time())
    # add() sets the counter only when it is new; incr() is atomic on Redis and under the
    # in-memory cache's lock, so two workers never both take the last attempt.
    cache.add(key, 0, timeout=limit.seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=limit.seconds * 2)
        count = 1
    return 0 if count <= limit.attempts else left


def spent(limit: Limit, who: str) -> float:
    """Like ``spend`` without counting: the seconds to wait if ``who`` has used every
    attempt of the window already, else 0."""
    key, left = _window_key(limit, who, time.time())
    return left if (cache.get(key) or 0) >= limit.attempts else 0


def client_ip(request: HttpRequest) -> str:
    from allauth.core.internal.httpkit import get_client_ip

    return get_client_ip(request) or "unknown"


def _who(limit: Limit, request: HttpRequest) -> str | None:
    if limit.per == "ip":
        return f"ip:{client_ip(request)}"
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if user is not None and user.is_authenticated else None


def attempt(request: HttpRequest, *limits: Limit) -> float:
    """Count this request against each of ``limits``; the seconds to wait if any is now
    past its number, else 0."""
    waits = [spend(limit, who) for limit in limits if (who := _who(limit, request))]
    return max(waits, default=0)


def must_wait(request: HttpRequest, *limits: Limit) -> float:
    """Whether ``limits`` are used up already for this request (without counting it): the
    seconds to wait, else 0."""
    waits = [spent(limit, who) for limit in limits if (who := _who(limit, request))]
    return max(waits, default=0)


def rate_limited(*limits: Limit, doing: str, methods=frozenset({"POST"})):
    """A view decorator: each request of ``methods`` counts against ``limits``; one past
    any of them gets the 429 page instead of the view."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods:
                wait = attempt(request, *limits)
                if wait:
                    return too_many(request, wait, doing=doing)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def too_many(request: HttpRequest, retry_after: float, *, doing: str) -> HttpResponse:
    """The 429 page: what was done too often, and when to try again."""
    seconds = max(1, int(retry_after + 0.999))
    minutes = (seconds + 59) // 60
    response = render(
        request,
        "core/too_many.html",
        {"doing": doing, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
