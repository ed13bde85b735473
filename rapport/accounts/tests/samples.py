"""Small media files made on the spot for tests: photos with Pillow, name recordings with
PyAV (its wheels carry FFmpeg's encoders), and files that only pretend to be either."""

import array
import io
import math
import struct
import zlib

import av
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def photo_bytes(size=(640, 480), *, color="teal", image_format="JPEG", exif=None) -> bytes:
    out = io.BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(out, format=image_format, **extra)
    return out.getvalue()


def photo_upload(name="me.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")


def gps_exif(*, orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15 Pro"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (40.0, 41.0, 21.1)
    gps[3] = "W"
    gps[4] = (74.0, 2.0, 40.2)
    return exif


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` but carries no real pixels —
    a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


class _Unseekable(io.RawIOBase):
    """Where a browser's MediaRecorder writes: forward only, so the WebM never gets its
    duration filled in."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, chunk):
        self.data += chunk
        return len(chunk)


def tone(
    seconds: float,
    *,
    container: str = "webm",
    codec: str = "libopus",
    streaming: bool = False,
    metadata: dict | None = None,
) -> bytes:
    """A 440 Hz tone of ``seconds`` seconds, e.g. ``tone(2)`` (WebM/Opus),
    ``tone(2, container="ipod", codec="aac")`` (M4A/AAC), ``tone(2, container="ogg")``."""
    rate = 48000
    sink = _Unseekable() if streaming else io.BytesIO()
    with av.open(sink, mode="w", format=container) as output:
        output.metadata.update(metadata or {})
        stream = output.add_stream(codec, rate=rate, layout="mono")
        frame_size = stream.codec_context.frame_size or 1024
        total = int(seconds * rate)
        pts = 0
        while pts < total:
            frame = av.AudioFrame(format="s16", layout="mono", samples=frame_size)
            wave = array.array(
                "h",
                (
                    int(6000 * math.sin(2 * math.pi * 440 * (pts + i) / rate))
                    for i in range(frame_size)
                ),
            )
            frame.planes[0].update(wave.tobytes())
            frame.sample_rate = rate
            frame.pts = pts
            pts += frame_size
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return bytes(sink.data) if streaming else sink.getvalue()


def recording_upload(name="name.webm", content_type="audio/webm", **kwargs) -> SimpleUploadedFile:
    seconds = kwargs.pop("seconds", 2)
    return SimpleUploadedFile(name, tone(seconds, **kwargs), content_type=content_type)


def media_files(root) -> set[str]:
    """Every file under MEDIA_ROOT, relative to it."""
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}
