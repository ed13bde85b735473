"""Nobody learns from Rapport's answers whether an email has an account: a password reset and
a sign-in code for an unknown email answer exactly as for a known one (the owner, if any, is
the one told, by email). With email verification mandatory, signing up with a taken email
does too: the same "check your email" answer, no second account, and a note to the owner."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
KNOWN, UNKNOWN = "sam@example.test", "nobody-here@example.test"
PASSWORDS = {"password1": "a-long-river-song", "password2": "a-long-river-song"}


@pytest.fixture
def owner(db):
    return UserFactory(email=KNOWN)


def same_answer(first, second) -> None:
    """The two responses a stranger could compare: status, where they lead, and the page,
    once the address typed (echoed back on some pages) and the CSRF token are set aside."""
    assert first.status_code == second.status_code
    assert first.get("Location") == second.get("Location")

    def page(response, typed):
        text = response.content.decode().replace(typed, "EMAIL")
        return re.sub(r"[A-Za-z0-9]{32,}", "TOKEN", text)

    assert page(first, KNOWN) == page(second, UNKNOWN)


def test_a_password_reset_answers_the_same_for_any_email(owner, django_capture_on_commit_callbacks):
    url = reverse("account_reset_password")
    with django_capture_on_commit_callbacks(execute=True):
        known = Client().post(url, {"email": KNOWN}, follow=True)
        unknown = Client().post(url, {"email": UNKNOWN}, follow=True)
    same_answer(known, unknown)
    assert known.status_code == 200
    # Each address's owner is the one told: a reset link, or that it has no account here.
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert set(sent) == {KNOWN, UNKNOWN}
    assert "/password/reset/key/" in sent[KNOWN] and "/password/reset/key/" not in sent[UNKNOWN]


def test_a_sign_in_code_is_asked_for_the_same_way_for_any_email(owner):
    url = reverse("account_request_login_code")
    known = Client().post(url, {"email": KNOWN})
    unknown = Client().post(url, {"email": UNKNOWN})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_confirm_login_code")


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_signing_up_with_a_taken_email_looks_like_any_sign_up(
    owner, django_capture_on_commit_callbacks
):
    def sign_up(email):
        form = {"preferred_name": "Mere", "email": email} | PASSWORDS
        return Client().post(reverse("account_signup"), form)

    with django_capture_on_commit_callbacks(execute=True):
        taken, new = sign_up(KNOWN), sign_up(UNKNOWN)
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact=KNOWN).count() == 1
    told = {message.to[0]: message.subject for message in mail.outbox}
    assert set(told) == {KNOWN, UNKNOWN}
    assert "already" in told[KNOWN].lower() or "account" in told[KNOWN].lower()


def test_with_optional_verification_a_taken_email_is_refused_by_allauth(owner):
    """What the default (optional verification) does, where allauth puts a unique email
    before hiding that it is taken; mandatory verification (above) hides it."""
    form = {"preferred_name": "Mere", "email": KNOWN} | PASSWORDS
    response = Client().post(reverse("account_signup"), form)
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=KNOWN).count() == 1
