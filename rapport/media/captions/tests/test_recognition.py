"""The speech draft: pocketsphinx listening with no text given, on a person's voice."""

import wave

import pytest

from rapport.media.captions import draft_from_speech, recognition
from rapport.media.captions.alignment import SILENT
from rapport.media.captions.tests.clips import (
    HUMAN,
    clip_pcm,
    reference,
    stretch_of,
    word_accuracy,
)
from rapport.media.vtt import CaptionError, parse


def test_most_words_of_a_person_reading_are_heard_at_their_times():
    # "had he married a more amiable woman he might have been made still more respectable
    # than he was": the fourth sentence of the reading
    pcm, expected = stretch_of(HUMAN, 44, 62)
    words = recognition.draft_words(pcm)
    said = expected["text"].split()
    heard = [word.text for word in words]
    assert word_accuracy(said, heard) >= 0.6, heard
    assert [w.start for w in words] == sorted(w.start for w in words)
    times = {w["word"]: w["start"] for w in expected["words"]}
    for word in words:
        if word.text in ("married", "amiable", "respectable"):
            assert word.start == pytest.approx(times[word.text], abs=0.5), word


def test_a_draft_is_webvtt_the_strict_reader_accepts(tmp_path):
    pcm, _ = stretch_of(HUMAN, 63, 70)  # "he might even have been made amiable himself"
    path = tmp_path / "reply.wav"

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(pcm)
    cues = parse(draft_from_speech(path))
    assert cues and "amiable" in " ".join(cue.text for cue in cues)
    assert all(cue.end <= len(pcm) / 32000 + 0.01 for cue in cues)


def test_a_silent_recording_has_no_draft():
    with pytest.raises(CaptionError) as refusal:
        recognition.draft_words(clip_pcm("silence"))
    assert refusal.value.message == SILENT


def test_the_reference_of_the_reading_is_whole():
    expected = reference(HUMAN)
    assert len(expected["words"]) == len(expected["text"].split()) == 71
