"""The tool's signing keys. Rapport signs with its newest key (django-lti's
``Key.objects.active().latest()``) when it asks a platform for a service token or answers a
deep-linking request; platforms check those signatures against /lti/jwks.json, which they
may have cached. So a key that a rotation replaces stays in the JWKS for a while, and only
keys replaced longer ago than that leave it."""

from datetime import timedelta

from django.db import transaction
from django.utils.timezone import now
from lti_tool.models import Key

PREVIOUS_KEY_KEPT_FOR = timedelta(days=1)


def signing_key_ensure() -> Key:
    """The key Rapport signs with, made on first need (a fresh site has none)."""
    key = Key.objects.active().order_by("-datetime_created", "-pk").first()
    return key if key is not None else Key.objects.generate()


@transaction.atomic
def keys_rotate(*, keep_previous_for: timedelta = PREVIOUS_KEY_KEPT_FOR) -> tuple[Key, int]:
    """Make a new signing key; retire the keys replaced more than ``keep_previous_for``
    ago. Returns the new key and how many keys left the JWKS."""
    new_key = Key.objects.generate()
    return new_key, keys_retire_replaced(keep_previous_for=keep_previous_for)


def keys_retire_replaced(*, keep_previous_for: timedelta = PREVIOUS_KEY_KEPT_FOR) -> int:
    """Take out of the JWKS each active key whose successor is older than
    ``keep_previous_for``: tokens it signed have had that long to be checked."""
    keys = list(Key.objects.active().order_by("datetime_created", "pk"))
    cutoff = now() - keep_previous_for
    replaced = zip(keys, keys[1:], strict=False)
    retired = [older.pk for older, newer in replaced if newer.datetime_created <= cutoff]
    return Key.objects.filter(pk__in=retired).update(is_active=False)
