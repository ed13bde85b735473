"""Forced alignment against espeak-ng's own word times, and the refusals people see."""

import pytest

from rapport.media.captions import captions_from_text, search
from rapport.media.captions.alignment import align
from rapport.media.captions.tests.clips import SPEECH, clip_path, clip_pcm, reference
from rapport.media.vtt import CaptionError, parse

TOLERANCE = 0.5


@pytest.mark.parametrize("name", SPEECH)
def test_aligned_words_start_within_half_a_second_of_when_they_were_said(name):
    expected = reference(name)
    words = align(clip_pcm(name), expected["text"])
    assert [word.text for word in words] == [word["word"] for word in expected["words"]]
    for word, said in zip(words, expected["words"], strict=True):
        if said.get("shared"):
            # espeak-ng said it run together with the word before ("with the"): it lies
            # somewhere in that pair's span
            assert said["start"] - TOLERANCE <= word.start <= said["end"] + TOLERANCE
        else:
            assert abs(word.start - said["start"]) <= TOLERANCE, word
            assert abs(word.end - said["end"]) <= TOLERANCE, word
        assert word.start <= word.end


def test_several_clips_in_one_recording_align_as_one_talk():
    pause = bytes(32000 // 2)
    pcm = b"".join(clip_pcm(name) + pause for name in SPEECH)
    words = align(pcm, " ".join(reference(name)["text"] for name in SPEECH))
    offset = 0.0
    expected = []
    for name in SPEECH:
        expected += [w["start"] + offset for w in reference(name)["words"] if not w.get("shared")]
        offset += len(clip_pcm(name)) / 32000 + 0.5
    heard = [w.start for w, said in zip(words, _all_words(), strict=True) if not said.get("shared")]
    assert heard == pytest.approx(expected, abs=TOLERANCE)


def _all_words():
    return [word for name in SPEECH for word in reference(name)["words"]]


def test_a_word_or_two_said_differently_from_the_text_still_aligns():
    text = reference("checkin")["text"].replace("plants", "animals").replace("Friday", "Monday")
    words = align(clip_pcm("checkin"), text)
    said = reference("checkin")["words"]
    assert [w.start for w in words] == pytest.approx([w["start"] for w in said], abs=TOLERANCE)


def test_a_name_missing_from_the_dictionary_still_gets_its_own_time():
    words = {word.text: word for word in align(clip_pcm("names"), reference("names")["text"])}
    said = {word["word"]: word for word in reference("names")["words"]}
    aroha = words["Aroha"]
    assert abs(aroha.start - said["Aroha"]["start"]) <= TOLERANCE
    assert words["you"].end <= aroha.start < aroha.end <= words["and"].start


def test_a_word_the_aligner_cannot_use_is_placed_between_its_neighbours(monkeypatch):
    monkeypatch.setattr(search, "guess_phones", lambda word: "")  # no guess at all
    words = {word.text: word for word in align(clip_pcm("names"), reference("names")["text"])}
    aroha = words["Aroha"]
    assert not aroha.heard
    assert words["you"].end <= aroha.start < aroha.end <= words["and"].start
    assert abs(aroha.start - 1.0) <= TOLERANCE


def test_pasted_text_keeps_its_punctuation_and_numbers_are_heard_as_words():
    text = "Welcome back to week 3. Today we will look at how plants turn sunlight into food,"
    pcm = clip_pcm("checkin")[: 32000 * 6]  # the first six seconds say just that
    words = align(pcm, text)
    assert [word.text for word in words][3:5] == ["week", "3."]
    said = {word["word"]: word for word in reference("checkin")["words"]}
    assert abs(words[4].start - said["three."]["start"]) <= TOLERANCE


def test_a_whole_recording_becomes_captions_the_strict_reader_accepts():
    text = reference("lesson")["text"]
    webvtt = captions_from_text(clip_path("lesson"), text)
    cues = parse(webvtt)
    assert " ".join(cue.text.replace("\n", " ") for cue in cues) == text
    assert cues[0].text == "The water cycle has four parts."


@pytest.mark.parametrize("text", ["", "   \n\t", "— ... !"])
def test_empty_text_is_refused(text):
    with pytest.raises(CaptionError, match="Paste the words said in the recording"):
        align(clip_pcm("names"), text)


def test_text_longer_than_the_recording_could_hold_is_refused():
    text = " ".join([reference("lesson")["text"]] * 2)  # 90 words for 5.5 seconds
    with pytest.raises(CaptionError, match="90 words for 5 seconds"):
        align(clip_pcm("names"), text)


def test_a_silent_recording_is_refused():
    with pytest.raises(CaptionError, match="can't hear anyone speaking"):
        align(clip_pcm("silence"), "Hello everyone")


def test_german_text_is_refused_as_not_english():
    with pytest.raises(CaptionError, match="aren't English words we know"):
        align(clip_pcm("german"), reference("german")["text"])


def test_german_speech_with_english_text_does_not_match():
    with pytest.raises(CaptionError, match="The words don't match what's said"):
        align(clip_pcm("german"), reference("names")["text"])


def test_the_text_of_another_recording_does_not_match():
    with pytest.raises(CaptionError, match="The words don't match what's said"):
        align(
            clip_pcm("names"),
            "Please remember to bring your calculator and a pencil to the exam next Tuesday.",
        )
