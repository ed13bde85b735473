"""Nobody learns from Rapport's answers whether an email has an account: a password reset and
a sign-in code for an unknown email answer exactly as for a known one (the owner, if any, is
the one told, by email). With email verification mandatory, the default, signing up with a
taken email does too: the same page asking for the emailed code, by the same redirects, no
second account, and a note to the owner instead of a code."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from rapport.core.testing.sign_up import (
    CODE,
    emailed_code,
    optional_verification,
    sign_up,
    sign_up_form,
)
from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
KNOWN, UNKNOWN = "sam@example.test", "nobody-here@example.test"


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


def sign_up_pair(next_url=None):
    """Two strangers sign up, one with the owner's address and one with a new address."""
    taken, new = Client(), Client()
    answers = (
        sign_up(taken, email=KNOWN, next=next_url, follow=True),
        sign_up(new, email=UNKNOWN, next=next_url, follow=True),
    )
    return (taken, new), answers


@pytest.mark.parametrize("from_join_link", [False, True], ids=["sign-up page", "join link"])
def test_signing_up_with_a_taken_email_looks_like_any_sign_up(owner, cast, from_join_link):
    next_url = f"/join/{cast.course.join_code}/" if from_join_link else None
    (taken, new), (taken_answer, new_answer) = sign_up_pair(next_url)
    # Both end on the page that asks for the emailed code, by the same redirect.
    assert taken_answer.redirect_chain == new_answer.redirect_chain
    assert new_answer.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    same_answer(taken_answer, new_answer)
    assert taken_answer.status_code == 200
    assert 'name="code"' in taken_answer.content.decode()
    # A code typed there is refused alike (the taken address's page has no code at all).
    wrong = {"code": "AAAA-AAAA"}
    same_answer(
        taken.post(reverse("account_email_verification_sent"), wrong),
        new.post(reverse("account_email_verification_sent"), wrong),
    )
    # No second account, nobody signed in; the owner is told instead of sent a code.
    assert User.objects.filter(email__iexact=KNOWN).count() == 1
    assert "_auth_user_id" not in taken.session and "_auth_user_id" not in new.session
    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {KNOWN, UNKNOWN}
    assert "already has a Rapport account" in told[KNOWN].body
    assert CODE.search(told[UNKNOWN].body) and not CODE.search(told[KNOWN].body)


def test_the_owner_of_a_taken_address_can_still_sign_in_by_code(owner):
    sign_up(Client(), email=KNOWN)
    client = Client()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": KNOWN})
    response = client.post(reverse("account_confirm_login_code"), {"code": emailed_code(KNOWN)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_with_optional_verification_a_taken_email_is_refused_by_allauth(owner):
    """What ACCOUNT_EMAIL_VERIFICATION=optional does, where allauth puts a unique email
    before hiding that it is taken; mandatory verification, the default, hides it."""
    with optional_verification():
        response = Client().post(reverse("account_signup"), sign_up_form(email=KNOWN))
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=KNOWN).count() == 1
