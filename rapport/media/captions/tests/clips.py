"""The committed speech fixtures (see files/README.md) and their reference word times."""

import json
from functools import cache
from pathlib import Path

from rapport.media.captions.audio import decode_pcm

FILES = Path(__file__).parent / "files"
# The demo plays "lesson" as a check-in, so it lives with the demo's media.
DEMO_MEDIA = Path(__file__).parents[3] / "demo" / "media"
SPEECH = ("checkin", "lesson", "names", "zeros")  # synthesized, with exact word times
HUMAN = "read"  # a person reading, with a machine's word times


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


def stretch_of(name: str, first_word: int, last_word: int) -> tuple[bytes, dict]:
    """The sound of words ``first_word``..``last_word`` of a clip (with 0.2 s either side)
    and their reference, times counted from the stretch's start."""
    words = reference(name)["words"][first_word : last_word + 1]
    start = max(0.0, words[0]["start"] - 0.2)
    end = words[-1]["end"] + 0.2
    pcm = clip_pcm(name)[round(start * 16000) * 2 : round(end * 16000) * 2]
    shifted = [w | {"start": w["start"] - start, "end": w["end"] - start} for w in words]
    return pcm, {"text": " ".join(w["word"] for w in words), "words": shifted}


def word_accuracy(said: list[str], heard: list[str]) -> float:
    """1 − word error rate: (substitutions + deletions + insertions) / words said."""
    previous = list(range(len(heard) + 1))
    for i, word in enumerate(said, 1):
        current = [i] + [0] * len(heard)
        for j, other in enumerate(heard, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
        previous = current
    return 1 - previous[-1] / len(said)
