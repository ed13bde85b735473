"""Readable cues from timed words: the rules hold for any words, and breaks fall where a
reader expects them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rapport.media import vtt
from rapport.media.captions.alignment import WordTime
from rapport.media.captions.cues import (
    LINE_CHARS,
    MAX_SECONDS,
    MIN_SECONDS,
    cues_from_words,
    render,
)


def timed(text: str, *, start: float = 0.0, each: float = 0.3, pause: float = 0.0):
    """Words said one after another, ``each`` seconds apart, a ``pause`` after sentences."""
    words = []
    position = start
    for token in text.split():
        words.append(WordTime(text=token, start=position, end=position + each * 0.9))
        position += each + (pause if token.endswith(".") else 0.0)
    return words


def cue_texts(cues):
    return [cue.text for cue in cues]


def test_short_sentences_become_one_cue_each():
    cues = cues_from_words(timed("Welcome back everyone. Today is about plants.", pause=0.5))
    assert cue_texts(cues) == ["Welcome back everyone.", "Today is about plants."]


def test_a_long_sentence_breaks_at_its_commas_not_mid_phrase():
    text = (
        "Water evaporates from the ocean, it condenses into clouds, and it falls again as "
        "rain or snow, then it collects in rivers and lakes."
    )
    cues = cues_from_words(timed(text))
    for cue in cues[:-1]:
        assert cue.text.endswith(","), cue_texts(cues)
    assert " ".join(t.replace("\n", " ") for t in cue_texts(cues)) == text


def test_two_lines_split_at_a_comma_when_there_is_one():
    cues = cues_from_words(timed("Thank you Aroha and Nguyen, for sharing your stories today."))
    assert cue_texts(cues) == ["Thank you Aroha and Nguyen,\nfor sharing your stories today."]


def test_a_word_longer_than_a_line_stands_alone_whole():
    word = "Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenua"
    cues = cues_from_words(timed(f"We visited {word} today."))
    assert word in [line for cue in cues for line in cue.text.split("\n")]


def test_a_quick_last_word_stays_on_screen_a_full_second():
    cues = cues_from_words([WordTime(text="Hi.", start=2.0, end=2.2)])
    assert (cues[0].start, cues[0].end) == (2.0, 3.0)


def test_a_word_stretched_over_a_long_pause_is_shown_at_most_seven_seconds():
    cues = cues_from_words([WordTime(text="Well...", start=0.0, end=12.0)])
    assert cues[0].end - cues[0].start == MAX_SECONDS


def test_no_words_make_no_cues():
    assert cues_from_words([]) == []


def test_rendered_cues_are_webvtt_the_strict_reader_accepts():
    webvtt = render(timed("One & two <three> four. Five six.", pause=1.0))
    assert [cue.text for cue in vtt.parse(webvtt)] == ["One & two <three> four.", "Five six."]


_TOKENS = st.one_of(
    st.sampled_from(["and", "but", "so", "the", "a", "to", "Aroha", "Nguyen", "week's"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=43, max_size=60),
).flatmap(lambda word: st.sampled_from([word, f"{word},", f"{word}.", f"{word}?"]))


@st.composite
def spoken_words(draw):
    count = draw(st.integers(min_value=1, max_value=80))
    words = []
    position = draw(st.floats(min_value=0, max_value=3))
    for _ in range(count):
        position += draw(st.floats(min_value=0, max_value=2.5))  # the pause before it
        length = draw(st.floats(min_value=0.02, max_value=9))
        words.append(WordTime(text=draw(_TOKENS), start=position, end=position + length))
        position += length
    return words


@settings(max_examples=300, deadline=None)
@given(spoken_words())
def test_cues_follow_the_reading_rules_for_any_words(words):
    cues = cues_from_words(words)
    # every word present, once, in order, never split
    assert " ".join(cue.text.replace("\n", " ") for cue in cues) == " ".join(
        word.text for word in words
    )
    previous_end = 0.0
    for cue in cues:
        assert MIN_SECONDS <= round(cue.end - cue.start, 3) <= MAX_SECONDS
        assert cue.start >= previous_end  # no overlap, in order
        previous_end = cue.end
        lines = cue.text.split("\n")
        assert 1 <= len(lines) <= 2
        for line in lines:
            assert len(line) <= LINE_CHARS or " " not in line  # only a lone long word
    written = vtt.parse(vtt.render(cues))
    assert [(round(c.start, 3), round(c.end, 3), c.text) for c in written] == [
        (c.start, c.end, c.text) for c in cues
    ]


def test_no_cue_lasts_past_the_end_of_the_recording():
    words = [WordTime(text="Hi", start=0.1, end=0.3), WordTime(text="there.", start=0.3, end=0.55)]
    assert cues_from_words(words)[-1].end == 1.1  # a second on screen at least
    cues = cues_from_words(words, duration=0.6)
    assert [(cue.start, cue.end) for cue in cues] == [(0.1, 0.6)]
