"""A platform's public keys (its JWKS), fetched once per registration and kept a while.

pylti1p3 fetches the keyset on every launch; a busy course opening at nine o'clock would ask
the platform for the same keys hundreds of times. The set is kept in the cache per
registration, and fetched again at once when a token names a key (``kid``) the kept set
lacks: that is how a platform's key rotation shows, and it must not break launches."""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from lti_tool.models import LtiRegistration
from pylti1p3.exception import LtiException

KEY_SET_KEPT_FOR = 10 * 60  # seconds
# Tokens naming made-up kids (anyone can start a login) must not make Rapport ask the
# platform for its keys on every attempt: after one refetch for an unknown kid, the next
# waits this long. A refetch stores the platform's newest set, so a real rotation is
# still picked up unless it happens within these seconds of that refetch.
UNKNOWN_KID_REFETCH_EVERY = 30  # seconds


def _cache_key(registration: LtiRegistration) -> str:
    url = hashlib.sha256(registration.keyset_url.encode()).hexdigest()[:16]
    return f"lti:platform-jwks:{registration.uuid}:{url}"


def _names_kid(key_set: dict, kid: str | None) -> bool:
    return any(key.get("kid") == kid for key in key_set["keys"] if isinstance(key, dict))


def _checked(key_set) -> dict:
    if not isinstance(key_set, dict) or not isinstance(key_set.get("keys"), list):
        raise LtiException("Invalid response from the platform's keyset URL: no keys")
    return key_set


def platform_key_set(
    *, registration: LtiRegistration, kid: str | None, fetch: Callable[[str], object]
) -> dict:
    """The registration's JWKS holding ``kid`` if the platform has such a key: the kept
    set, or one ``fetch``ed from its keyset URL (and kept) when there is none yet or the
    kept one lacks ``kid``."""
    cache_key = _cache_key(registration)
    kept = cache.get(cache_key)
    if kept is not None and _names_kid(kept, kid):
        return kept
    if kept is not None and not cache.add(
        cache_key + ":refetched", True, UNKNOWN_KID_REFETCH_EVERY
    ):
        return kept
    key_set = _checked(fetch(registration.keyset_url))
    cache.set(cache_key, key_set, KEY_SET_KEPT_FOR)
    return key_set
