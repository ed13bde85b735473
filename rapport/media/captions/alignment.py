"""Forced alignment: when each pasted word is said, found by pocketsphinx in the sound.

pocketsphinx's aligner searches only the paths through the given words, in order, with
optional pauses between them, using its US English acoustic model and CMU dictionary
(both in its wheel: nothing is downloaded, nothing leaves the server). Words the
dictionary lacks get a rough letter-to-sound guess; if the aligner can't use the guesses
it runs without those words, and they are placed between their neighbours.
"""

import re
from dataclasses import dataclass

from pocketsphinx import Decoder

from rapport.media.captions.audio import has_speech, seconds_of
from rapport.media.captions.text import Word, guess_phones, words_of
from rapport.media.vtt import CaptionError

FRAME_SECONDS = 0.01  # pocketsphinx's frame rate is 100 a second
# Fast talkers reach about 4 words a second; more than 5 means the text isn't this clip's.
MAX_WORDS_PER_SECOND = 5
# Most words a text may have that the dictionary doesn't know before we say it doesn't
# look like English (a class list of names still passes: "Thank you Aroha and Wiremu").
MAX_UNKNOWN_SHARE = 0.5
# A correct alignment gives almost every word a natural length; a forced wrong one squeezes
# many words into a few frames each.
SQUEEZED_SECONDS = 0.05
MAX_SQUEEZED_SHARE = 0.3

# pocketsphinx's own beams first; when they lose the path (a word or two said differently
# from the pasted text), wider ones. Text from another recording finds no path through
# either, or a path that stops short of the last word, which counts as none.
SEARCH_BEAMS = ({}, {"beam": 1e-80, "pbeam": 1e-80, "wbeam": 1e-60})

EMPTY = "Paste the words said in the recording first."
SILENT = (
    "We can't hear anyone speaking in that recording, so there is nothing to line the "
    "words up with."
)
MISMATCH = (
    "The words don't match what's said in the recording. Check that you pasted the text "
    "for this recording, word for word. Automatic timing works for English speech only."
)
NOT_ENGLISH = (
    "Most of those words aren't English words we know. Automatic timing works for "
    "English speech only; you can still upload a WebVTT captions file."
)

_SKIPPED_SEGMENTS = {"<s>", "</s>", "<sil>", "(NULL)"}
_ALTERNATIVE = re.compile(r"\(\d+\)$")


@dataclass(frozen=True)
class WordTime:
    text: str  # as pasted, punctuation kept
    start: float
    end: float
    heard: bool = True  # False: placed between its neighbours, not found in the sound


def align(pcm: bytes, text: str) -> list[WordTime]:
    """The time of each word of ``text`` in ``pcm`` (16 kHz mono s16le). Raises
    CaptionError, with a message for the person, when that can't be done well."""
    words = words_of(text)
    if not words:
        raise CaptionError(EMPTY)
    seconds = seconds_of(pcm)
    if len(words) > MAX_WORDS_PER_SECOND * max(seconds, 1.0):
        raise CaptionError(
            f"That's {len(words)} words for {seconds:.0f} seconds of recording — more than "
            "anyone can say in that time. Check you pasted the text for this recording."
        )
    if not has_speech(pcm):
        raise CaptionError(SILENT)
    heard = None
    for beams in SEARCH_BEAMS:
        decoder = Decoder(lm=None, loglevel="FATAL", **beams)
        known = [all(decoder.lookup_word(s) for s in word.spoken) for word in words]
        if len(words) >= 3 and known.count(False) > MAX_UNKNOWN_SHARE * len(words):
            raise CaptionError(NOT_ENGLISH)
        guessed = _add_guesses(decoder, words)
        heard = _force(decoder, pcm, words, include=guessed)
        if heard is None and guessed:
            heard = _force(decoder, pcm, words, include=set())
        if heard is not None:
            break
    if heard is None:
        raise CaptionError(MISMATCH)
    times = _place_unheard(words, heard, seconds)
    squeezed = sum(1 for t in times if t.heard and t.end - t.start <= SQUEEZED_SECONDS)
    if squeezed > MAX_SQUEEZED_SHARE * len(times):
        raise CaptionError(MISMATCH)
    return times


def _add_guesses(decoder: Decoder, words: list[Word]) -> set[str]:
    """Adds a guessed pronunciation for each unknown word; returns the words added."""
    added = set()
    for word in words:
        for spoken in word.spoken:
            if spoken in added or decoder.lookup_word(spoken):
                continue
            phones = guess_phones(spoken)
            if phones:
                decoder.add_word(spoken, phones, True)
                added.add(spoken)
    return added


def _force(decoder: Decoder, pcm: bytes, words: list[Word], *, include: set[str]):
    """(start, end) per word (None for a word left out), or None when the sound and the
    words can't be aligned."""
    listened = [
        [s for s in word.spoken if s in include or s not in _unknown(decoder, word)]
        for word in words
    ]
    sequence = [spoken for parts in listened for spoken in parts]
    if not sequence:
        return None
    try:
        decoder.set_align_text(" ".join(sequence))
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
    except RuntimeError:
        return None
    if decoder.hyp() is None:
        return None  # the search found no path through all the words
    segments = [
        segment
        for segment in decoder.seg()
        if segment.word not in _SKIPPED_SEGMENTS and not segment.word.startswith("[")
    ]
    names = [_ALTERNATIVE.sub("", segment.word) for segment in segments]
    if names != sequence:
        return None
    spans = iter(
        (s.start_frame * FRAME_SECONDS, (s.end_frame + 1) * FRAME_SECONDS) for s in segments
    )
    result = []
    for parts in listened:
        found = [next(spans) for _ in parts]
        result.append((found[0][0], found[-1][1]) if found else None)
    return result


def _unknown(decoder: Decoder, word: Word) -> set[str]:
    return {spoken for spoken in word.spoken if not decoder.lookup_word(spoken)}


def _place_unheard(words: list[Word], heard: list, seconds: float) -> list[WordTime]:
    """WordTimes; a run of words not aligned shares the gap between its neighbours, each
    word by its length in letters."""
    times: list[WordTime] = []
    index = 0
    while index < len(words):
        if heard[index] is not None:
            start, end = heard[index]
            times.append(WordTime(text=words[index].text, start=start, end=end))
            index += 1
            continue
        run_end = index
        while run_end < len(words) and heard[run_end] is None:
            run_end += 1
        gap_start = times[-1].end if times else 0.0
        gap_end = heard[run_end][0] if run_end < len(words) else seconds
        weights = [max(len(words[i].text), 1) for i in range(index, run_end)]
        per_weight = max(gap_end - gap_start, 0.0) / sum(weights)
        position = gap_start
        for offset, weight in enumerate(weights):
            end = position + weight * per_weight
            times.append(
                WordTime(text=words[index + offset].text, start=position, end=end, heard=False)
            )
            position = end
        index = run_end
    return times
