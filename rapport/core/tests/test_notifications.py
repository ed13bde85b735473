import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from rapport.core import notifications
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification, NotificationOptOut
from rapport.core.selectors import NOTIFICATIONS_PER_PAGE

pytestmark = pytest.mark.django_db


def _notify(cast, recipient, **extra):
    return notifications.notify(
        recipient=recipient,
        kind=NotificationKind.MEMBER_JOINED,
        title="Sam joined Environmental Science 101",
        body="Say hello!",
        url="/c/env-sci/",
        course=cast.course,
        actor=cast.learner,
        **extra,
    )


def test_in_app_notification_counts_as_unread(cast):
    _notify(cast, cast.instructor)
    assert notifications.unread_count(cast.instructor) == 1


def test_nobody_is_notified_about_their_own_action(cast):
    assert (
        notifications.notify(
            recipient=cast.learner,
            kind=NotificationKind.MEMBER_JOINED,
            title="x",
            actor=cast.learner,
        )
        is None
    )


def test_unknown_kind_is_refused(cast):
    with pytest.raises(ValueError):
        notifications.notify(recipient=cast.instructor, kind="gossip", title="x")


def test_in_app_preference_sends_no_email(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(cast, cast.instructor)
    assert mail.outbox == []


def test_email_preference_sends_email_with_unsubscribe_link(
    cast, django_capture_on_commit_callbacks
):
    cast.instructor.preferred_channel = Channel.EMAIL
    cast.instructor.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(cast, cast.instructor)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.instructor.email]
    assert "Sam joined" in message.subject
    assert "/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_email_opt_out_for_a_kind_stops_only_that_kind(cast, django_capture_on_commit_callbacks):
    cast.instructor.preferred_channel = Channel.EMAIL
    cast.instructor.save()
    NotificationOptOut.objects.create(
        user=cast.instructor, kind=NotificationKind.MEMBER_JOINED, channel=Channel.EMAIL
    )
    with django_capture_on_commit_callbacks(execute=True):
        _notify(cast, cast.instructor)
        notifications.notify(
            recipient=cast.instructor, kind=NotificationKind.ROLE_CHANGED, title="Role"
        )
    assert [m.subject for m in mail.outbox] == ["Rapport: Role"]
    assert notifications.unread_count(cast.instructor) == 2


def test_opting_out_everywhere_stores_nothing(cast):
    for channel in (Channel.EMAIL, Channel.IN_APP):
        NotificationOptOut.objects.create(
            user=cast.instructor, kind=NotificationKind.MEMBER_JOINED, channel=channel
        )
    cast.instructor.preferred_channel = Channel.EMAIL
    cast.instructor.save()
    assert _notify(cast, cast.instructor) is None
    assert not Notification.objects.exists()


def test_email_waits_until_quiet_hours_end(cast, django_capture_on_commit_callbacks):
    user = cast.instructor
    user.preferred_channel = Channel.EMAIL
    user.timezone = "Europe/Oslo"
    user.quiet_hours_start = dt.time(21, 0)
    user.quiet_hours_end = dt.time(7, 30)
    user.save()
    # 23:00 in Oslo (UTC+1 in winter): quiet.
    with time_machine.travel(dt.datetime(2026, 12, 1, 22, 0, tzinfo=dt.UTC), tick=False):
        assert notifications.quiet_hours_end(user) == dt.datetime(2026, 12, 2, 6, 30, tzinfo=dt.UTC)
        with django_capture_on_commit_callbacks(execute=True):
            _notify(cast, user)
    assert mail.outbox == []
    scheduled = HUEY.scheduled()
    assert any(task.args == (Notification.objects.get().pk,) for task in scheduled)
    HUEY.storage.flush_schedule()


def test_outside_quiet_hours_sends_now(cast, django_capture_on_commit_callbacks):
    user = cast.instructor
    user.preferred_channel = Channel.EMAIL
    user.quiet_hours_start = dt.time(21, 0)
    user.quiet_hours_end = dt.time(7, 0)
    user.save()
    with time_machine.travel(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        assert notifications.quiet_hours_end(user) is None
        with django_capture_on_commit_callbacks(execute=True):
            _notify(cast, user)
    assert len(mail.outbox) == 1


def test_unsubscribe_link_opts_out_on_post_only(cast, client):
    token = notifications.unsubscribe_token(user=cast.learner, kind=NotificationKind.ROLE_CHANGED)
    url = reverse("core:unsubscribe", args=[token])
    assert client.get(url).status_code == 200
    assert not NotificationOptOut.objects.exists()
    response = client.post(url)
    assert b"unsubscribed" in response.content
    assert NotificationOptOut.objects.filter(
        user=cast.learner, kind=NotificationKind.ROLE_CHANGED, channel=Channel.EMAIL
    ).exists()


def test_tampered_unsubscribe_token_is_refused(cast, client):
    token = notifications.unsubscribe_token(user=cast.learner, kind=NotificationKind.ROLE_CHANGED)
    response = client.post(reverse("core:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert not NotificationOptOut.objects.exists()


def test_settings_page_saves_opt_outs(cast, client_for):
    client = client_for("learner")
    assert client.get(reverse("core:notification_settings")).status_code == 200
    ticked = {
        f"{kind}:{channel}": "on"
        for kind in NotificationKind.values
        for channel in (Channel.IN_APP, Channel.EMAIL)
        if not (kind == NotificationKind.ROLE_CHANGED and channel == Channel.EMAIL)
    }
    client.post(reverse("core:notification_settings"), ticked)
    assert set(
        NotificationOptOut.objects.filter(user=cast.learner).values_list("kind", "channel")
    ) == {(NotificationKind.ROLE_CHANGED, Channel.EMAIL)}


def test_notification_centre_lists_only_my_notifications(cast, client_for):
    _notify(cast, cast.instructor)
    notifications.notify(recipient=cast.ta, kind=NotificationKind.ROLE_CHANGED, title="TA only")
    response = client_for("instructor").get(reverse("core:notifications"))
    assert b"Sam joined" in response.content
    assert b"TA only" not in response.content


def test_the_notification_centre_pages_through_older_notifications(cast, client_for):
    start = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
    for n in range(NOTIFICATIONS_PER_PAGE + 5):
        with time_machine.travel(start + dt.timedelta(minutes=n), tick=False):
            notifications.notify(
                recipient=cast.ta, kind=NotificationKind.ROLE_CHANGED, title=f"Note number {n}"
            )
    client = client_for("ta")
    url = reverse("core:notifications")

    first = client.get(url).content.decode()
    newest = f"Note number {NOTIFICATIONS_PER_PAGE + 4}<"
    assert newest in first and "Note number 4<" not in first
    assert first.count("Note number ") == NOTIFICATIONS_PER_PAGE
    assert 'href="?page=2"' in first and "Page 1 of 2" in first

    second = client.get(url, {"page": 2}).content.decode()
    assert [f"Note number {n}<" in second for n in range(5)] == [True] * 5
    assert second.count("Note number ") == 5 and newest not in second
    # Out of range or not a number: the nearest page, not an error.
    assert "Page 2 of 2" in client.get(url, {"page": 99}).content.decode()
    assert "Page 1 of 2" in client.get(url, {"page": "x"}).content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(cast, client_for):
    notification = _notify(cast, cast.instructor)
    client = client_for("instructor")
    response = client.post(reverse("core:notification_open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/c/env-sci/"
    assert notifications.unread_count(cast.instructor) == 0


def test_cannot_open_someone_elses_notification(cast, client_for):
    notification = _notify(cast, cast.instructor)
    client_for("learner").post(reverse("core:notification_open", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_badge_shows_unread_count(cast, client_for):
    _notify(cast, cast.instructor)
    response = client_for("instructor").get(reverse("core:notification_badge"))
    assert b"data-unread-count >1</span>" in response.content


def test_read_all(cast, client_for):
    _notify(cast, cast.instructor)
    client_for("instructor").post(reverse("core:notification_read_all"))
    assert notifications.unread_count(cast.instructor) == 0
