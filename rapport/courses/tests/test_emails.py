"""The invitation email: what it says and how it leaves (through the task queue, after the
transaction commits)."""

import pytest
from django.core import mail
from huey.api import TaskWrapper

from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.models import Invitation, Role
from rapport.courses.services import invitations

pytestmark = pytest.mark.django_db


def invite(cast, emails="ada@example.org", role=Role.LEARNER):
    return services.invitations_send(
        course=cast.course, inviter=cast.instructor, emails=[emails], role=role
    )


def test_invitation_email_names_the_course_and_carries_the_accept_link(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://rapport.example.edu"
    with django_capture_on_commit_callbacks(execute=True):
        invite(cast, role=Role.TA)
    invitation = Invitation.objects.get()
    [message] = mail.outbox
    link = f"https://rapport.example.edu/invitations/{invitation.token}/"
    assert message.to == ["ada@example.org"]
    assert message.subject == "Rapport: Instructor invited you to Environmental Science 101"
    assert link in message.body
    assert "as teaching assistant" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html


def test_invitation_email_goes_through_the_task_queue_after_commit(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    assert isinstance(invitations.send_email, TaskWrapper)
    queued = []
    monkeypatch.setattr(invitations, "send_email", lambda **kwargs: queued.append(kwargs))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(cast, "a@example.org b@example.org")
    assert queued == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(call["to"][0] for call in queued) == ["a@example.org", "b@example.org"]


def test_no_email_when_the_invitation_is_refused(cast, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Refused),
    ):
        invite(cast, "good@example.org, bad@")
    assert mail.outbox == []
