"""What a recording is for, asked of the features that use recordings.

The media app knows nothing of check-ins or notes, yet its "ready" notification must name
the recording ("Your check-in video 'Week 3' is ready") and stay quiet once the owner has
already sent it. Features that attach recordings register a describer (in their
``AppConfig.ready``); the media app asks them, and imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from rapport.media.models import Audience, MediaItem


@dataclass(frozen=True)
class MediaUse:
    """``what`` names the use ("check-in video"), ``title`` is the message's own title if
    any, ``sent`` says whether it has already reached its audience."""

    what: str
    title: str = ""
    sent: bool = False

    @property
    def name(self) -> str:
        return f"{self.what} “{self.title}”" if self.title else self.what


MediaUseDescriber = Callable[[MediaItem], MediaUse | None]
_describers: list[MediaUseDescriber] = []


def register_media_use(describer: MediaUseDescriber) -> None:
    if describer not in _describers:
        _describers.append(describer)


def describe_media_use(media: MediaItem) -> MediaUse | None:
    """The first registered feature's account of ``media``; None when none claims it. A
    recording some feature shared (``media_attach``) without describing it counts as
    sent, so nobody is told about a recording they have already used."""
    for describer in _describers:
        use = describer(media)
        if use is not None:
            return use
    if media.audience != Audience.PRIVATE or media.audience_user_id is not None:
        return MediaUse(what=_kind_word(media) + " recording", sent=True)
    return None


def _kind_word(media: MediaItem) -> str:
    return "video" if media.is_video else "voice"
