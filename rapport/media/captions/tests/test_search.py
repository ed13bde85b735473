"""The search's ways round pocketsphinx stopping short: wider beams, starting again after a
short path, and the strict search where it places nothing."""

import pytest

from rapport.media.captions.search import FRAME_SECONDS, STRICT_WORDS, Searcher
from rapport.media.captions.tests.clips import clip_pcm, reference
from rapport.media.captions.text import words_of


@pytest.fixture
def lesson():
    sequence = [s for word in words_of(reference("lesson")["text"]) for s in word.spoken]
    return clip_pcm("lesson"), sequence


def searcher(pcm, sequence) -> Searcher:
    searcher = Searcher(pcm)
    searcher.add_guesses(sequence)  # the lesson says "condenses", which CMU lacks
    return searcher


def starts(placement):
    return [first * FRAME_SECONDS for first, _ in placement.frames]


def wide_search_stops(monkeypatch, *, keep: int | None):
    """The narrow search finds nothing, so the wide one runs; its first search returns only
    its first ``keep`` words (None: all it found)."""
    real = Searcher._search
    calls = []

    def stopping(self, first_frame, sequence, mode):
        if mode == "narrow":
            return []
        placed = real(self, first_frame, sequence, mode)
        if mode == "wide" and not calls and keep is not None:
            calls.append(first_frame)
            return placed[:keep]
        return placed

    monkeypatch.setattr(Searcher, "_search", stopping)


def test_a_path_that_stops_short_is_continued_from_its_last_word(lesson, monkeypatch):
    pcm, sequence = lesson
    wide_search_stops(monkeypatch, keep=None)
    whole = searcher(pcm, sequence).place(sequence)
    wide_search_stops(monkeypatch, keep=8)
    pieced = searcher(pcm, sequence).place(sequence)
    assert pieced.restarts == whole.restarts + 1
    assert len(pieced.frames) == len(sequence)
    assert starts(pieced) == pytest.approx(starts(whole), abs=0.15)


def test_where_the_search_places_nothing_the_strict_one_places_the_next_words(lesson, monkeypatch):
    pcm, sequence = lesson
    whole = searcher(pcm, sequence).place(sequence)
    wide_search_stops(monkeypatch, keep=0)
    pieced = searcher(pcm, sequence).place(sequence)
    assert pieced.strict_words == STRICT_WORDS
    assert starts(pieced) == pytest.approx(starts(whole), abs=0.15)
    said = reference("lesson")["words"]
    # "parts." is followed by a pause; the strict search lends it the pause, then it is
    # trimmed off by loudness
    parts_end = (pieced.frames[5][1] + 1) * FRAME_SECONDS
    assert said[5]["word"] == "parts."
    assert abs(parts_end - said[5]["end"]) <= 0.15


def test_the_narrow_search_places_a_whole_clip_alone(lesson, monkeypatch):
    pcm, sequence = lesson
    modes = []
    real = Searcher._search

    def noted(self, first_frame, words, mode):
        modes.append(mode)
        return real(self, first_frame, words, mode)

    monkeypatch.setattr(Searcher, "_search", noted)
    placement = searcher(pcm, sequence).place(sequence)
    assert (modes, placement.restarts, placement.strict_words) == (["narrow"], 0, 0)


def test_sound_too_short_for_the_words_places_none():
    assert Searcher(clip_pcm("names")[:3200]).place(["thank", "you"]) is None
