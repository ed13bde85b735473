"""Captions from pasted text on a recording's captions page: queued, timed by a task,
saved as the English captions — or failed with the reason, saving nothing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from huey.api import PeriodicTask

from rapport.core.refusals import Refused
from rapport.media import captions as captions_package
from rapport.media import services, tasks
from rapport.media.captions.tests.clips import reference
from rapport.media.models import Caption, CaptionTiming, CaptionTimingStatus, MediaStatus
from rapport.media.services import timing as timing_service
from rapport.media.vtt import parse

NAMES = reference("names")["text"]


def captions_url(media):
    return reverse("media:captions", args=[media.course.slug, media.public_id])


def paste(client, media, text, capture):
    with capture(execute=True):
        return client.post(captions_url(media), {"spoken_text": text})


def test_pasted_text_becomes_the_english_captions(
    client_for, spoken_media, django_capture_on_commit_callbacks
):
    client = client_for("learner")
    response = paste(client, spoken_media, NAMES, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    caption = Caption.objects.get(media=spoken_media)
    assert (caption.language, caption.label) == ("en", "English")
    cues = parse(caption.vtt)
    assert " ".join(cue.text.replace("\n", " ") for cue in cues) == NAMES
    assert cues[0].start == pytest.approx(0.48, abs=0.3)
    timing = CaptionTiming.objects.get(media=spoken_media)
    assert timing.status == CaptionTimingStatus.READY
    page = client.get(captions_url(spoken_media)).content.decode()
    assert "<strong>ready</strong>" in page
    assert 'hx-trigger="every 3s"' not in page


def test_text_that_does_not_match_fails_with_the_reason_and_saves_nothing(
    client_for, spoken_media, django_capture_on_commit_callbacks
):
    client = client_for("learner")
    paste(
        client,
        spoken_media,
        "Please remember to bring your calculator and a pencil to the exam next Tuesday.",
        django_capture_on_commit_callbacks,
    )
    assert not Caption.objects.exists()
    timing = CaptionTiming.objects.get(media=spoken_media)
    assert timing.status == CaptionTimingStatus.FAILED
    assert timing.failure_reason.startswith("The words don't match what's said")
    page = client.get(captions_url(spoken_media)).content.decode()
    assert "<strong>failed</strong> — The words don" in page
    assert "calculator and a pencil to the exam next Tuesday.</textarea>" in page  # to correct


def test_while_timing_the_page_says_so_and_checks_again(client_for, spoken_media):
    services.caption_timing_request(media=spoken_media, editor=spoken_media.owner, text=NAMES)
    page = client_for("learner").get(captions_url(spoken_media)).content.decode()
    assert "<strong>working</strong>" in page
    assert 'hx-trigger="every 3s"' in page and 'hx-select="#caption-timings"' in page


def test_a_recording_without_captions_or_text_says_none(client_for, spoken_media):
    page = client_for("learner").get(captions_url(spoken_media)).content.decode()
    assert "Captions: none yet." in page


@pytest.mark.parametrize(
    "text,message",
    [
        ("   ", "Paste the words said in the recording first."),
        (" ".join([NAMES] * 3), "That's 42 words for 5 seconds of recording"),
        ("word " * 6001, "more text than we can time at once"),
    ],
)
def test_text_that_cannot_fit_is_refused_at_once(client_for, spoken_media, text, message):
    response = client_for("learner").post(captions_url(spoken_media), {"spoken_text": text})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CaptionTiming.objects.exists()


def test_a_recording_still_processing_is_refused(spoken_media):
    spoken_media.status = MediaStatus.PROCESSING
    with pytest.raises(Refused, match="still being processed"):
        services.caption_timing_request(media=spoken_media, editor=spoken_media.owner, text=NAMES)


def test_only_people_who_may_edit_captions_can_paste_text(client_for, spoken_media):
    for person in ("other_learner", "outsider"):
        response = client_for(person).post(captions_url(spoken_media), {"spoken_text": NAMES})
        assert response.status_code == 404
    assert not CaptionTiming.objects.exists()


def test_text_pasted_again_while_timing_replaces_the_first(
    spoken_media, monkeypatch, django_capture_on_commit_callbacks
):
    first = services.caption_timing_request(
        media=spoken_media, editor=spoken_media.owner, text=NAMES
    )
    real = captions_package.captions_from_text

    def pasted_again_meanwhile(sound, text):
        services.caption_timing_request(
            media=spoken_media, editor=spoken_media.owner, text="Thank you Aroha."
        )
        return real(sound, text)

    monkeypatch.setattr(captions_package, "captions_from_text", pasted_again_meanwhile)
    services.caption_timing_run(timing_id=first.pk)
    assert not Caption.objects.exists()  # the first text's result is dropped
    timing = CaptionTiming.objects.get()
    assert (timing.text, timing.status) == ("Thank you Aroha.", CaptionTimingStatus.WORKING)


def test_an_unexpected_failure_is_reported_not_raised(spoken_media, monkeypatch):
    timing = services.caption_timing_request(
        media=spoken_media, editor=spoken_media.owner, text=NAMES
    )

    def broken(sound, text):
        raise MemoryError

    monkeypatch.setattr(captions_package, "captions_from_text", broken)
    services.caption_timing_run(timing_id=timing.pk)
    timing.refresh_from_db()
    assert (timing.status, timing.failure_reason) == (
        CaptionTimingStatus.FAILED,
        timing_service.UNEXPECTED,
    )


def test_captions_written_by_hand_meanwhile_win_over_the_timing(spoken_media):
    timing = services.caption_timing_request(
        media=spoken_media, editor=spoken_media.owner, text=NAMES
    )
    services.caption_save(
        media=spoken_media,
        editor=spoken_media.owner,
        language="en",
        label="English",
        text="WEBVTT\n\n00:00.000 --> 00:02.000\nWritten by hand\n",
    )
    services.caption_timing_run(timing_id=timing.pk)
    assert parse(Caption.objects.get().vtt)[0].text == "Written by hand"
    assert not CaptionTiming.objects.exists()


def test_removing_the_captions_removes_their_timing_status(
    client_for, spoken_media, django_capture_on_commit_callbacks
):
    client = client_for("learner")
    paste(client, spoken_media, NAMES, django_capture_on_commit_callbacks)
    client.post(captions_url(spoken_media), {"remove": "en"})
    assert not Caption.objects.exists() and not CaptionTiming.objects.exists()
    assert "Captions: none yet." in client.get(captions_url(spoken_media)).content.decode()


def test_a_timing_whose_run_died_is_failed_with_a_reason(spoken_media):
    timing = services.caption_timing_request(
        media=spoken_media, editor=spoken_media.owner, text=NAMES
    )
    later = timing.requested_at + timing_service.STUCK_AFTER
    assert services.caption_timing_sweep_stuck(now=later) == 0  # not yet
    assert services.caption_timing_sweep_stuck(now=later + timedelta(seconds=1)) == 1
    timing.refresh_from_db()
    assert (timing.status, timing.failure_reason) == (
        CaptionTimingStatus.FAILED,
        timing_service.STOPPED,
    )
    assert issubclass(tasks.caption_timing_sweep_stuck.task_class, PeriodicTask)


SRT = """1
00:00:01,000 --> 00:00:03,500
Hello, <i>everyone</i>!

2
0:00:04,000 --> 0:00:06,000
Welcome to week two.
"""


def test_a_subrip_file_is_saved_as_webvtt(client_for, learner_media):
    upload = SimpleUploadedFile("captions.srt", SRT.encode(), "application/x-subrip")
    response = client_for("learner").post(
        captions_url(learner_media), {"language": "en", "label": "English", "file": upload}
    )
    assert response.status_code == 302
    stored = Caption.objects.get(media=learner_media).vtt
    assert stored.startswith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nHello, everyone!\n")
    assert [(cue.start, cue.end) for cue in parse(stored)] == [(1.0, 3.5), (4.0, 6.0)]
