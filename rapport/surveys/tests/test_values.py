"""Every kind of answer is checked the same way, whoever sends it, with a clear message."""

import pytest

from rapport.surveys.models import Question, QuestionType
from rapport.surveys.values import AnswerInvalid, clean_answer, display

pytestmark = pytest.mark.django_db


def question(kind, **options) -> Question:
    return Question(type=kind, prompt="?", options=options)


def refused(q, value) -> str:
    with pytest.raises(AnswerInvalid) as problem:
        clean_answer(q, value)
    return problem.value.message


def test_short_text_is_one_line_and_at_most_200_characters():
    q = question(QuestionType.SHORT_TEXT)
    assert clean_answer(q, "  AH-roh-\n hah ") == "AH-roh- hah"
    assert clean_answer(q, "x" * 200) == "x" * 200
    assert "200 characters or fewer — it's 201 now" in refused(q, "x" * 201)


def test_long_text_keeps_lines_and_is_at_most_4000_characters():
    q = question(QuestionType.LONG_TEXT)
    assert clean_answer(q, "First goal\r\nSecond goal") == "First goal\nSecond goal"
    assert "4,000 characters or fewer — it's 4,001 now" in refused(q, "y" * 4001)


def test_empty_answers_are_no_answer():
    for kind in QuestionType.values:
        assert clean_answer(question(kind, choices=["A", "B"]), "") is None
        assert clean_answer(question(kind, choices=["A", "B"]), []) is None
    assert clean_answer(question(QuestionType.SHORT_TEXT), "   ") is None


def test_single_choice_refuses_a_choice_not_offered():
    q = question(QuestionType.SINGLE_CHOICE, choices=["In Rapport", "Email"])
    assert clean_answer(q, "Email") == "Email"
    assert refused(q, "Carrier pigeon") == "Choose one of the options offered."
    assert refused(q, ["Email", "In Rapport"]) == "Choose one of the options offered."


def test_multiple_choice_refuses_choices_not_offered_and_keeps_the_offered_order():
    q = question(QuestionType.MULTIPLE_CHOICE, choices=["Direct", "Gentle", "Written"])
    assert clean_answer(q, ["Written", "Direct", "Written"]) == ["Direct", "Written"]
    assert "“Sarcastic” isn't one of the options" in refused(q, ["Direct", "Sarcastic"])


def test_scale_is_a_whole_number_from_one_to_five():
    q = question(QuestionType.SCALE)
    assert clean_answer(q, "4") == 4
    assert clean_answer(q, 1) == 1
    for bad in (0, 6, "7", "three", True, 2.5):
        assert refused(q, bad) == "Choose a number from 1 to 5."


def test_ranking_must_place_every_option_once():
    q = question(QuestionType.RANKING, choices=["Videos", "Readings", "Live"])
    assert clean_answer(q, ["Live", "Videos", "Readings"]) == ["Live", "Videos", "Readings"]
    assert "“Readings” doesn't have one yet" in refused(q, ["Live", "Videos"])
    assert "“Live” is in more than one place" in refused(q, ["Live", "Live", "Videos"])
    assert refused(q, ["Live", "Videos", "Podcasts"]) == "Rank only the options offered."


def test_tags_are_lowercased_deduplicated_and_capped():
    q = question(QuestionType.TAGS, suggestions=["hiking"])
    assert clean_answer(q, ["Hiking", " Climate   Policy ", "hiking", "#Birds"]) == [
        "hiking",
        "climate policy",
        "birds",
    ]
    assert "40 characters or fewer" in refused(q, ["a" * 41])
    assert "up to 10 interests — you have 11" in refused(q, [f"tag {n}" for n in range(11)])


def test_availability_refuses_malformed_slots():
    q = question(QuestionType.AVAILABILITY)
    assert clean_answer(q, [[1, 1080, 1200]]) == [[1, 1080, 1200]]
    for bad in (
        [[7, 0, 60]],  # no eighth weekday
        [[-1, 0, 60]],
        [[1, 0, 1500]],  # past the end of the day
        [[1, -30, 60]],
        [[1, 600, 600]],  # starts when it ends
        [[1, 700, 600]],
        [[1, 600]],
        [["1", 600, 700]],
        [[True, 600, 700]],
        "Tuesday evenings",
    ):
        assert "Those times don't look right" in refused(q, bad), bad


def test_availability_refuses_overlapping_slots_and_joins_touching_ones():
    q = question(QuestionType.AVAILABILITY)
    message = refused(q, [[1, 1080, 1200], [1, 1140, 1260]])
    assert "overlap (Tuesday 18:00–20:00 UTC and Tuesday 19:00–21:00 UTC)" in message
    assert clean_answer(q, [[1, 1140, 1200], [1, 1080, 1140]]) == [[1, 1080, 1200]]
    # The same hours on different days do not overlap.
    assert clean_answer(q, [[1, 1080, 1200], [2, 1080, 1200]]) == [[1, 1080, 1200], [2, 1080, 1200]]


def test_answers_read_back_in_words(settings):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    now = datetime(2027, 1, 13, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert (
        display(question(QuestionType.AVAILABILITY), [[6, 1380, 1440]], zone=tokyo, now=now)
        == "Monday 08:00–09:00"
    )
    scale = question(QuestionType.SCALE, low="Too slow", high="Too fast")
    assert display(scale, 5, zone=tokyo, now=now) == "5 of 5 (Too fast)"
    assert display(scale, 3, zone=tokyo, now=now) == "3 of 5"
    ranking = question(QuestionType.RANKING, choices=["A", "B"])
    assert display(ranking, ["B", "A"], zone=tokyo, now=now) == "1. B; 2. A"
