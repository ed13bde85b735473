"""Captions from the text a person pasted: their words aligned to the recording offline,
then broken into readable WebVTT cues. Pure functions; no models or storage here.

    pcm = decode_pcm(path)                 # audio.py
    words = align(pcm, text)               # alignment.py
    webvtt = render(words)                 # cues.py

Every failure a person can fix is a ``rapport.media.vtt.CaptionError`` with a message
for them.
"""

from rapport.media.captions.alignment import WordTime, align, checked_words
from rapport.media.captions.audio import decode_pcm, seconds_of
from rapport.media.captions.cues import cues_from_words, render
from rapport.media.captions.recognition import draft_words
from rapport.media.vtt import CaptionError


def captions_from_text(source, text: str) -> str:
    """WebVTT for the recording at ``source`` (a path or binary file) saying ``text``."""
    pcm = decode_pcm(source)
    return render(align(pcm, text), duration=seconds_of(pcm))


def draft_from_speech(source) -> str:
    """WebVTT of the English words heard in the recording at ``source``, no text given: a
    draft for its author to check (recognition.py)."""
    pcm = decode_pcm(source)
    return render(draft_words(pcm), duration=seconds_of(pcm))


__all__ = [
    "CaptionError",
    "WordTime",
    "align",
    "captions_from_text",
    "checked_words",
    "cues_from_words",
    "decode_pcm",
    "draft_from_speech",
    "draft_words",
    "render",
]
