"""Signing up, in and out with allauth, in Rapport's shell, with every email going through
the task queue after the transaction commits."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from rapport.core.testing.sign_up import CODE, confirm_code, sign_up
from rapport.factories import UserFactory

User = get_user_model()


@pytest.fixture
def person(db):
    return UserFactory(email="sam@example.test", preferred_name="Sam")


def signup_data(**overrides):
    return {
        "preferred_name": "Mere",
        "email": "mere@example.test",
        "password1": "a-long-river-song",
        "password2": "a-long-river-song",
        **overrides,
    }


def test_signup_creates_the_person_with_their_preferred_name(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    person = User.objects.get(email="mere@example.test")
    assert person.preferred_name == "Mere"
    assert person.check_password("a-long-river-song")


def test_signup_signs_in_once_the_emailed_code_is_typed(client, db):
    response = sign_up(client, email="mere@example.test")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    response = confirm_code(client, "mere@example.test")
    assert response.status_code == 302
    # Someone in no course yet lands on the course list (courses:start decides).
    assert response["Location"] == reverse("courses:start")
    person = User.objects.get(email="mere@example.test")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_signup_sends_the_verification_email_through_the_queue_after_commit(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("account_signup"), signup_data())
    assert mail.outbox == []  # nothing is sent inside the request's transaction
    assert callbacks

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mere@example.test"]
    assert message.subject.startswith("Rapport: ")
    assert CODE.search(message.body)  # typed on the next page, not a link to follow


def test_signup_needs_a_preferred_name(client, db):
    response = client.post(reverse("account_signup"), signup_data(preferred_name=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "What should we call you?" in page
    assert 'id="id_preferred_name_error"' in page
    assert 'aria-invalid="true"' in page
    assert not User.objects.filter(email="mere@example.test").exists()


def test_signing_in_with_a_password(client, person):
    response = client.post(
        reverse("account_login"), {"login": "sam@example.test", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    # Someone in no course yet lands on the course list (courses:start decides).
    assert response["Location"] == reverse("courses:start")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_wrong_password_is_explained_on_the_page(client, person):
    response = client.post(
        reverse("account_login"), {"login": "sam@example.test", "password": "nope-nope"}
    )
    assert response.status_code == 200
    assert 'class="errorlist nonfield"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_by_emailed_code(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": "sam@example.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    code = CODE.search(body).group(1)

    confirm = client.get(reverse("account_confirm_login_code"))
    assert confirm.status_code == 200
    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_password_reset_email(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "sam@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.test"]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body)
    assert link


@pytest.mark.parametrize(
    "url_name",
    [
        "account_signup",
        "account_login",
        "account_request_login_code",
        "account_reset_password",
        "account_reset_password_done",
    ],
)
def test_entrance_pages_render_in_the_shell(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="page page--narrow"' in page
    assert 'class="card"' in page or url_name == "account_reset_password_done"
    assert "Skip to content" in page  # Rapport's base.html, not allauth's bare layout


def test_sign_in_page_has_labelled_fields_and_the_code_option(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">' in page
    assert '<label for="id_password">' in page
    assert reverse("account_request_login_code") in page
    assert 'class="button' in page


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "account_logout"])
def test_account_management_pages_render_when_signed_in(client, person, url_name):
    client.force_login(person)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert 'class="page page--narrow"' in response.content.decode()


def test_adding_an_email_address_sends_a_verification(
    client, person, django_capture_on_commit_callbacks
):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "sam.new@example.test"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["sam.new@example.test"]]


def test_following_the_reset_link_sets_a_new_password(
    client, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "sam@example.test"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert '<label for="id_password1">' in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": "a-fresh-tide-pool", "password2": "a-fresh-tide-pool"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-fresh-tide-pool")


def test_html_alternative_and_headers_reach_the_queue(
    rf, db, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    from allauth.core.context import request_context
    from django.core.mail import EmailMultiAlternatives

    from rapport.accounts.adapter import AccountAdapter

    def render_mail(template_prefix, email, context, headers=None):
        message = EmailMultiAlternatives(
            "Rapport: Hello",
            "plain words",
            "Rapport <r@example.test>",
            [email],
            headers={"X-Kind": "greeting"},
        )
        message.attach_alternative("<p>warm words</p>", "text/html")
        return message

    adapter = AccountAdapter()
    monkeypatch.setattr(adapter, "render_mail", render_mail)
    with request_context(rf.get("/")), django_capture_on_commit_callbacks(execute=True):
        adapter.send_mail("account/email/anything", "kim@example.test", {})

    (message,) = mailoutbox
    assert (message.subject, message.body, message.to) == (
        "Rapport: Hello",
        "plain words",
        ["kim@example.test"],
    )
    assert message.alternatives[0][0] == "<p>warm words</p>"
    assert message.extra_headers["X-Kind"] == "greeting"
