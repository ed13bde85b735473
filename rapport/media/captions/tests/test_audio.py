"""Any stored recording, video or voice, decoded to the aligner's 16 kHz mono PCM."""

import numpy as np
import pytest

from rapport.media.captions.audio import (
    SAMPLE_RATE,
    decode_pcm,
    has_speech,
    loud_frames,
    seconds_of,
)
from rapport.media.captions.tests.clips import clip_path
from rapport.media.samples import make_audio, make_video
from rapport.media.vtt import CaptionError


def test_a_voice_clip_decodes_to_sixteen_khz_mono_of_the_same_length():
    pcm = decode_pcm(clip_path("names"))
    assert seconds_of(pcm) == pytest.approx(5.47, abs=0.05)
    assert has_speech(pcm)


@pytest.mark.parametrize("container", ["webm", "mp4"])
def test_a_video_decodes_to_its_sound(tmp_path, container):
    path = make_video(tmp_path / f"clip.{container}", seconds=2.0, container=container)
    pcm = decode_pcm(path)
    assert seconds_of(pcm) == pytest.approx(2.0, abs=0.1)
    assert has_speech(pcm)  # the sample's tone is loud enough


@pytest.mark.parametrize("container", ["ogg", "m4a"])
def test_a_voice_recording_of_another_format_decodes(tmp_path, container):
    path = make_audio(tmp_path / f"voice.{container}", seconds=1.5, container=container)
    assert seconds_of(decode_pcm(path)) == pytest.approx(1.5, abs=0.1)


def test_silence_has_no_speech():
    assert not has_speech(decode_pcm(clip_path("silence")))


def test_a_video_without_sound_is_refused(tmp_path):
    path = make_video(tmp_path / "mute.webm", tone_hz=None)
    with pytest.raises(CaptionError, match="no sound track"):
        decode_pcm(path)


def test_a_file_that_is_not_a_recording_is_refused(tmp_path):
    path = tmp_path / "notes.webm"
    path.write_bytes(b"not a recording at all" * 100)
    with pytest.raises(CaptionError, match="couldn't read the sound"):
        decode_pcm(path)


def test_loudness_is_judged_over_the_rooms_own_noise():
    rng = np.random.default_rng(7)
    hum = rng.normal(0, 10 ** (-32 / 20) * 32768, SAMPLE_RATE * 2)  # a noisy room, -32 dBFS
    voice = np.sin(np.arange(SAMPLE_RATE // 2) * 2 * np.pi * 200 / SAMPLE_RATE) * 10000
    hum[SAMPLE_RATE : SAMPLE_RATE + voice.size] += voice
    loud = loud_frames(hum.astype("<i2").tobytes())
    assert loud[100:150].all()  # the half second of voice
    assert not loud[:95].any() and not loud[155:].any()
