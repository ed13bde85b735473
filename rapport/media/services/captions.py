"""Captions for a recording: one WebVTT track per language, checked and stored as plain
text (see rapport.media.vtt)."""

from django.db import transaction
from django.utils import timezone

from rapport.media import vtt
from rapport.media.models import Caption, CaptionTiming, MediaItem


@transaction.atomic
def caption_save(
    *, media: MediaItem, editor, language: str, label: str, text: str, timed: bool = False
) -> Caption:
    """Add or replace ``media``'s captions in ``language``. Raises vtt.CaptionError with
    a message for the person when the WebVTT is not right; nothing is saved then.
    ``timed``: made from pasted text (services.timing); captions written by hand replace
    any such text and its timing, still running or done."""
    cleaned = vtt.clean(text)
    if not timed:
        CaptionTiming.objects.filter(media=media, language=language).delete()
    caption, _ = Caption.objects.update_or_create(
        media=media,
        language=language,
        defaults={
            "label": label.strip()[:60],
            "vtt": cleaned,
            "updated_by": editor,
            "updated_at": timezone.now(),
        },
    )
    return caption


@transaction.atomic
def caption_remove(*, media: MediaItem, language: str) -> bool:
    CaptionTiming.objects.filter(media=media, language=language).delete()
    deleted, _ = Caption.objects.filter(media=media, language=language).delete()
    return bool(deleted)
