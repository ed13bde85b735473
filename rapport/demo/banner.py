"""The demo's sign-ins, for ``manage.py serve`` to print once Rapport is running."""

from django.contrib.auth import get_user_model
from django.db import DatabaseError

from rapport.demo.people import SIGN_INS, sign_in_lines


def sign_in_banner() -> list[str]:
    """The sign-ins, but only once the demo is seeded: before that they lead nowhere."""
    if not _demo_is_seeded():
        return []
    return ["Demo sign-ins:", *sign_in_lines()]


def _demo_is_seeded() -> bool:
    emails = [email for email, _ in SIGN_INS]
    try:
        return get_user_model().objects.filter(email__in=emails).count() == len(emails)
    except DatabaseError:  # not migrated yet: there is nothing to sign in to
        return False
