"""Pasted text: the words shown in captions and the words the aligner listens for."""

import pytest

from rapport.media.captions.text import guess_phones, number_words, spoken_forms, words_of


def test_punctuation_alone_joins_the_word_before_and_text_is_kept_as_typed():
    words = words_of("— Hello, Aroha & Nguyen! It’s week 3... see you — bye")
    assert [word.text for word in words] == [
        "— Hello,", "Aroha", "&", "Nguyen!", "It’s", "week", "3...", "see", "you —", "bye",
    ]  # fmt: skip
    assert [word.spoken for word in words][2:5] == [("and",), ("nguyen",), ("it's",)]


def test_control_characters_are_not_words():
    assert [word.text for word in words_of("one\x00two\x07 three")] == ["one", "two", "three"]


@pytest.mark.parametrize(
    "token,spoken",
    [
        ("3", ("three",)),
        ("21st", ("twenty", "first")),
        ("2026", ("two", "thousand", "twenty", "six")),
        ("1990s", ("1990s",)),
        ("1999", ("nineteen", "ninety", "nine")),
        ("1905", ("nineteen", "oh", "five")),
        (
            "0412345678",
            ("zero", "four", "one", "two", "three", "four", "five", "six", "seven", "eight"),
        ),
        ("well-being", ("well", "being")),
        ("50%", ("fifty",)),
    ],
)
def test_numbers_and_compounds_are_listened_for_as_said(token, spoken):
    assert spoken_forms(token) == spoken


def test_number_words_up_to_thousands():
    assert number_words(115) == ["one", "hundred", "fifteen"]
    assert number_words(3000) == ["three", "thousand"]


def test_names_get_a_letter_to_sound_guess():
    assert guess_phones("Aroha") == "AA R OW HH AA"
    assert guess_phones("Tāne") == "T AA N"  # accents dropped, silent final e
    assert guess_phones("Shelley") == "SH EH L EY"  # a doubled letter is one sound
    assert guess_phones("北京") == ""  # nothing to spell out: placed between neighbours
