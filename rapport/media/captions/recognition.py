"""A speech draft: what pocketsphinx's US English model hears in a recording, with no text
given, as words with times, for its author to check and correct before anyone else sees it.

The recording is cut into stretches of speech (pocketsphinx's own voice activity
detection), each recognised alone, so a long talk never becomes one huge search. On real
read speech its words are right about seven times in ten (bench/captions.py): worth
correcting, never worth showing unchecked.
"""

import re
from collections.abc import Iterator

from pocketsphinx import Decoder, Endpointer

from rapport.media.captions.alignment import SILENT, WordTime
from rapport.media.captions.audio import has_speech
from rapport.media.captions.search import DECODER_OPTIONS, FRAME_SECONDS
from rapport.media.vtt import CaptionError

NOTHING_HEARD = (
    "We couldn't make out any words in that recording. Paste what was said instead, or "
    "write the captions yourself."
)
_ALTERNATE = re.compile(r"\(\d+\)$")  # the dictionary's "to(2)": a second pronunciation


def draft_words(pcm: bytes) -> list[WordTime]:
    """The words heard in ``pcm`` (16 kHz mono s16le), lower case and unpunctuated, each
    with its time; CaptionError, with a message for the person, when there are none."""
    if not has_speech(pcm):
        raise CaptionError(SILENT)
    decoder = Decoder(loglevel="FATAL", **DECODER_OPTIONS)
    words: list[WordTime] = []
    for began, sound in _stretches(pcm):
        decoder.start_utt()
        decoder.process_raw(sound, full_utt=True)
        decoder.end_utt()
        words.extend(
            WordTime(
                text=_ALTERNATE.sub("", segment.word),
                start=began + segment.start_frame * FRAME_SECONDS,
                end=began + (segment.end_frame + 1) * FRAME_SECONDS,
            )
            for segment in decoder.seg()
            if _is_word(segment.word)
        )
    if not words:
        raise CaptionError(NOTHING_HEARD)
    return words


def _stretches(pcm: bytes) -> Iterator[tuple[float, bytes]]:
    """(start in seconds, sound) of each stretch of speech. pocketsphinx's own Segmenter
    loop drops a stretch still going when the recording ends (it ends the stream only on
    a short last frame); here the last frame always ends it, and what is left is kept."""
    endpointer = Endpointer()
    size = endpointer.frame_bytes
    frames: list[bytes] = []
    for offset in range(0, len(pcm), size):
        frame = pcm[offset : offset + size]
        last = offset + size >= len(pcm)
        speech = endpointer.end_stream(frame) if last else endpointer.process(frame)
        if speech is None:
            continue
        frames.append(speech)
        if not endpointer.in_speech:
            yield endpointer.speech_start, b"".join(frames)
            frames = []
    if frames:
        yield endpointer.speech_start, b"".join(frames)


def _is_word(token: str) -> bool:
    return not (token.startswith(("<", "[", "+")) or token == "(NULL)")
