"""media:status and media/_player.html: a player that waits, explains, or plays."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from rapport.media.models import Audience, Caption, MediaItem, MediaKind, MediaStatus
from rapport.media.testing import media_item_ready


def status_url(media):
    return reverse("media:status", args=[media.course.slug, media.public_id])


@pytest.fixture
def processing(cast):
    return MediaItem.objects.create(
        course=cast.course, owner=cast.learner, original="media/x/original.webm"
    )


def test_while_processing_the_partial_polls_every_two_seconds(client_for, processing):
    response = client_for("learner").get(status_url(processing), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Processing your recording…" in html
    assert f'data-media-id="{processing.public_id}"' in html
    assert f'hx-get="{status_url(processing)}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'hx-swap="outerHTML"' in html


def test_without_htmx_the_status_is_a_full_page(client_for, processing):
    html = client_for("learner").get(status_url(processing)).content.decode()
    assert "<html" in html and "Processing your recording…" in html


def test_a_failed_recording_says_why_and_stops_polling(client_for, processing):
    processing.status = MediaStatus.FAILED
    processing.failure_reason = "This recording is 11 min 3 s; the limit is 10 minutes."
    processing.save()
    html = client_for("learner").get(status_url(processing), HTTP_HX_REQUEST="true")
    html = html.content.decode()
    assert "This recording is 11 min 3 s; the limit is 10 minutes." in html
    assert "hx-trigger" not in html


def test_a_ready_video_plays_with_captions_and_a_transcript(cast, client_for, learner_media):
    Caption.objects.create(
        media=learner_media,
        language="en",
        label="English",
        vtt="WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nWelcome, everyone!\n",
    )
    Caption.objects.create(
        media=learner_media,
        language="es",
        label="Español",
        vtt="WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n¡Bienvenidos!\n",
    )
    html = client_for("learner").get(status_url(learner_media), HTTP_HX_REQUEST="true")
    html = html.content.decode()
    slug, media_id = cast.course.slug, learner_media.public_id
    assert "hx-trigger" not in html
    assert '<video controls preload="metadata" playsinline' in html
    assert "autoplay" not in html
    assert f'poster="{reverse("media:file", args=[slug, media_id, "poster"])}"' in html
    assert f'src="{reverse("media:file", args=[slug, media_id, "playback"])}"' in html
    assert (
        '<track kind="captions" srclang="en" label="English" '
        f'src="{reverse("media:captions_vtt", args=[slug, media_id, "en"])}" default>'
    ) in html
    assert 'srclang="es" label="Español"' in html
    assert html.count(" default>") == 1
    assert "<summary>Read the transcript (English)</summary>" in html
    assert "0:01</span> <span data-transcript-text>Welcome, everyone!" in html
    assert "Edit captions" in html


def test_a_voice_recording_gets_an_audio_player(cast, client_for):
    voice = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    html = client_for("learner").get(status_url(voice), HTTP_HX_REQUEST="true").content.decode()
    assert '<audio controls preload="metadata"' in html
    assert "<video" not in html
    assert 'type="audio/mp4"' in html


def test_learners_watching_a_check_in_get_no_caption_editing(cast, client_for):
    checkin = media_item_ready(course=cast.course, owner=cast.instructor, audience=Audience.COURSE)
    learner_view = client_for("learner").get(status_url(checkin)).content.decode()
    assert "Add captions" not in learner_view and "Captions:" not in learner_view
    assert "Add captions" in client_for("ta").get(status_url(checkin)).content.decode()


def test_the_partial_works_inside_any_course_page(cast, learner_media):
    request = RequestFactory().get("/c/env-sci/anything/")
    request.user = cast.learner
    request.course = cast.course
    request.membership = cast.course.memberships.get(user=cast.learner)
    html = render_to_string("media/_player.html", {"media": learner_media}, request=request)
    assert f'data-media-id="{learner_media.public_id}"' in html
    assert "<video" in html


def test_the_status_poll_needs_few_queries(client_for, processing, django_assert_max_num_queries):
    client = client_for("learner")
    with django_assert_max_num_queries(6):
        client.get(status_url(processing), HTTP_HX_REQUEST="true")
