"""Reading and converting recordings with PyAV. No models and no storage here: functions
take local paths (or, for the probe, a file object) and write local files.

Everything streams: packets are demuxed, decoded, encoded and muxed one at a time, so a
ten-minute video never sits in memory.
"""

import logging
from dataclasses import dataclass
from fractions import Fraction

import av
from PIL import Image

from rapport.core.recordings import GRACE_SECONDS, header_duration, open_input

logger = logging.getLogger(__name__)

# Played on phones and laptops: 720p-class is plenty, and keeps files and CPU modest.
MAX_SIDE = 1280
POSTER_AT_SECONDS = 1.0
POSTER_QUALITY = 85
AUDIO_RATE = 48000
X264_OPTIONS = {"preset": "veryfast", "crf": "23", "profile": "high"}
MP4_OPTIONS = {"movflags": "+faststart"}
# How far the probe reads looking for one decodable picture or sound.
PROBE_PACKETS = 200

UNREADABLE = "That file isn't a video or audio recording we can read."

# Codecs a WebM file may carry; anything else in Matroska is stored as .mkv.
_WEBM_CODECS = {"vp8", "vp9", "av1", "opus", "vorbis"}


class Unreadable(Exception):
    """The file is not a recording we can read (or is damaged)."""

    def __init__(self, message: str = UNREADABLE):
        super().__init__(message)
        self.message = message


class TooLong(Exception):
    def __init__(self, seconds: float):
        super().__init__(f"{seconds:.1f} s")
        self.seconds = seconds


@dataclass(frozen=True)
class Probe:
    format_name: str
    kind: str  # "video" or "audio", as MediaKind values
    extension: str
    duration: float | None  # what the header claims; None when it says nothing
    width: int | None = None
    height: int | None = None


def video_stream(container):
    """The first real video stream: cover art in an MP3 or M4A is an "attached picture"
    stream, which makes nothing a video."""
    for stream in container.streams.video:
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    return None


def audio_stream(container):
    return container.streams.audio[0] if container.streams.audio else None


def probe(source) -> Probe:
    """What an upload is, read from its headers and its first packets only. Raises
    Unreadable for anything that is not a recording we can decode."""
    try:
        with open_input(source) as container:
            video = video_stream(container)
            audio = audio_stream(container)
            if video is None and audio is None:
                raise Unreadable()
            primary = video or audio
            if not _decodes_something(container, primary):
                raise Unreadable()
            width = video.codec_context.width if video else None
            height = video.codec_context.height if video else None
            if video is not None and not (width and height):
                raise Unreadable()
            return Probe(
                format_name=container.format.name,
                kind="video" if video else "audio",
                extension=_extension(container.format.name, video, audio),
                duration=header_duration(container),
                width=width,
                height=height,
            )
    except Unreadable:
        raise
    except Exception as error:
        # Damaged or hostile files fail inside FFmpeg in many ways (InvalidDataError,
        # ValueError, OSError, UnicodeDecodeError in tags…); to the person they are all one.
        raise Unreadable() from error


def _decodes_something(container, stream) -> bool:
    for count, packet in enumerate(container.demux(stream)):
        if count >= PROBE_PACKETS:
            return False
        if packet.dts is None and packet.size == 0:
            continue
        try:
            if packet.decode():
                return True
        except av.error.InvalidDataError:
            continue
    return False


def _extension(format_name: str, video, audio) -> str:
    if format_name.startswith("matroska"):
        codecs = {s.codec_context.name for s in (video, audio) if s is not None}
        return "webm" if codecs <= _WEBM_CODECS else "mkv"
    if format_name.startswith("mov,mp4"):
        return "mp4" if video is not None else "m4a"
    return {"ogg": "ogg", "mp3": "mp3", "wav": "wav", "flac": "flac", "aac": "aac"}.get(
        format_name, "avi" if format_name == "avi" else "bin"
    )


def measure_duration(path) -> float:
    """The recording's length. Browser WebM files have no duration in their header, so
    then the packets are read (not decoded) and the last one's end time is taken."""
    with open_input(path) as container:
        claimed = header_duration(container)
        if claimed is not None:
            return claimed
        streams = [s for s in (video_stream(container), audio_stream(container)) if s]
        start = None
        end = 0.0
        for packet in container.demux(streams):
            if packet.pts is None or packet.time_base is None:
                continue
            begins = float(packet.pts * packet.time_base)
            start = begins if start is None else min(start, begins)
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
        if start is None:
            raise Unreadable()
        return max(0.0, end - max(0.0, start))


def fit_within(width: int, height: int, limit: int = MAX_SIDE) -> tuple[int, int]:
    """Scale down (never up) to fit ``limit`` on each side; round to even numbers, which
    H.264 in 4:2:0 needs."""
    scale = min(1.0, limit / width, limit / height)
    even = lambda value: max(2, int(value * scale) // 2 * 2)  # noqa: E731
    return even(width), even(height)


class _Upright:
    """Turns decoded pictures the right way up. Phones record sideways and say so in a
    display matrix, which players honour but re-encoded frames would lose."""

    def __init__(self):
        self._graph = None
        self._key = None

    def __call__(self, frame):
        clockwise = (-round(frame.rotation or 0)) % 360
        if clockwise not in (90, 180, 270):
            return frame
        key = (frame.width, frame.height, frame.format.name, clockwise)
        if key != self._key:
            self._graph = _rotation_graph(frame, clockwise)
            self._key = key
        self._graph.push(frame)
        return self._graph.pull()


def _rotation_graph(frame, clockwise: int):
    graph = av.filter.Graph()
    source = graph.add_buffer(
        width=frame.width,
        height=frame.height,
        format=frame.format.name,
        time_base=frame.time_base or Fraction(1, 1000),
    )
    steps = {90: [("transpose", "clock")], 270: [("transpose", "cclock")]}.get(
        clockwise, [("hflip", ""), ("vflip", "")]
    )
    node = source
    for name, argument in steps:
        step = graph.add(name, argument)
        node.link_to(step)
        node = step
    sink = graph.add("buffersink")
    node.link_to(sink)
    graph.configure()
    return graph


def first_picture(path, *, at_seconds: float = POSTER_AT_SECONDS):
    """The first decoded picture at or after ``at_seconds`` (or the last one before, for
    shorter clips), upright. Decodes from the start: no seeking, so files without an
    index (browser WebM) work too; at most ``at_seconds`` of video is decoded."""
    upright = _Upright()
    chosen = None
    with open_input(path) as container:
        stream = video_stream(container)
        if stream is None:
            return None
        for frame in container.decode(stream):
            chosen = frame
            if frame.time is not None and frame.time >= at_seconds:
                break
        return upright(chosen) if chosen is not None else None


def write_poster(frame, out_path) -> tuple[int, int]:
    image = frame.to_image()
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    image.convert("RGB").save(out_path, format="JPEG", quality=POSTER_QUALITY, optimize=True)
    return image.size


def can_pass_through(path) -> bool:
    """An MP4 with H.264 (8-bit 4:2:0, even, within MAX_SIDE) and AAC or no sound plays in
    every browser as it is: it is only remuxed, never re-encoded."""
    with open_input(path) as container:
        if not container.format.name.startswith("mov,mp4"):
            return False
        video = video_stream(container)
        audio = audio_stream(container)
        if audio is not None and audio.codec_context.name != "aac":
            return False
        if video is None:
            return audio is not None
        context = video.codec_context
        return (
            context.name == "h264"
            and context.pix_fmt == "yuv420p"
            and context.width % 2 == 0
            and context.height % 2 == 0
            and max(context.width, context.height) <= MAX_SIDE
        )


def remux(path, out_path, *, audio_only: bool) -> None:
    """Copy the video and sound packets, untouched, into a fresh MP4 (M4A) with the index
    first: tags, GPS location, chapters and extra tracks stay behind."""
    with (
        open_input(path) as source,
        av.open(
            str(out_path), mode="w", format="ipod" if audio_only else "mp4", options=MP4_OPTIONS
        ) as target,
    ):
        wanted = [
            s for s in (None if audio_only else video_stream(source), audio_stream(source)) if s
        ]
        mapping = {s.index: target.add_stream_from_template(s) for s in wanted}
        for packet in source.demux(wanted):
            if packet.dts is None:  # the demuxer's end-of-stream marker
                continue
            packet.stream = mapping[packet.stream.index]
            target.mux(packet)


def transcode(path, out_path, *, audio_only: bool, max_seconds: float) -> tuple[int, int] | None:
    """Re-encode to H.264 + AAC in MP4 (or AAC in M4A), streaming packet by packet.
    Returns the picture size (None for sound only). Raises TooLong as soon as a frame lies
    past ``max_seconds`` — a header can lie about a file's length, frames cannot."""
    limit = max_seconds + GRACE_SECONDS
    with open_input(path) as source:
        video_in = None if audio_only else video_stream(source)
        audio_in = audio_stream(source)
        size = None
        if video_in is not None:
            first = first_picture(path, at_seconds=0)
            if first is None:
                raise Unreadable()
            size = fit_within(first.width, first.height)  # already upright
        with av.open(
            str(out_path), mode="w", format="ipod" if audio_only else "mp4", options=MP4_OPTIONS
        ) as target:
            # Every stream is added before the first packet is muxed: the header goes first.
            video = _VideoTrack(target, video_in, size) if video_in is not None else None
            audio = _AudioTrack(target, audio_in) if audio_in is not None else None
            streams = [s for s in (video_in, audio_in) if s is not None]
            for packet in source.demux(streams):
                track = video if video is not None and packet.stream is video_in else audio
                for frame in _decode(packet):
                    if frame.time is not None and frame.time > limit:
                        raise TooLong(frame.time)
                    track.add(frame)
            for track in (video, audio):
                if track is not None:
                    track.finish()
            if video is not None and not video.frames:
                raise Unreadable()
            return size


def _decode(packet):
    try:
        return packet.decode()
    except av.error.InvalidDataError:
        # One damaged packet (common at the cut end of a recording) is skipped, as players do.
        return []


class _VideoTrack:
    def __init__(self, target, source_stream, size: tuple[int, int]):
        self.target = target
        self.size = size
        self.upright = _Upright()
        self.last_pts = None
        self.frames = 0
        rate = source_stream.average_rate or source_stream.guessed_rate or 30
        self.stream = target.add_stream("libx264", rate=rate)
        self.stream.width, self.stream.height = size
        self.stream.pix_fmt = "yuv420p"
        # The source's clock, so variable frame rates (browser recordings) keep their timing.
        self.stream.codec_context.time_base = source_stream.time_base or Fraction(1, 1000)
        self.stream.codec_context.options = dict(X264_OPTIONS)

    def add(self, frame) -> None:
        self.frames += 1
        frame = self.upright(frame)
        pts = frame.pts
        if pts is None or (self.last_pts is not None and pts <= self.last_pts):
            # Recorders repeat or drop timestamps now and then; x264 needs them rising.
            pts = 0 if self.last_pts is None else self.last_pts + 1
        self.last_pts = pts
        width, height = self.size
        out = frame.reformat(width=width, height=height, format="yuv420p")
        out.pts = pts
        out.time_base = frame.time_base or self.stream.codec_context.time_base
        self.target.mux(self.stream.encode(out))

    def finish(self) -> None:
        self.target.mux(self.stream.encode(None))


class _AudioTrack:
    def __init__(self, target, source_stream):
        channels = source_stream.codec_context.channels or 1
        self.target = target
        self.stream = target.add_stream(
            "aac", rate=AUDIO_RATE, layout="stereo" if channels >= 2 else "mono"
        )
        self.stream.codec_context.bit_rate = 128_000 if channels >= 2 else 96_000
        self.written = 0  # samples muxed so far, at AUDIO_RATE

    def add(self, frame) -> None:
        # The encoder's own resampler converts rate, layout and sample format, and cuts
        # the sound into the 1024-sample frames AAC needs.
        frame.pts = None
        self._mux(self.stream.encode(frame))

    def finish(self) -> None:
        self._mux(self.stream.encode(None))

    def _mux(self, packets) -> None:
        # Time counted from the samples written: the encoder leaves its packets unstamped
        # but for the flush's last one, stamped from its resampler's count — behind ours
        # when the source's rate is not 48 kHz (16 kHz speech), which the muxer refused.
        for packet in packets:
            packet.pts = packet.dts = self.written
            self.written += packet.duration or 1024
            self.target.mux(packet)
