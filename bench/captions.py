"""Captions (rapport/media/captions): how fast and how well a 3-minute recording is aligned
to pasted text, and how good a speech draft (no text given) is.

The clip: with espeak-ng installed, 3 minutes of varied classroom sentences synthesized now
(word times from espeak-ng's own events, as the test fixtures'; see
rapport/media/captions/tests/files/README.md); without it, the committed fixtures'
sentences one after another with 0.6 s pauses, repeated to 3 minutes. The clip is written
as a 16 kHz WAV and read back through the app's decoder, as a stored recording is.

Figures, each measured in this run:

* align_rtf: wall time of decode + ``align`` + cues, over the clip's duration (target
  ≤ 0.5 on a 2-core machine). Baseline: the decode alone.
* word_error_ms: mean |aligned start − generator's start| over the words espeak-ng timed
  on their own (words it ran into a neighbour, "with the", are left out). Baseline: the
  same error for words spread evenly over the clip by their length.
* draft_word_accuracy: the speech draft (``draft_words``: pocketsphinx's US English
  language model, cut at pauses, no text given) of a person reading (the fixture
  ``read.ogg``, 27 s of LibriVox), as 1 − word error rate against what was read. Also
  printed: the same on the synthesized clip, and the draft's speed over the clip's length.

    .venv/bin/python bench/captions.py [--fixtures]

(--fixtures: the committed fixtures even when espeak-ng is installed.)

Ends with: summary: align_rtf=<n> word_error_ms=<n> draft_word_accuracy=<n>
"""

import argparse
import ctypes.util
import os
import re
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapport.media.captions import align, decode_pcm, draft_words, render  # noqa: E402
from rapport.media.captions.audio import SAMPLE_RATE  # noqa: E402
from rapport.media.captions.tests.clips import (  # noqa: E402
    FILES,
    HUMAN,
    SPEECH,
    clip_pcm,
    reference,
    word_accuracy,
)

TARGET_SECONDS = 180.0
PAUSE_SECONDS = 0.6
SENTENCES = [
    "Good morning everyone, and welcome to the second half of the course.",
    "Before we start, I want to thank all of you who posted in the forum this week.",
    "Your questions about the reading were thoughtful, and several of them surprised me.",
    "Today we will look at how rivers shape the land around them over thousands of years.",
    "A river carries sand and small stones, and it drops them where the water slows down.",
    "That is why you often find wide flat plains near the mouth of a large river.",
    "If you live near a river, take a photo of its banks on your way home.",
    "Notice where the water moves fast and where it seems to rest.",
    "We will share those photos on the class wall next Tuesday.",
    "Some of you asked how the project will be graded, so let me explain that now.",
    "Half of the grade comes from the final report, and half from your weekly notes.",
    "I care more about how your thinking changes than about getting every detail right.",
    "If you are falling behind, please send me a message, even a short one.",
    "There is no problem we cannot solve together if I hear about it early.",
    "Office hours are on Thursday afternoons, and you can book a time on the course page.",
    "Remember that your partner for the field study changes this week.",
    "Take a few minutes to introduce yourself and agree on a time to meet.",
    "Finally, I want to share something that made me smile this week.",
    "One of you wrote that the river near her home reminded her of her grandmother.",
    "That is exactly the kind of connection I hope this course helps you make.",
    "See you all on Thursday, and take care of yourselves until then.",
]


def espeak_available() -> bool:
    return ctypes.util.find_library("espeak-ng") is not None


def shifted(word: dict, seconds: float) -> dict:
    return {**word, "start": word["start"] + seconds, "end": word["end"] + seconds}


def clip_from_espeak() -> tuple[bytes, int, str, list[dict]]:
    sys.path.insert(0, str(FILES))
    import espeak_timed  # noqa: PLC0415 - only with espeak-ng installed

    audio, words, position, rate = [], [], 0.0, None
    index = 0
    while position < TARGET_SECONDS:
        text = SENTENCES[index % len(SENTENCES)]
        rate, pcm, events = espeak_timed.synthesize("en-us", text)
        seconds = len(pcm) / 2 / rate
        for word in espeak_timed.word_times(events, text, seconds):
            words.append(shifted(word, position))
        pause = bytes(2 * round(PAUSE_SECONDS * rate))
        audio += [pcm, pause]
        position += seconds + PAUSE_SECONDS
        index += 1
    return b"".join(audio), rate, "synthesized now with espeak-ng", words


def clip_from_fixtures() -> tuple[bytes, int, str, list[dict]]:
    audio, words, position, index = [], [], 0.0, 0
    pause = bytes(2 * round(PAUSE_SECONDS * SAMPLE_RATE))
    while position < TARGET_SECONDS:
        name = SPEECH[index % len(SPEECH)]
        pcm = clip_pcm(name)
        for word in reference(name)["words"]:
            words.append(shifted(word, position))
        audio += [pcm, pause]
        position += len(pcm) / 2 / SAMPLE_RATE + PAUSE_SECONDS
        index += 1
    return b"".join(audio), SAMPLE_RATE, "the committed fixtures, repeated", words


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)


def mean_error_ms(starts: list[float], words: list[dict]) -> float:
    errors = [
        abs(s - w["start"]) for s, w in zip(starts, words, strict=True) if not w.get("shared")
    ]
    return 1000 * float(np.mean(errors))


def evenly_spread(words: list[dict], seconds: float) -> list[float]:
    weights = np.array([len(w["word"]) + 1 for w in words], dtype=float)
    return list(np.concatenate([[0.0], np.cumsum(weights)[:-1]]) / weights.sum() * seconds)


def normalized(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def draft(pcm: bytes) -> tuple[list[str], float]:
    """The draft's words, lower case, and its wall time."""
    started = time.perf_counter()
    words = [word.text for word in draft_words(pcm)]
    return normalized(" ".join(words)), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", action="store_true")
    use_fixtures = parser.parse_args().fixtures or not espeak_available()
    print(f"load average {os.getloadavg()[0]:.2f}")
    pcm, rate, origin, reference_words = (
        clip_from_fixtures() if use_fixtures else clip_from_espeak()
    )
    text = " ".join(word["word"] for word in reference_words)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "talk.wav"
        write_wav(path, pcm, rate)
        started = time.perf_counter()
        decoded = decode_pcm(path)
        decode_seconds = time.perf_counter() - started
        started = time.perf_counter()
        words = align(decode_pcm(path), text)
        webvtt = render(words)
        align_seconds = time.perf_counter() - started
    seconds = len(decoded) / 2 / SAMPLE_RATE
    print(f"clip: {seconds:.1f} s, {len(reference_words)} words, {origin}")
    rtf = align_seconds / seconds
    print(f"decode + align + cues: {align_seconds:.2f} s, {rtf:.3f} of the clip's length")
    print(f"  baseline, decode alone: {decode_seconds:.2f} s, {decode_seconds / seconds:.3f}")
    print(f"  cues written: {webvtt.count(' --> ')}")
    error = mean_error_ms([w.start for w in words], reference_words)
    spread = mean_error_ms(evenly_spread(reference_words, seconds), reference_words)
    timed = sum(1 for w in reference_words if not w.get("shared"))
    print(f"mean word start error over {timed} words: {error:.0f} ms")
    print(f"  baseline, words spread evenly by length: {spread:.0f} ms")
    heard, draft_seconds = draft(decoded)
    synthetic = word_accuracy(normalized(text), heard)
    print(
        f"speech draft of this synthesized clip: word accuracy {synthetic:.3f}, "
        f"{draft_seconds:.1f} s ({draft_seconds / seconds:.2f} of the clip's length)"
    )
    read = clip_pcm(HUMAN)
    read_seconds = len(read) / 2 / SAMPLE_RATE
    heard, draft_seconds = draft(read)
    accuracy = word_accuracy(normalized(reference(HUMAN)["text"]), heard)
    print(
        f"speech draft of a person reading ({read_seconds:.0f} s, LibriVox): word accuracy "
        f"{accuracy:.3f}, {draft_seconds:.1f} s ({draft_seconds / read_seconds:.2f} of its length)"
    )
    print(
        f"summary: align_rtf={rtf:.3f} word_error_ms={error:.0f} draft_word_accuracy={accuracy:.3f}"
    )


if __name__ == "__main__":
    main()
