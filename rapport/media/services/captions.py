"""Captions for a recording: one WebVTT track per language, checked and stored as plain
text (see rapport.media.vtt)."""

from django.db import transaction
from django.utils import timezone

from rapport.media import vtt
from rapport.media.models import Caption, MediaItem


@transaction.atomic
def caption_save(*, media: MediaItem, editor, language: str, label: str, text: str) -> Caption:
    """Add or replace ``media``'s captions in ``language``. Raises vtt.CaptionError with
    a message for the person when the WebVTT is not right; nothing is saved then."""
    cleaned = vtt.clean(text)
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
    deleted, _ = Caption.objects.filter(media=media, language=language).delete()
    return bool(deleted)
