"""Writes for media, split by topic: intake (an upload becomes a MediaItem; quota caps each
person's storage), processing (the background conversion), sharing (attaching a recording
to a conversation), captions (typed), timing (captions from pasted text) and lifecycle
(deleting a recording with its files, the sweeps). Import from here:
``from rapport.media import services``."""

from rapport.media.services.captions import caption_remove, caption_save
from rapport.media.services.intake import media_create_from_upload
from rapport.media.services.lifecycle import (
    media_delete,
    media_sweep_stuck,
    media_sweep_unattached,
)
from rapport.media.services.processing import media_process
from rapport.media.services.sharing import media_attach
from rapport.media.services.timing import (
    caption_draft_accept,
    caption_draft_discard,
    caption_draft_for,
    caption_draft_request,
    caption_timing_request,
    caption_timing_run,
    caption_timing_sweep_stuck,
)

__all__ = [
    "caption_remove",
    "caption_save",
    "caption_draft_accept",
    "caption_draft_discard",
    "caption_draft_for",
    "caption_draft_request",
    "caption_timing_request",
    "caption_timing_run",
    "caption_timing_sweep_stuck",
    "media_attach",
    "media_create_from_upload",
    "media_delete",
    "media_process",
    "media_sweep_stuck",
    "media_sweep_unattached",
]
