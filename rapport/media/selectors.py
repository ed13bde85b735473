"""Reads for media: who may see a recording, and the pieces a player shows."""

import uuid
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from rapport.courses.models import Membership, MembershipStatus
from rapport.media import vtt
from rapport.media.models import Audience, Caption, CaptionTiming, MediaItem


def media_visible_to(*, media: MediaItem, user) -> bool:
    """May ``user`` watch ``media``? Looks up their membership of the media's course."""
    if user is None or not user.is_authenticated:
        return False
    membership = Membership.objects.filter(
        course_id=media.course_id, user=user, status=MembershipStatus.ACTIVE
    ).first()
    return _visible(media, user, membership)


def media_owned_by(*, owner, course, media_id) -> MediaItem | None:
    """``owner``'s own recording in ``course`` whose public id a form posted (the recorder's
    ``media_id``), or None — the same for a malformed id as for someone else's recording,
    so a feature refuses both alike."""
    try:
        public_id = uuid.UUID(str(media_id))
    except ValueError:
        return None
    return MediaItem.objects.filter(public_id=public_id, course=course, owner=owner).first()


def media_get_for_viewer(*, course, public_id, user, membership) -> MediaItem:
    """The course's recording ``public_id`` if ``user`` (whose membership of ``course``
    is ``membership``) may watch it; Http404 otherwise — the same answer whether it does
    not exist or is someone else's, so ids cannot be probed."""
    media = MediaItem.objects.filter(course=course, public_id=public_id).first()
    if media is None or not _visible(media, user, membership):
        raise Http404("No such recording.")
    return media


def _visible(media: MediaItem, user, membership) -> bool:
    if (
        membership is None
        or membership.status != MembershipStatus.ACTIVE
        or membership.course_id != media.course_id
        or membership.user_id != user.pk
    ):
        return False
    if media.owner_id == user.pk:
        return True
    if media.audience_user_id is not None and media.audience_user_id == user.pk:
        return _released(media) or membership.is_staff
    if media.audience == Audience.COURSE:
        return membership.is_staff or _released(media)
    if media.audience == Audience.STAFF:
        return membership.is_staff
    return False


def _released(media: MediaItem) -> bool:
    return media.available_from is None or media.available_from <= timezone.now()


def media_can_manage(*, media: MediaItem, user, membership) -> bool:
    """Owner or course staff (who can see it): may fetch the original and edit captions."""
    if not _visible(media, user, membership):
        return False
    return media.owner_id == user.pk or membership.is_staff


@dataclass(frozen=True)
class TranscriptLine:
    start: float
    clock: str
    text: str


@dataclass(frozen=True)
class Transcript:
    caption: Caption
    lines: list[TranscriptLine]


def captions_for(media: MediaItem) -> list[Caption]:
    """The recording's captions (prefetch ``captions`` when listing many recordings)."""
    return sorted(media.captions.all(), key=lambda caption: caption.pk)


def caption_timings_for(media: MediaItem, *, user) -> list[CaptionTiming]:
    """Captions being made for the recording, newest first: from pasted text, and the
    speech draft if ``user`` is the recording's author (nobody else sees a draft)."""
    return [t for t in media.timings.order_by("-requested_at") if _sees(t, media, user)]


def _sees(timing: CaptionTiming, media: MediaItem, user) -> bool:
    return not timing.is_draft or (user is not None and media.owner_id == user.pk)


def transcripts_for(captions: list[Caption]) -> list[Transcript]:
    transcripts = []
    for caption in captions:
        try:
            cues = vtt.parse(caption.vtt)
        except vtt.CaptionError:
            continue  # stored captions were checked on save; never break a page over one
        lines = [TranscriptLine(cue.start, vtt.clock(cue.start), cue.text) for cue in cues]
        transcripts.append(Transcript(caption=caption, lines=lines))
    return transcripts


def media_caption_prefetches(path: str = "") -> list[str]:
    """The prefetch lookups that fill every captions panel on a page in two queries, however
    many recordings it lists: ``queryset.prefetch_related(*media_caption_prefetches("media"))``
    for rows that hold a recording, or ``prefetch_related_objects(items,
    *media_caption_prefetches())`` for the recordings themselves."""
    prefix = f"{path}__" if path else ""
    return [f"{prefix}captions", f"{prefix}timings"]


class CaptionsState:
    NONE = "none"
    TIMING = "timing"
    DRAFT = "draft"  # a speech draft waits for its author to check it
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class CaptionsPanel:
    """What shows under a player: the status and the captions page's link for those who
    may manage the recording (``can_manage``), the transcripts for everyone who sees it.
    Pasted text is never part of it: it stays on the captions page, for its managers."""

    media_id: str
    can_manage: bool
    state: str
    captions: list[Caption]
    transcripts: list[Transcript]


def _captions_state(captions: list[Caption], timings: list[CaptionTiming]) -> str:
    if any(timing.is_working for timing in timings):
        return CaptionsState.TIMING
    if any(timing.draft_ready for timing in timings):
        return CaptionsState.DRAFT
    if captions:
        return CaptionsState.READY
    if any(timing.is_failed for timing in timings):
        return CaptionsState.FAILED
    return CaptionsState.NONE


def captions_panel_for(*, media: MediaItem, user, membership) -> CaptionsPanel:
    """The panel for one recording, from its prefetched captions and timings (see
    ``media_caption_prefetches``; without them, two queries for this recording)."""
    can_manage = bool(
        membership is not None
        and user is not None
        and media_can_manage(media=media, user=user, membership=membership)
    )
    captions = sorted(media.captions.all(), key=lambda caption: caption.pk)
    return CaptionsPanel(
        media_id=str(media.public_id),
        can_manage=can_manage,
        state=_captions_state(captions, [t for t in media.timings.all() if _sees(t, media, user)]),
        captions=captions,
        transcripts=transcripts_for(captions),
    )


def captions_panel_data(media: MediaItem) -> dict:
    """The panel as plain data, for pages that draw a recording from a payload (a wall
    card's clip, which its board's socket also sends): the same keys the panel's template
    reads, but ``can_manage``, which the caller sets for each reader (the recording's owner
    and the course's staff), and ``state``, which is ``authors_state`` for the recording's
    author (their speech draft counted) and ``others_state`` for everyone else. Uses the
    prefetched captions and timings."""
    captions = sorted(media.captions.all(), key=lambda caption: caption.pk)
    timings = list(media.timings.all())
    return {
        "media_id": str(media.public_id),
        "authors_state": _captions_state(captions, timings),
        "others_state": _captions_state(captions, [t for t in timings if not t.is_draft]),
        "transcripts": [
            {
                "caption": {"language": t.caption.language, "label": t.caption.label},
                "lines": [
                    {"start": line.start, "clock": line.clock, "text": line.text}
                    for line in t.lines
                ],
            }
            for t in transcripts_for(captions)
        ],
    }
