"""Captions made in the background (rapport.media.captions).

From pasted text: a person pastes what they said, a task times it to the recording and
saves the result as that language's captions. From speech alone: the recording's author
asks for a draft, a task recognises the English words said, and the draft waits for its
author to accept or correct it (caption_draft_accept); nobody else sees it until then.
The pages show where each stands: working, ready, or failed with the reason."""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.media import captions
from rapport.media.models import CaptionSource, CaptionTiming, CaptionTimingStatus, MediaItem
from rapport.media.services.captions import caption_save

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 30_000  # an hour of speech is about 9,000 words
NOT_READY = "The recording is still being processed. Paste the words once it's ready."
TOO_LONG = f"That's more text than we can time at once; the limit is {MAX_TEXT_CHARS:,} characters."
# Ten minutes of speech take well under a minute to time; a run this old died with its worker.
STUCK_AFTER = timedelta(minutes=30)
STOPPED = "Making the captions stopped before it finished. Please try again."
NOT_READY_FOR_DRAFT = "The recording is still being processed. Ask for a draft once it's ready."
CAPTIONED_ALREADY = (
    "This recording has English captions already. Correct them caption by caption instead."
)
NO_DRAFT = "There's no draft waiting for this recording. Ask for a new one."
UNEXPECTED = "Something went wrong while timing the captions. Try again, or upload a WebVTT file."


@transaction.atomic
def caption_timing_request(
    *, media: MediaItem, editor, text: str, language: str = "en", label: str = "English"
) -> CaptionTiming:
    """Queue timing ``text`` to ``media``; replaces any earlier request in ``language``.
    Raises Refused for text that can't be right without listening to the recording."""
    if not media.is_ready:
        raise Refused(NOT_READY, field="text")
    if len(text) > MAX_TEXT_CHARS:
        raise Refused(TOO_LONG, field="text")
    try:
        captions.checked_words(text, media.duration_seconds or 0.0)
    except captions.CaptionError as error:
        raise Refused(error.message, field="text") from error
    timing, _ = CaptionTiming.objects.update_or_create(
        media=media,
        language=language,
        defaults={
            "label": label,
            "source": CaptionSource.TEXT,
            "text": text,
            "draft": "",
            "status": CaptionTimingStatus.WORKING,
            "failure_reason": "",
            "requested_by": editor,
            "requested_at": timezone.now(),
            "finished_at": None,
        },
    )
    transaction.on_commit(partial(_enqueue, timing.pk))
    return timing


@transaction.atomic
def caption_draft_request(*, media: MediaItem, author) -> CaptionTiming:
    """Queue a draft of ``media``'s English captions from its speech, for ``author`` (the
    recording's own, whom the caller checked); replaces any earlier English request.
    Raises Refused while the recording is processing or once it has English captions."""
    if not media.is_ready:
        raise Refused(NOT_READY_FOR_DRAFT)
    if media.captions.filter(language="en").exists():
        raise Refused(CAPTIONED_ALREADY)
    timing, _ = CaptionTiming.objects.update_or_create(
        media=media,
        language="en",
        defaults={
            "label": "English",
            "source": CaptionSource.SPEECH,
            "text": "",
            "draft": "",
            "status": CaptionTimingStatus.WORKING,
            "failure_reason": "",
            "requested_by": author,
            "requested_at": timezone.now(),
            "finished_at": None,
        },
    )
    transaction.on_commit(partial(_enqueue, timing.pk))
    return timing


def caption_draft_for(media: MediaItem) -> CaptionTiming | None:
    """The speech draft waiting for ``media``'s author, if one is ready."""
    timing = media.timings.filter(source=CaptionSource.SPEECH).first()
    return timing if timing is not None and timing.draft_ready else None


@transaction.atomic
def caption_draft_accept(*, media: MediaItem, author, text: str | None = None):
    """The draft, as it is or as corrected (``text``, WebVTT), becomes the recording's
    English captions that everyone who sees it gets; the draft is gone. Raises Refused when
    no draft is waiting, vtt.CaptionError when the corrected captions are wrong."""
    draft = caption_draft_for(media)
    if draft is None:
        raise Refused(NO_DRAFT)
    return caption_save(
        media=media,
        editor=author,
        language=draft.language,
        label=draft.label,
        text=draft.draft if text is None else text,
    )


@transaction.atomic
def caption_draft_discard(*, media: MediaItem) -> bool:
    deleted, _ = media.timings.filter(source=CaptionSource.SPEECH).delete()
    return bool(deleted)


def caption_timing_run(*, timing_id: int) -> None:
    """The task's work: decode, then align the pasted text and save the captions, or
    recognise the speech and keep the draft — or the reason it couldn't."""
    timing = (
        CaptionTiming.objects.select_related("media", "requested_by")
        .filter(pk=timing_id, status=CaptionTimingStatus.WORKING)
        .first()
    )
    if timing is None:
        return  # done already, or removed with its recording
    try:
        with timing.media.playback.open("rb") as sound:
            if timing.is_draft:
                webvtt = captions.draft_from_speech(sound)
            else:
                webvtt = captions.captions_from_text(sound, timing.text)
    except captions.CaptionError as error:
        _finish(timing, failure=error.message)
        return
    except Exception:
        logger.exception("Timing captions %s failed", timing_id)
        _finish(timing, failure=UNEXPECTED)
        return
    _finish(timing, webvtt=webvtt)


@transaction.atomic
def _finish(timing: CaptionTiming, *, webvtt: str = "", failure: str = "") -> None:
    current = (
        CaptionTiming.objects.select_for_update()
        .filter(pk=timing.pk, requested_at=timing.requested_at, status=CaptionTimingStatus.WORKING)
        .first()
    )
    if current is None:
        return  # newer text was pasted meanwhile: its own run will finish it
    if webvtt and timing.is_draft:
        current.draft = webvtt
    elif webvtt:
        caption_save(
            media=timing.media,
            editor=timing.requested_by,
            language=timing.language,
            label=timing.label,
            text=webvtt,
            timed=True,
        )
    current.status = CaptionTimingStatus.FAILED if failure else CaptionTimingStatus.READY
    current.failure_reason = failure[:300]
    current.finished_at = timezone.now()
    current.save(update_fields=["status", "failure_reason", "finished_at", "draft"])


def caption_timing_sweep_stuck(*, now: datetime | None = None) -> int:
    """Timings still working long after they were asked for: failed with a reason the page
    shows, so nobody waits on a run that died. Returns how many."""
    now = now or timezone.now()
    stuck = CaptionTiming.objects.filter(
        status=CaptionTimingStatus.WORKING, requested_at__lt=now - STUCK_AFTER
    )
    return stuck.update(status=CaptionTimingStatus.FAILED, failure_reason=STOPPED, finished_at=now)


def _enqueue(timing_id: int) -> None:
    from rapport.media.tasks import caption_timing_run

    caption_timing_run(timing_id)
