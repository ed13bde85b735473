"""Who may reach a recording: by link, by guessed id, through every media URL."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.models import MembershipStatus
from rapport.media.models import Audience, Caption
from rapport.media.selectors import media_visible_to
from rapport.media.services import media_attach
from rapport.media.testing import media_item_ready

ROLES = ("outsider", "learner", "other_learner", "ta", "instructor")


def urls_for(media):
    slug, media_id = media.course.slug, media.public_id
    return [
        reverse("media:status", args=[slug, media_id]),
        reverse("media:file", args=[slug, media_id, "playback"]),
        reverse("media:file", args=[slug, media_id, "poster"]),
        reverse("media:file", args=[slug, media_id, "original"]),
        reverse("media:captions", args=[slug, media_id]),
        reverse("media:captions_vtt", args=[slug, media_id, "en"]),
    ]


@pytest.fixture
def captioned(learner_media, cast):
    Caption.objects.create(
        media=learner_media,
        language="en",
        label="English",
        vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n",
    )
    return learner_media


def visible(cast, media) -> dict[str, bool]:
    return {role: media_visible_to(media=media, user=cast.by_role(role)) for role in ROLES}


def test_private_media_is_only_for_its_owner(cast, learner_media):
    assert visible(cast, learner_media) == {
        "outsider": False,
        "learner": True,
        "other_learner": False,
        "ta": False,
        "instructor": False,
    }


@pytest.mark.parametrize("role", ["other_learner", "ta", "instructor", "outsider"])
def test_nobody_else_reaches_a_learners_private_media_by_any_url(cast, client_for, captioned, role):
    client = client_for(role)
    for url in urls_for(captioned):
        assert client.get(url).status_code == 404, url


def test_the_owner_reaches_every_url(client_for, captioned):
    client = client_for("learner")
    for url in urls_for(captioned):
        assert client.get(url).status_code == 200, url


def test_anonymous_people_are_sent_to_sign_in(client_for, captioned):
    client = client_for("anonymous")
    for url in urls_for(captioned):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_guessed_id_is_404(cast, client_for, learner_media):
    url = reverse("media:status", args=[cast.course.slug, uuid.uuid4()])
    assert client_for("learner").get(url).status_code == 404


def test_media_is_only_reached_through_its_own_course(cast, client_for):
    theirs = media_item_ready(course=cast.other_course, owner=cast.outsider)
    url = reverse("media:file", args=[cast.course.slug, theirs.public_id, "playback"])
    assert client_for("learner").get(url).status_code == 404


def test_a_former_member_loses_their_own_media(cast, learner_media):
    cast.course.memberships.filter(user=cast.learner).update(status=MembershipStatus.LEFT)
    assert not media_visible_to(media=learner_media, user=cast.learner)


def test_a_private_note_reaches_its_one_learner(cast):
    note = media_item_ready(
        course=cast.course,
        owner=cast.instructor,
        audience=Audience.PRIVATE,
        audience_user=cast.learner,
    )
    assert visible(cast, note) == {
        "outsider": False,
        "learner": True,
        "other_learner": False,
        "ta": False,
        "instructor": True,
    }


def test_a_reply_for_the_teaching_team_reaches_staff_and_the_person_it_answers(cast):
    reply = media_item_ready(
        course=cast.course, owner=cast.learner, audience=Audience.STAFF, audience_user=cast.ta
    )
    assert visible(cast, reply) == {
        "outsider": False,
        "learner": True,
        "other_learner": False,
        "ta": True,
        "instructor": True,
    }


def test_a_scheduled_check_in_is_hidden_from_learners_until_it_is_released(cast, client_for):
    later = timezone.now() + timedelta(days=1)
    checkin = media_item_ready(
        course=cast.course, owner=cast.instructor, audience=Audience.COURSE, available_from=later
    )
    assert visible(cast, checkin) == {
        "outsider": False,
        "learner": False,
        "other_learner": False,
        "ta": True,
        "instructor": True,
    }
    url = reverse("media:file", args=[cast.course.slug, checkin.public_id, "playback"])
    assert client_for("learner").get(url).status_code == 404
    checkin.available_from = timezone.now() - timedelta(minutes=1)
    checkin.save()
    assert client_for("learner").get(url).status_code == 200


def test_only_the_owner_and_staff_get_the_original(cast, client_for):
    checkin = media_item_ready(course=cast.course, owner=cast.instructor, audience=Audience.COURSE)
    url = reverse("media:file", args=[cast.course.slug, checkin.public_id, "original"])
    assert client_for("learner").get(url).status_code == 404
    assert client_for("ta").get(url).status_code == 200
    captions = reverse("media:captions", args=[cast.course.slug, checkin.public_id])
    assert client_for("learner").get(captions).status_code == 404
    assert client_for("ta").get(captions).status_code == 200


def test_attaching_sets_who_may_watch(cast, learner_media):
    media_attach(
        media=learner_media,
        owner=cast.learner,
        course=cast.course,
        audience=Audience.STAFF,
        audience_user=cast.instructor,
    )
    learner_media.refresh_from_db()
    assert learner_media.audience == Audience.STAFF
    assert media_visible_to(media=learner_media, user=cast.ta)


@pytest.mark.parametrize(
    "who,course_name",
    [("other_learner", "course"), ("learner", "other_course")],
    ids=["not-the-owner", "another-course"],
)
def test_only_the_owner_can_attach_their_media_in_its_course(cast, learner_media, who, course_name):
    with pytest.raises(Refused) as refused:
        media_attach(
            media=learner_media,
            owner=cast.by_role(who),
            course=getattr(cast, course_name),
            audience=Audience.COURSE,
        )
    assert refused.value.code == "not_yours"
    learner_media.refresh_from_db()
    assert learner_media.audience == Audience.PRIVATE


def test_attached_media_cannot_be_moved_to_another_audience(cast, learner_media):
    media_attach(
        media=learner_media, owner=cast.learner, course=cast.course, audience=Audience.STAFF
    )
    with pytest.raises(Refused) as refused:
        media_attach(
            media=learner_media, owner=cast.learner, course=cast.course, audience=Audience.COURSE
        )
    assert refused.value.code == "already_shared"


def test_the_audience_person_must_be_in_the_course(cast, learner_media):
    with pytest.raises(Refused):
        media_attach(
            media=learner_media,
            owner=cast.learner,
            course=cast.course,
            audience=Audience.PRIVATE,
            audience_user=cast.outsider,
        )
