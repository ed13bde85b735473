"""A scheduled check-in can be changed, moved, sent now or cancelled by the course's staff
until it goes out — never after, and never by anyone else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.media.models import MediaItem
from rapport.presence import services
from rapport.presence.models import Message
from rapport.presence.tests.helpers import make_media

pytestmark = pytest.mark.django_db


def scheduled(cast, days=2, **kwargs):
    return services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Next week",
        body="Soon",
        release_at=timezone.now() + timedelta(days=days),
        **kwargs,
    )


def edit_url(cast, message):
    return reverse("presence:checkin_edit", args=[cast.course.slug, message.pk])


def test_a_ta_reschedules_and_rewords_the_instructors_checkin(cast, client_for):
    media = make_media(cast.course, cast.instructor)
    message = scheduled(cast, media_id=media.public_id)
    later = timezone.localtime(timezone.now() + timedelta(days=5), cast.course.zone())
    response = client_for("ta").post(
        edit_url(cast, message) + "?next=/c/env-sci/",
        {
            "title": "Week 4",
            "body": "New words",
            "release_at": later.strftime("%Y-%m-%dT%H:%M"),
            "next": "/c/env-sci/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/"
    message.refresh_from_db()
    assert (message.title, message.body, message.released_at) == ("Week 4", "New words", None)
    assert message.release_at == later.replace(second=0, microsecond=0)
    media.refresh_from_db()
    assert media.available_from == message.release_at


def test_an_empty_release_time_sends_it_now(cast, client_for):
    message = scheduled(cast)
    client_for("instructor").post(edit_url(cast, message), {"title": "Now", "body": "Hi"})
    message.refresh_from_db()
    assert message.released_at is not None


def test_a_past_time_or_no_title_is_refused_and_nothing_changes(cast, client_for):
    message = scheduled(cast)
    past = timezone.localtime(timezone.now() - timedelta(days=1), cast.course.zone())
    response = client_for("instructor").post(
        edit_url(cast, message),
        {"title": "", "body": "x", "release_at": past.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.title == "Next week" and message.released_at is None
    with pytest.raises(Refused):
        services.checkin_reschedule(
            message=message,
            actor=cast.instructor,
            title="T",
            body="x",
            release_at=timezone.now() - timedelta(days=1),
        )


def test_cancelling_deletes_it_and_its_recording(cast, client_for):
    media = make_media(cast.course, cast.instructor)
    message = scheduled(cast, media_id=media.public_id)
    url = reverse("presence:checkin_cancel", args=[cast.course.slug, message.pk])
    response = client_for("instructor").post(url, {"next": "/c/env-sci/"})
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/"
    assert not Message.objects.filter(pk=message.pk).exists()
    assert not MediaItem.objects.filter(pk=media.pk).exists()


def test_a_checkin_already_out_cannot_be_changed_or_cancelled(cast, client_for):
    message = services.checkin_post(
        course=cast.course, author=cast.instructor, title="Out", body="Hi"
    )
    client = client_for("instructor")
    assert client.get(edit_url(cast, message)).status_code == 404
    cancel = reverse("presence:checkin_cancel", args=[cast.course.slug, message.pk])
    assert client.post(cancel).status_code == 404
    with pytest.raises(Refused):
        services.checkin_cancel(message=message, actor=cast.instructor)
    assert Message.objects.filter(pk=message.pk).exists()


def test_learners_and_another_courses_staff_cannot(cast, client_for):
    message = scheduled(cast)
    assert client_for("learner").get(edit_url(cast, message)).status_code == 404
    assert client_for("outsider").get(edit_url(cast, message)).status_code == 404
    with pytest.raises(Refused):
        services.checkin_cancel(message=message, actor=cast.outsider)
    assert Message.objects.filter(pk=message.pk).exists()
