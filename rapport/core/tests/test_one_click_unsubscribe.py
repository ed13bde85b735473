"""RFC 8058 one-click unsubscribe: a mail provider's POST to the List-Unsubscribe URL works
without a session or CSRF token; the signed token is the credential."""

import pytest
from django.core import mail
from django.test import Client

from rapport.core import notifications
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import NotificationOptOut

pytestmark = pytest.mark.django_db
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def emailed_unsubscribe_url(cast, django_capture_on_commit_callbacks) -> str:
    cast.learner.preferred_channel = Channel.EMAIL
    cast.learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            recipient=cast.learner,
            kind=NotificationKind.ROLE_CHANGED,
            title="You're now a learner",
            course=cast.course,
            actor=cast.instructor,
        )
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return message.extra_headers["List-Unsubscribe"].strip("<>")


def test_a_providers_one_click_post_unsubscribes_without_csrf(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://rapport.example.edu"
    url = emailed_unsubscribe_url(cast, django_capture_on_commit_callbacks)
    assert url.startswith("https://rapport.example.edu/unsubscribe/")
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(url.removeprefix(settings.SITE_URL), ONE_CLICK)
    assert response.status_code == 200
    assert NotificationOptOut.objects.filter(
        user=cast.learner, kind=NotificationKind.ROLE_CHANGED, channel=Channel.EMAIL
    ).exists()


def test_a_one_click_post_with_a_forged_token_changes_nothing(cast):
    token = notifications.unsubscribe_token(user=cast.learner, kind=NotificationKind.ROLE_CHANGED)
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(f"/unsubscribe/{token[:-3]}abc/", ONE_CLICK)
    assert response.status_code == 400
    assert not NotificationOptOut.objects.exists()


def test_other_forms_still_need_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.learner)
    assert client.post("/notifications/read-all/").status_code == 403
