"""The generated clips are what tests and the benchmark take them for."""

import time

import av
import pytest

from rapport.core.recordings import header_duration
from rapport.media import pipeline, samples


def test_a_browser_like_webm_is_vp8_and_opus_with_no_duration(tmp_path):
    path = samples.make_browser_webm(tmp_path / "rec.webm", seconds=1, size=(160, 120))
    with av.open(str(path)) as container:
        assert container.format.name == "matroska,webm"
        assert header_duration(container) is None
        assert container.streams.video[0].codec_context.name == "vp8"
        assert container.streams.audio[0].codec_context.name == "opus"
    assert pipeline.measure_duration(path) == pytest.approx(1.0, abs=0.1)


@pytest.mark.parametrize("container,codecs", [("mp4", ("h264", "aac")), ("mkv", ("mpeg4", "opus"))])
def test_videos_carry_the_codecs_asked_for(tmp_path, container, codecs):
    path = samples.make_video(
        tmp_path / f"c.{container}", seconds=1, size=(160, 120), container=container
    )
    with av.open(str(path)) as result:
        assert (
            result.streams.video[0].codec_context.name,
            result.streams.audio[0].codec_context.name,
        ) == codecs


@pytest.mark.parametrize("container,codec", [("webm", "opus"), ("ogg", "opus"), ("m4a", "aac")])
def test_audio_clips(tmp_path, container, codec):
    path = samples.make_audio(tmp_path / f"a.{container}", seconds=1, container=container)
    with av.open(str(path)) as result:
        assert not result.streams.video
        assert result.streams.audio[0].codec_context.name == codec


def test_a_large_video_is_written_fast_and_stays_under_its_target(tmp_path):
    target = 20 * 1024 * 1024
    started = time.perf_counter()
    path = samples.make_large_video(tmp_path / "big.mkv", target_bytes=target)
    assert time.perf_counter() - started < 5
    size = path.stat().st_size
    assert target - 1024 * 1024 < size <= target
    probe = pipeline.probe(path)
    assert probe.kind == "video" and probe.duration > 1
