"""Captions from the text a person pasted: their words aligned to the recording offline,
then broken into readable WebVTT cues. Pure functions; no models or storage here.

    pcm = decode_pcm(path)                 # audio.py
    words = align(pcm, text)               # alignment.py
    webvtt = render(words)                 # cues.py

Every failure a person can fix is a ``rapport.media.vtt.CaptionError`` with a message
for them.
"""

from rapport.media.captions.alignment import WordTime, align, checked_words
from rapport.media.captions.audio import decode_pcm
from rapport.media.captions.cues import cues_from_words, render
from rapport.media.vtt import CaptionError


def captions_from_text(source, text: str) -> str:
    """WebVTT for the recording at ``source`` (a path or binary file) saying ``text``."""
    return render(align(decode_pcm(source), text))


__all__ = [
    "CaptionError",
    "WordTime",
    "align",
    "captions_from_text",
    "checked_words",
    "cues_from_words",
    "decode_pcm",
    "render",
]
