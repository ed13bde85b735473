"""Recordings made on the spot, the same every time: for tests, the upload benchmark and the
demo seed. PyAV's wheels carry the encoders, so nothing here needs a system FFmpeg.

``make_video`` and ``make_audio`` write small real clips (a coloured picture with a moving
bar, a sine tone). ``make_browser_webm`` writes what a browser's MediaRecorder produces:
VP8 + Opus in WebM with no duration in the header. ``make_large_video`` writes a big valid
file fast, for upload benchmarks, by storing uncompressed frames.
"""

import math
from fractions import Fraction
from pathlib import Path

import av

# container -> (muxer, default video encoder, default audio encoder)
_VIDEO_CONTAINERS = {
    "webm": ("webm", "libvpx", "libopus"),
    "mp4": ("mp4", "libx264", "aac"),
    "mkv": ("matroska", "mpeg4", "libopus"),
}
_AUDIO_CONTAINERS = {
    "webm": ("webm", "libopus"),
    "ogg": ("ogg", "libopus"),
    "m4a": ("ipod", "aac"),
}
_AUDIO_RATE = 48000
_FAST_ENCODER_OPTIONS = {
    "libx264": {"preset": "ultrafast"},
    "libvpx": {"deadline": "realtime", "cpu-used": "8"},
}


def make_video(
    path,
    *,
    seconds: float = 2.0,
    size: tuple[int, int] = (320, 240),
    color: tuple[int, int, int] = (200, 120, 60),
    tone_hz: float | None = 440,
    container: str = "webm",
    video_codec: str | None = None,
    audio_codec: str | None = None,
    fps: int = 15,
    live: bool = False,
    metadata: dict | None = None,
) -> Path:
    """A clip of ``seconds`` seconds: ``color`` with a white bar sweeping across, and a
    ``tone_hz`` sine tone (no sound track at all when ``tone_hz`` is None). ``live=True``
    writes Matroska/WebM the way a live recorder does, without a duration or an index."""
    muxer, default_video, default_audio = _VIDEO_CONTAINERS[container]
    video_codec = video_codec or default_video
    audio_codec = audio_codec or default_audio
    width, height = size
    options = {"live": "1"} if live else {}
    with av.open(str(path), mode="w", format=muxer, options=options) as output:
        output.metadata.update(metadata or {})
        video = output.add_stream(video_codec, rate=fps)
        video.width, video.height = width, height
        video.pix_fmt = "yuv420p"
        video.codec_context.options = _FAST_ENCODER_OPTIONS.get(video_codec, {})
        audio = _add_audio_stream(output, audio_codec) if tone_hz else None
        picture = _picture(size, color)
        frames = max(1, round(seconds * fps))
        samples_written = 0
        for index in range(frames):
            frame = av.VideoFrame.from_image(_with_bar(picture, index / frames))
            frame = frame.reformat(format="yuv420p")
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            output.mux(video.encode(frame))
            if audio is not None:
                due = round((index + 1) / fps * _AUDIO_RATE)
                output.mux(audio.encode(_tone(samples_written, due - samples_written, tone_hz)))
                samples_written = due
        output.mux(video.encode(None))
        if audio is not None:
            output.mux(audio.encode(None))
    return Path(path)


def make_browser_webm(path, **kwargs) -> Path:
    """What Chrome's and Firefox's MediaRecorder upload: VP8 + Opus in WebM, written as a
    stream, so the header says nothing about how long the recording is."""
    return make_video(
        path, container="webm", video_codec="libvpx", audio_codec="libopus", live=True, **kwargs
    )


def make_audio(
    path,
    *,
    seconds: float = 2.0,
    tone_hz: float = 440,
    container: str = "webm",
    live: bool = False,
) -> Path:
    """A sine tone of ``seconds`` seconds: Opus in WebM or Ogg, or AAC in M4A."""
    muxer, codec = _AUDIO_CONTAINERS[container]
    options = {"live": "1"} if live and muxer == "webm" else {}
    with av.open(str(path), mode="w", format=muxer, options=options) as output:
        audio = _add_audio_stream(output, codec)
        total = round(seconds * _AUDIO_RATE)
        step = 960
        for start in range(0, total, step):
            output.mux(audio.encode(_tone(start, min(step, total - start), tone_hz)))
        output.mux(audio.encode(None))
    return Path(path)


def make_large_video(
    path, *, target_bytes: int, size: tuple[int, int] = (640, 480), fps: int = 25
) -> Path:
    """A valid Matroska video of uncompressed frames, at most ``target_bytes`` long and
    within about one frame of it — 200 MB in a second or two, since nothing is encoded:
    the same few raw pictures are written as packets again and again."""
    width, height = size
    frame_bytes = width * height * 3 // 2  # yuv420p
    # Matroska adds a few dozen bytes per block, a header and an index at the end.
    overhead_per_frame = 64
    frames = max(1, (target_bytes - 64 * 1024) // (frame_bytes + overhead_per_frame))
    pictures = []
    base = _picture(size, (40, 120, 90))
    for step in range(8):
        frame = av.VideoFrame.from_image(_with_bar(base, step / 8)).reformat(format="yuv420p")
        pictures.append(b"".join(bytes(plane) for plane in frame.planes))
    with av.open(str(path), mode="w", format="matroska") as output:
        video = output.add_stream("rawvideo", rate=fps)
        video.width, video.height = width, height
        video.pix_fmt = "yuv420p"
        video.codec_context.codec_tag = "I420"
        time_base = Fraction(1, fps)
        for index in range(frames):
            packet = av.Packet(pictures[index % len(pictures)])
            packet.stream = video
            packet.pts = packet.dts = index
            packet.duration = 1
            packet.time_base = time_base
            packet.is_keyframe = True
            output.mux(packet)
    return Path(path)


def _add_audio_stream(output, codec: str):
    audio = output.add_stream(codec, rate=_AUDIO_RATE, layout="mono")
    return audio


def _tone(start: int, count: int, tone_hz: float) -> av.AudioFrame:
    frame = av.AudioFrame(format="s16", layout="mono", samples=count)
    wave = bytearray()
    for i in range(count):
        value = int(6000 * math.sin(2 * math.pi * tone_hz * (start + i) / _AUDIO_RATE))
        wave += value.to_bytes(2, "little", signed=True)
    frame.planes[0].update(bytes(wave))
    frame.sample_rate = _AUDIO_RATE
    frame.pts = start
    frame.time_base = Fraction(1, _AUDIO_RATE)
    return frame


def _picture(size, color):
    from PIL import Image

    return Image.new("RGB", size, color)


def _with_bar(picture, position: float):
    """The picture with a white bar at ``position`` (0–1) across it, so frames differ."""
    from PIL import ImageDraw

    image = picture.copy()
    width, height = image.size
    bar = max(2, width // 16)
    x = int(position * (width - bar))
    ImageDraw.Draw(image).rectangle([x, 0, x + bar - 1, height - 1], fill=(255, 255, 255))
    return image
