"""Finding a word sequence in the sound with pocketsphinx's aligner.

pocketsphinx searches only the paths through the given words, in order, with optional
silence between them, using its US English acoustic model and CMU dictionary (both in its
wheel: nothing is downloaded, nothing leaves the server).

The search runs first with pocketsphinx's own beams. They can lose the path over a word
said a little differently from the text; from then on wider beams are used. The wide
search sometimes gives the words after a pause to silence and ends its path there, short
of the text's end (it happens at some sentence ends). The sequence is then placed a piece
at a time: after a short path, the search starts again from its last word with the words
left; where it places no word at all, a strict search with no silence model — every word
must be somewhere, pauses going to the word before them — places the next few words, and
loudness trims the pauses off their edges. A text that isn't what was said needs that
help everywhere; how often it was needed tells the caller how well the text matched.
"""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from pocketsphinx import Decoder

from rapport.media.captions.audio import BYTES_PER_SECOND, loud_frames
from rapport.media.captions.text import guess_phones

FRAME_SECONDS = 0.01  # pocketsphinx's frame rate is 100 a second
BYTES_PER_FRAME = round(BYTES_PER_SECOND * FRAME_SECONDS)
# Dither: a stretch of exact digital zeros (a muted microphone, padding) has no energy to
# take the logarithm of, which throws the features off; half a bit of noise, the same every
# run, gives it some.
DECODER_OPTIONS = {"dither": True, "seed": 1}
WIDE_BEAMS = {"beam": 1e-80, "pbeam": 1e-80, "wbeam": 1e-60}  # pocketsphinx's: 1e-48
MODES = {
    "narrow": {},
    "wide": WIDE_BEAMS,
    "strict": {**WIDE_BEAMS, "fsgusefiller": False},
}
STRICT_WORDS = 6  # how many words the strict search places before the other takes over
PAUSE_FRAMES = 15  # quiet this long at a word's end is a pause, not a soft consonant
_SKIPPED = {"<s>", "</s>", "<sil>", "(NULL)"}


@dataclass
class Placement:
    frames: list[tuple[int, int]]  # first and last frame of each word
    restarts: int = 0  # searches started again after a short path
    strict_words: int = 0  # words the strict search placed


@dataclass
class Searcher:
    pcm: bytes
    guesses: dict[str, str] = field(default_factory=dict)  # word -> phones to add
    _decoders: dict[str, Decoder] = field(default_factory=dict)

    def knows(self, word: str) -> bool:
        """Whether the dictionary has ``word`` (guesses aside)."""
        return self._decoder("narrow").lookup_word(word) is not None

    def add_guesses(self, words: list[str]) -> set[str]:
        """Gives each word the dictionary lacks a letter-to-sound pronunciation, where one
        can be spelled out; returns the words that got one."""
        for word in words:
            if word in self.guesses or self.knows(word):
                continue
            phones = guess_phones(word)
            if phones:
                self.guesses[word] = phones
                for decoder in self._decoders.values():
                    decoder.add_word(word, phones, True)
        return set(self.guesses)

    def place(self, sequence: list[str]) -> Placement | None:
        """Where each word of ``sequence`` is, or None when the sound can't hold them."""
        placement = Placement(frames=[])
        first_frame = 0
        mode = "narrow"
        while len(placement.frames) < len(sequence):
            rest = sequence[len(placement.frames) :]
            placed = self._search(first_frame, rest, mode)
            if len(placed) < len(rest) and mode == "narrow":
                # wide from here on: a narrow pass before each restart would double the cost
                mode = "wide"
                placed = self._search(first_frame, rest, mode)
            if len(placed) == len(rest):
                placement.frames.extend(placed)
                break
            if placed:
                placement.restarts += 1
                # the last word before the path stopped may have lost its end to silence
                placed = placed[:-1] or placed
            else:
                placed = self._search(first_frame, rest, "strict")[:STRICT_WORDS]
                if not placed:
                    return None
                placed = [self._without_pause(span) for span in placed]
                placement.strict_words += len(placed)
            placement.frames.extend(placed)
            first_frame = placed[-1][1] + 1
        return placement

    def _decoder(self, mode: str) -> Decoder:
        if mode not in self._decoders:
            decoder = Decoder(lm=None, loglevel="FATAL", **DECODER_OPTIONS, **MODES[mode])
            for word, phones in self.guesses.items():
                decoder.add_word(word, phones, True)
            self._decoders[mode] = decoder
        return self._decoders[mode]

    def _search(self, first_frame: int, sequence: list[str], mode: str):
        """(first, last frame) of each word of the longest start of ``sequence`` that the
        search places in the sound from ``first_frame`` on; [] when it places none."""
        sound = self.pcm[first_frame * BYTES_PER_FRAME :]
        if len(sound) < BYTES_PER_FRAME * 10:
            return []
        decoder = self._decoder(mode)
        try:
            decoder.set_align_text(" ".join(sequence))
            decoder.start_utt()
            decoder.process_raw(sound, full_utt=True)
            decoder.end_utt()
        except RuntimeError:
            return []
        if decoder.hyp() is None:
            return []
        placed = []
        for segment in decoder.seg():
            if segment.word in _SKIPPED or segment.word.startswith("["):
                continue
            name = segment.word.split("(")[0]  # "the(2)": its second pronunciation
            if len(placed) >= len(sequence) or name != sequence[len(placed)]:
                return []
            placed.append((first_frame + segment.start_frame, first_frame + segment.end_frame))
        return placed

    def _without_pause(self, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` with a pause at either edge trimmed off (the strict search lends
        pauses to words, the first word getting any silence before it)."""
        first, last = span
        sounding = np.flatnonzero(self._loud[first : last + 1])
        if not sounding.size:
            return span
        lead = int(sounding[0])
        if lead >= PAUSE_FRAMES:
            first += lead - 2
            sounding = sounding - (lead - 2)
        if last - (first + sounding[-1]) >= PAUSE_FRAMES:
            last = first + int(sounding[-1]) + 2
        return first, last

    @cached_property
    def _loud(self) -> np.ndarray:
        return loud_frames(self.pcm)
