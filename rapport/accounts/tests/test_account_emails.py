"""allauth's emails speak as Rapport and link to SITE_URL, whatever host the request used."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from rapport.core.testing.sign_up import CODE, optional_verification, sign_up_form
from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db
SITE = "https://rapport.example.edu"
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def a_client(client):
    # The request arrives on some other host and port, as behind a proxy or on a dev port.
    client.defaults["HTTP_HOST"] = "127.0.0.1:1100"
    return client


def sent(django_capture_on_commit_callbacks, action):
    with django_capture_on_commit_callbacks(execute=True):
        action()
    assert mail.outbox, "no email was sent"
    return mail.outbox


def assert_speaks_as_rapport(message):
    assert message.subject.startswith("Rapport: ")
    assert "Hello from" not in message.body
    assert "127.0.0.1" not in message.body and "example.com" not in message.body
    assert "Warm wishes,\nRapport\n" + SITE + "/" in message.body
    links = LINK.findall(message.body)
    assert links
    assert all(link.startswith(SITE + "/") for link in links), links


@pytest.fixture
def person(db):
    return UserFactory(email="sam@example.test", preferred_name="Sam")


def test_the_sign_up_confirmation(client, settings, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["*"]
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: a_client(client).post(
            reverse("account_signup"), sign_up_form(email="mere@example.test")
        ),
    )
    assert_speaks_as_rapport(message)
    assert message.body.startswith("Hello Mere,")
    assert "Type it into the Rapport page that asked for it." in message.body
    assert CODE.search(message.body)
    assert "/accounts/confirm-email/" not in message.body


def test_the_sign_up_confirmation_link_with_optional_verification(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]
    with optional_verification():
        [message] = sent(
            django_capture_on_commit_callbacks,
            lambda: a_client(client).post(
                reverse("account_signup"), sign_up_form(email="mere@example.test")
            ),
        )
    assert_speaks_as_rapport(message)
    assert f"{SITE}/accounts/confirm-email/" in message.body
    assert not CODE.search(message.body)


def test_the_note_to_the_owner_of_an_address_signed_up_with_again(
    client, settings, person, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: a_client(client).post(reverse("account_signup"), sign_up_form(email=person.email)),
    )
    assert message.to == [person.email]
    assert_speaks_as_rapport(message)
    assert "it already has a Rapport account" in message.body
    assert f"{SITE}/accounts/login/" in message.body
    assert f"{SITE}/accounts/password/reset/" in message.body
    assert not CODE.search(message.body)


def test_the_password_reset(client, settings, person, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["*"]
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: a_client(client).post(reverse("account_reset_password"), {"email": person.email}),
    )
    assert_speaks_as_rapport(message)
    assert f"{SITE}/accounts/password/reset/key/" in message.body


def test_the_reset_for_an_unknown_address(client, settings, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["*"]
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: a_client(client).post(
            reverse("account_reset_password"), {"email": "nobody@example.test"}
        ),
    )
    assert_speaks_as_rapport(message)
    assert f"{SITE}/accounts/signup/" in message.body


def test_the_sign_in_code(client, settings, person, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["*"]
    [message] = sent(
        django_capture_on_commit_callbacks,
        lambda: a_client(client).post(
            reverse("account_request_login_code"), {"email": person.email}
        ),
    )
    assert message.subject.startswith("Rapport: ")
    assert message.body.startswith("Hello,")
    assert "Hello from" not in message.body and "127.0.0.1" not in message.body
