"""Captions from pasted text: a person pastes what they said, a task times it to the
recording (rapport.media.captions) and saves the result as that language's captions. The
page shows where it is: working, ready, or failed with the reason."""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.media import captions
from rapport.media.models import CaptionTiming, CaptionTimingStatus, MediaItem
from rapport.media.services.captions import caption_save

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 30_000  # an hour of speech is about 9,000 words
NOT_READY = "The recording is still being processed. Paste the words once it's ready."
TOO_LONG = f"That's more text than we can time at once; the limit is {MAX_TEXT_CHARS:,} characters."
# Ten minutes of speech take well under a minute to time; a run this old died with its worker.
STUCK_AFTER = timedelta(minutes=30)
STOPPED = "Timing the captions stopped before it finished. Paste the text again to retry."
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
            "text": text,
            "status": CaptionTimingStatus.WORKING,
            "failure_reason": "",
            "requested_by": editor,
            "requested_at": timezone.now(),
            "finished_at": None,
        },
    )
    transaction.on_commit(partial(_enqueue, timing.pk))
    return timing


def caption_timing_run(*, timing_id: int) -> None:
    """The task's work: decode, align, save the captions — or the reason it couldn't."""
    timing = (
        CaptionTiming.objects.select_related("media", "requested_by")
        .filter(pk=timing_id, status=CaptionTimingStatus.WORKING)
        .first()
    )
    if timing is None:
        return  # done already, or removed with its recording
    try:
        with timing.media.playback.open("rb") as sound:
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
    if webvtt:
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
    current.save(update_fields=["status", "failure_reason", "finished_at"])


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
