"""A speech draft of a recording's English captions: its author asks for it, a task
listens to the recording, and the draft waits — seen by its author alone, never by
classmates or staff — until they accept it as it is, correct it, or discard it."""

import io
import wave

import pytest
from django.urls import reverse

from rapport.media import captions as captions_package
from rapport.media import services
from rapport.media.captions.alignment import SILENT
from rapport.media.captions.tests.clips import HUMAN, clip_path, stretch_of
from rapport.media.models import (
    Audience,
    Caption,
    CaptionSource,
    CaptionTiming,
    CaptionTimingStatus,
    MediaKind,
)
from rapport.media.testing import DRAFT, draft_ready, media_item_ready

pytestmark = pytest.mark.django_db


def wav(pcm: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(16000)
        sound.writeframes(pcm)
    return out.getvalue()


@pytest.fixture
def voice_reply(cast):
    """The learner's voice, shared with the course: "he might even have been made amiable
    himself", read by a person."""
    pcm, _ = stretch_of(HUMAN, 63, 70)
    item = media_item_ready(
        course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO, playback=wav(pcm)
    )
    item.audience = Audience.COURSE
    item.duration_seconds = len(pcm) / 32000
    item.save(update_fields=["audience", "duration_seconds"])
    return item


def captions_url(media):
    return reverse("media:captions", args=[media.course.slug, media.public_id])


def draft_url(media):
    return reverse("media:caption_draft", args=[media.course.slug, media.public_id])


def ask(client, media, action, capture):
    with capture(execute=True):
        return client.post(captions_url(media), {"draft": action})


def test_the_author_gets_a_draft_nobody_else_sees_and_accepts_it_corrected(
    client_for, voice_reply, django_capture_on_commit_callbacks
):
    learner = client_for("learner")
    page = learner.get(captions_url(voice_reply)).content.decode()
    assert "Draft English captions from the speech" in page
    assert (
        ask(learner, voice_reply, "request", django_capture_on_commit_callbacks).status_code == 302
    )
    timing = CaptionTiming.objects.get(media=voice_reply)
    assert timing.source == CaptionSource.SPEECH and timing.draft_ready
    assert "amiable" in timing.draft and not Caption.objects.exists()

    page = learner.get(captions_url(voice_reply)).content.decode()
    assert "draft ready — please check" in page and "Check and correct the draft" in page
    editor = learner.get(draft_url(voice_reply)).content.decode()
    assert "Draft — please check." in editor and "amiable" in editor

    status_url = reverse("media:status", args=[voice_reply.course.slug, voice_reply.public_id])
    for role in ("other_learner", "ta", "instructor"):
        client = client_for(role)
        assert client.get(draft_url(voice_reply)).status_code == 404, role
        seen = client.get(status_url).content.decode()
        assert "amiable" not in seen and "draft" not in seen, role
    staff_page = client_for("instructor").get(captions_url(voice_reply)).content.decode()
    assert "amiable" not in staff_page and "draft ready" not in staff_page
    assert "Draft English captions" not in staff_page  # a draft is the author's to ask for

    corrected = {
        "start": ["0:00.200", "0:01.640"],
        "end": ["0:01.640", "0:03.000"],
        "text": ["He might even have been made", "amiable himself."],
    }
    response = client_for("learner").post(draft_url(voice_reply), corrected)
    assert response.status_code == 302
    caption = Caption.objects.get(media=voice_reply, language="en")
    assert "He might even have been made\n" in caption.vtt and "amiable himself." in caption.vtt
    assert not CaptionTiming.objects.filter(media=voice_reply).exists()
    heard = client_for("other_learner").get(status_url).content.decode()
    assert "Read the transcript" in heard and "amiable himself." in heard


@pytest.fixture
def drafted(voice_reply):
    draft_ready(voice_reply)
    return voice_reply


def test_a_draft_used_as_it_is_becomes_the_captions(
    client_for, drafted, django_capture_on_commit_callbacks
):
    ask(client_for("learner"), drafted, "accept", django_capture_on_commit_callbacks)
    assert Caption.objects.get(media=drafted).vtt.endswith("hello every one\n")
    assert not CaptionTiming.objects.exists()


def test_a_discarded_draft_is_gone(client_for, drafted, django_capture_on_commit_callbacks):
    ask(client_for("learner"), drafted, "discard", django_capture_on_commit_callbacks)
    assert not CaptionTiming.objects.exists() and not Caption.objects.exists()
    assert client_for("learner").get(draft_url(drafted)).status_code == 404


@pytest.mark.parametrize("action", ["request", "accept", "discard"])
def test_staff_cannot_act_on_a_learners_draft(
    client_for, drafted, action, django_capture_on_commit_callbacks
):
    response = ask(client_for("instructor"), drafted, action, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert CaptionTiming.objects.get(media=drafted).draft == DRAFT
    assert not Caption.objects.exists()


def test_a_wrong_correction_is_named_and_the_draft_stays(client_for, drafted):
    response = client_for("learner").post(
        draft_url(drafted), {"start": ["0:00.500"], "end": ["0:00.200"], "text": ["hello"]}
    )
    assert response.status_code == 200
    assert "Caption 1 ends at 0:00.200" in response.content.decode()
    assert CaptionTiming.objects.get(media=drafted).draft == DRAFT
    assert not Caption.objects.exists()


def test_a_silent_recording_gets_the_reason_not_a_draft(
    cast, client_for, django_capture_on_commit_callbacks
):
    quiet = media_item_ready(
        course=cast.course,
        owner=cast.learner,
        kind=MediaKind.AUDIO,
        playback=clip_path("silence").read_bytes(),
    )
    ask(client_for("learner"), quiet, "request", django_capture_on_commit_callbacks)
    timing = CaptionTiming.objects.get(media=quiet)
    assert timing.status == CaptionTimingStatus.FAILED and timing.failure_reason == SILENT
    page = client_for("learner").get(captions_url(quiet)).content.decode()
    assert "<strong>failed</strong>" in page and "Try the draft again" in page


def test_a_recording_with_english_captions_gets_no_draft(
    client_for, voice_reply, django_capture_on_commit_callbacks, monkeypatch
):
    Caption.objects.create(media=voice_reply, vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n")
    monkeypatch.setattr(captions_package, "draft_from_speech", pytest.fail)
    learner = client_for("learner")
    assert "Draft English captions" not in learner.get(captions_url(voice_reply)).content.decode()
    response = ask(learner, voice_reply, "request", django_capture_on_commit_callbacks)
    assert "has English captions already" in learner.get(response.url).content.decode()
    assert not CaptionTiming.objects.exists()


def test_pasting_text_or_writing_captions_replaces_a_waiting_draft(drafted):
    services.caption_timing_request(
        media=drafted, editor=drafted.owner, text="he might even have been made amiable himself"
    )
    timing = CaptionTiming.objects.get(media=drafted)
    assert timing.source == CaptionSource.TEXT and timing.draft == ""
    CaptionTiming.objects.all().delete()
    draft_ready(drafted)
    services.caption_save(
        media=drafted,
        editor=drafted.owner,
        language="en",
        label="English",
        text="WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n",
    )
    assert not CaptionTiming.objects.exists()


def test_the_authors_panel_leads_straight_to_the_draft(client_for, drafted):
    status_url = reverse("media:status", args=[drafted.course.slug, drafted.public_id])
    page = client_for("learner").get(status_url).content.decode()
    assert "draft ready — please check" in page
    assert f'href="{draft_url(drafted)}">Check the draft' in page
    on_the_draft = client_for("learner").get(draft_url(drafted)).content.decode()
    assert f'href="{draft_url(drafted)}"' not in on_the_draft
