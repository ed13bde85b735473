"""Nobody reaches what is not theirs: another learner's notes, feedback, replies or
conversations, by link or by guessing ids; and a scheduled check-in stays hidden from
learners until it is released — in the feed, by its URL and its recording."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.courses.models import Role
from rapport.factories import MembershipFactory
from rapport.presence import services
from rapport.presence.models import MessageView, Reaction, Reply, Tone

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/messages/"


def private_urls(message, learner) -> list[str]:
    return [
        f"{BASE}{message.pk}/",
        f"{BASE}{message.pk}/with/{learner.pk}/",
    ]


@pytest.mark.parametrize("kind", ["note", "feedback"])
def test_another_learner_cannot_reach_a_personal_message_by_its_link(
    cast, client_for, note, feedback, kind
):
    message = note if kind == "note" else feedback
    client = client_for("other_learner")
    for url in private_urls(message, cast.learner):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"body": "peek"}).status_code in (404, 405), url
    assert client.post(f"{BASE}{message.pk}/watched/").status_code == 404
    assert client.post(f"{BASE}{message.pk}/react/", {"emoji": "👍"}).status_code == 404
    assert not Reply.objects.exists()
    assert not Reaction.objects.exists()
    assert not MessageView.objects.exists()


def test_guessing_ids_finds_nothing_of_another_learner(cast, client_for, note, feedback, checkin):
    services.reply_post(message=note, thread_learner=cast.learner, author=cast.learner, body="x")
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.learner, body="mine"
    )
    client = client_for("other_learner")
    for message_id in range(1, note.pk + feedback.pk + 10):
        response = client.get(f"{BASE}{message_id}/")
        if message_id == checkin.pk:
            assert response.status_code == 200
            assert "mine" not in response.content.decode()
        else:
            assert response.status_code == 404, message_id
        for user_id in (cast.learner.pk, cast.instructor.pk, cast.ta.pk):
            assert client.get(f"{BASE}{message_id}/with/{user_id}/").status_code == 404


def test_learners_never_see_each_others_checkin_replies(cast, client_for, checkin):
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.learner, body="I struggled"
    )
    client = client_for("other_learner")
    assert client.get(f"{BASE}{checkin.pk}/with/{cast.learner.pk}/").status_code == 404
    own = client.get(f"{BASE}{checkin.pk}/").content.decode()
    assert "I struggled" not in own
    feed = client.get(BASE).content.decode()
    assert "I struggled" not in feed


def test_other_staff_cannot_open_the_conversation_of_a_note_they_did_not_write(
    cast, client_for, note
):
    services.reply_post(
        message=note, thread_learner=cast.learner, author=cast.learner, body="Between us"
    )
    url = f"{BASE}{note.pk}/with/{cast.learner.pk}/"
    assert client_for("ta").get(url).status_code == 404
    assert client_for("ta").post(url, {"body": "butting in"}).status_code == 404
    assert client_for("instructor").get(url).status_code == 200


def test_a_learner_cannot_open_a_conversation_under_someone_elses_name(cast, client_for, checkin):
    url = f"{BASE}{checkin.pk}/with/{cast.other_learner.pk}/"
    assert client_for("learner").post(url, {"body": "as someone else"}).status_code == 404
    assert not Reply.objects.exists()


def test_staff_conversations_are_only_with_learners(cast, client_for, checkin):
    url = f"{BASE}{checkin.pk}/with/{cast.ta.pk}/"
    assert client_for("instructor").get(url).status_code == 404


def test_unreleased_checkin_is_hidden_from_learners_everywhere(cast, client_for, media_for):
    media = media_for()
    scheduled = services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="A surprise",
        media_id=media.public_id,
        release_at=timezone.now() + timedelta(days=2),
    )
    client = client_for("learner")
    assert "A surprise" not in client.get(BASE).content.decode()
    assert client.get(f"{BASE}{scheduled.pk}/").status_code == 404
    assert client.get(f"{BASE}{scheduled.pk}/with/{cast.learner.pk}/").status_code == 404
    assert client.post(f"{BASE}{scheduled.pk}/react/", {"emoji": "👍"}).status_code == 404
    assert client.post(f"{BASE}{scheduled.pk}/watched/").status_code == 404
    playback = f"/c/env-sci/media/{media.public_id}/playback/"
    assert client.get(playback).status_code == 404
    staff = client_for("ta")
    assert staff.get(f"{BASE}{scheduled.pk}/").status_code == 200
    assert "A surprise" in staff.get(BASE).content.decode()


def test_a_personal_recording_cannot_be_fetched_by_another_learner(cast, client_for, media_for):
    media = media_for()
    services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.OTHER,
        media_id=media.public_id,
    )
    playback = f"/c/env-sci/media/{media.public_id}/playback/"
    assert client_for("other_learner").get(playback).status_code == 404
    assert client_for("learner").get(playback).status_code in (200, 206)


def test_messages_of_another_course_are_not_reachable_through_this_one(cast, client_for):
    poetry_learner = MembershipFactory(course=cast.other_course, role=Role.LEARNER).user
    elsewhere = services.note_send(
        course=cast.other_course,
        author=cast.outsider,
        recipient=poetry_learner,
        tone=Tone.OTHER,
        body="Poetry only",
    )
    for role in ("learner", "instructor"):
        assert client_for(role).get(f"{BASE}{elsewhere.pk}/").status_code == 404


def test_outsiders_and_former_members_get_404(cast, client_for, checkin):
    assert client_for("outsider").get(BASE).status_code == 404
    assert client_for("outsider").get(f"{BASE}{checkin.pk}/").status_code == 404
    cast.course.memberships.filter(user=cast.learner).update(status="removed")
    assert client_for("learner").get(f"{BASE}{checkin.pk}/").status_code == 404
