"""The committed speech fixtures (see files/README.md) and their reference word times."""

import json
from functools import cache
from pathlib import Path

from rapport.media.captions.audio import decode_pcm

FILES = Path(__file__).parent / "files"
# The demo plays "lesson" as a check-in, so it lives with the demo's media.
DEMO_MEDIA = Path(__file__).parents[3] / "demo" / "media"
SPEECH = ("checkin", "lesson", "names", "zeros")


def clip_path(name: str) -> Path:
    if name == "lesson":
        return DEMO_MEDIA / "lesson.ogg"
    return FILES / f"{name}.flac" if name == "zeros" else FILES / f"{name}.ogg"


@cache
def clip_pcm(name: str) -> bytes:
    return decode_pcm(clip_path(name))


@cache
def reference(name: str) -> dict:
    """{"text", "duration", "words": [{"word", "start", "end", "shared"?}]} from espeak-ng."""
    return json.loads((FILES / f"{name}.json").read_text(encoding="utf-8"))
