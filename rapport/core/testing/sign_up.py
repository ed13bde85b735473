"""Signing up and confirming the emailed code, as a person does, with Django's test client.

Email verification is mandatory: the sign-up form leads to the page that asks for the code
emailed to the new address, and only that code signs the person in, on to where they were
going (``next``). Emails leave after the transaction commits, which a test's transaction
never does, so these run the waiting on-commit work themselves: don't call them inside a
``django_capture_on_commit_callbacks`` block, whose exit would run it again."""

import re

from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

PASSWORD = "a-long-river-song"
# allauth's codes: two groups of four letters and digits, alone on their line.
CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


def sign_up_form(*, email: str, preferred_name: str = "Mere", **fields) -> dict:
    """What the sign-up form posts, with a matching password typed twice."""
    return {
        "preferred_name": preferred_name,
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }


def sign_up(client, *, email: str, next: str | None = None, follow: bool = False, **fields):
    """Post the sign-up form — from the page ``next`` names, as a join link's or an
    invitation's "Sign up" does — and send the email it leaves for after the commit."""
    url = reverse("account_signup")
    data = sign_up_form(email=email, **fields)
    if next:
        url += f"?next={next}"
        data["next"] = next
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data, follow=follow)


def emailed_code(email: str) -> str:
    """The code in the latest email that reached ``email``."""
    for message in reversed(mail.outbox):
        if email in message.to and (found := CODE.search(message.body)):
            return found.group(1)
    raise AssertionError(f"No code was emailed to {email}.")


def confirm_code(client, email: str, *, follow: bool = False):
    """Type the code emailed to ``email`` on the page that asks for it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("account_email_verification_sent"),
            {"code": emailed_code(email)},
            follow=follow,
        )


def sign_up_and_confirm(client, *, email: str, follow: bool = False, **kwargs):
    """Sign up, check that the next page is the one asking for the code, and type it:
    the response is where the person goes once signed in."""
    response = sign_up(client, email=email, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("account_email_verification_sent")
    return confirm_code(client, email, follow=follow)


def optional_verification():
    """The settings and URLs of a site run with ACCOUNT_EMAIL_VERIFICATION=optional
    (rapport.settings): signed in at once, the address confirmed later by a link."""
    return override_settings(
        ACCOUNT_EMAIL_VERIFICATION="optional",
        ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED=False,
        ROOT_URLCONF="rapport.core.testing.link_confirmation_urls",
    )
