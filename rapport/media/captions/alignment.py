"""Forced alignment: when each pasted word is said, found in the sound (search.py).

Words the dictionary lacks get a rough letter-to-sound guess; if the search can't use the
guesses it runs without those words, and they are placed between their neighbours.
"""

from dataclasses import dataclass

from rapport.media.captions.audio import has_speech, seconds_of
from rapport.media.captions.search import FRAME_SECONDS, Searcher
from rapport.media.captions.text import Word, words_of
from rapport.media.vtt import CaptionError

# Fast talkers reach about 4 words a second; more than 5 means the text isn't this clip's.
MAX_WORDS_PER_SECOND = 5
# Most words a text may have that the dictionary doesn't know before we say it doesn't
# look like English (a class list of names still passes: "Thank you Aroha and Wiremu").
MAX_UNKNOWN_SHARE = 0.5
# What a text that matches the speech needs of the search's help (see search.py): a few
# restarts in a long talk and a few words placed strictly; a text that doesn't match needs
# them everywhere.
RESTARTS_ALLOWED = 4
WORDS_PER_RESTART = 10
MAX_STRICT_SHARE = 0.25
# A correct alignment gives almost every word a natural length; a forced wrong one squeezes
# many words into a few frames each.
SQUEEZED_SECONDS = 0.05
MAX_SQUEEZED_SHARE = 0.3

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


@dataclass(frozen=True)
class WordTime:
    text: str  # as pasted, punctuation kept
    start: float
    end: float
    heard: bool = True  # False: placed between its neighbours, not found in the sound


def align(pcm: bytes, text: str) -> list[WordTime]:
    """The time of each word of ``text`` in ``pcm`` (16 kHz mono s16le). Raises
    CaptionError, with a message for the person, when that can't be done well."""
    seconds = seconds_of(pcm)
    words = checked_words(text, seconds)
    if not has_speech(pcm):
        raise CaptionError(SILENT)
    searcher = Searcher(pcm)
    known = [all(searcher.knows(spoken) for spoken in word.spoken) for word in words]
    if len(words) >= 3 and known.count(False) > MAX_UNKNOWN_SHARE * len(words):
        raise CaptionError(NOT_ENGLISH)
    guessed = searcher.add_guesses([spoken for word in words for spoken in word.spoken])
    heard = _force(searcher, words, include=guessed)
    if heard is None and guessed:
        heard = _force(searcher, words, include=set())
    if heard is None:
        raise CaptionError(MISMATCH)
    times = _place_unheard(words, heard, seconds)
    squeezed = sum(1 for t in times if t.heard and t.end - t.start <= SQUEEZED_SECONDS)
    if squeezed > MAX_SQUEEZED_SHARE * len(times):
        raise CaptionError(MISMATCH)
    return times


def checked_words(text: str, seconds: float) -> list[Word]:
    """The words of ``text``, or CaptionError when there are none or when a recording of
    ``seconds`` seconds couldn't hold them — checks that need no sound."""
    words = words_of(text)
    if not words:
        raise CaptionError(EMPTY)
    if len(words) > MAX_WORDS_PER_SECOND * max(seconds, 1.0):
        raise CaptionError(
            f"That's {len(words)} words for {seconds:.0f} seconds of recording — more than "
            "anyone can say in that time. Check you pasted the text for this recording."
        )
    return words


def _force(searcher: Searcher, words: list[Word], *, include: set[str]):
    """(start, end) per word (None for a word left out), or None when the sound and the
    words can't be aligned well."""
    listened = [
        [spoken for spoken in word.spoken if spoken in include or searcher.knows(spoken)]
        for word in words
    ]
    sequence = [spoken for parts in listened for spoken in parts]
    if not sequence:
        return None
    placement = searcher.place(sequence)
    if (
        placement is None
        or placement.restarts > RESTARTS_ALLOWED + len(sequence) // WORDS_PER_RESTART
        or placement.strict_words > MAX_STRICT_SHARE * len(sequence)
    ):
        return None
    spans = iter(
        (first * FRAME_SECONDS, (last + 1) * FRAME_SECONDS) for first, last in placement.frames
    )
    result = []
    for parts in listened:
        times = [next(spans) for _ in parts]
        result.append((times[0][0], times[-1][1]) if times else None)
    return result


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
