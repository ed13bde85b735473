"""Name recordings ("how to say my name"): checked by content with PyAV, then remuxed so the
stored clip carries only its sound — no tags, no location, no video track — and a proper
duration even when it came from a browser's MediaRecorder, whose WebM files lack one."""

import io
from dataclasses import dataclass

import av
from django.conf import settings
from django.core.exceptions import ValidationError

from rapport.core.images import read_capped
from rapport.core.recordings import header_duration, is_over, open_input

# Demuxer name (as PyAV reports it) -> (muxer for the stored copy, file extension).
_STORED_AS = {
    "matroska,webm": ("webm", "webm"),
    "ogg": ("ogg", "ogg"),
    "mov,mp4,m4a,3gp,3g2,mj2": ("mp4", "m4a"),
    "mp3": ("mp3", "mp3"),
    "wav": ("wav", "wav"),
    "flac": ("flac", "flac"),
    "aac": ("adts", "aac"),
}

CONTENT_TYPES = {
    "webm": "audio/webm",
    "ogg": "audio/ogg",
    "m4a": "audio/mp4",
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "aac": "audio/aac",
}

UNREADABLE = (
    "That file isn't a recording we can play — try recording again, or use a WebM, Ogg, "
    "M4A, MP3 or WAV file."
)


@dataclass(frozen=True)
class ProcessedRecording:
    data: bytes
    extension: str
    seconds: float


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def process_recording(upload) -> ProcessedRecording:
    """Check an uploaded name recording and produce the stored copy, or raise
    ValidationError with a message for the person. Nothing is written anywhere."""
    data = read_capped(
        upload,
        limit=settings.PRONUNCIATION_MAX_BYTES,
        too_big="That recording is {size}; the limit is {limit}.",
    )
    if not data:
        raise ValidationError(UNREADABLE, code="unreadable")
    try:
        format_name, seconds = _measure(data)
        muxer, extension = _STORED_AS[format_name]
        stored = _remux_audio_only(data, muxer)
    except ValidationError:
        raise
    except Exception as error:
        # Damaged or hostile files fail inside FFmpeg in many ways (InvalidDataError,
        # ValueError, OSError, UnicodeDecodeError in tags…); to the person they are all one.
        raise ValidationError(UNREADABLE, code="unreadable") from error
    return ProcessedRecording(data=stored, extension=extension, seconds=seconds)


def _open(data: bytes):
    """Only the demuxers the media pipeline allows: no playlists, concat lists or protocols.
    A container it reads but a name recording can't be stored in (AVI) fails at ``_STORED_AS``
    and is refused as unreadable."""
    return open_input(io.BytesIO(data))


def _measure(data: bytes) -> tuple[str, float]:
    """The demuxer name and the length of the first audio stream, counted by decoding it:
    container headers can be missing (browser WebM) or lie."""
    limit = settings.PRONUNCIATION_MAX_SECONDS
    with _open(data) as container:
        if not container.streams.audio:
            raise ValidationError(
                "That file has no sound in it. Record your name again, or choose another file.",
                code="no_audio",
            )
        stream = container.streams.audio[0]
        samples = 0
        sample_rate = 0
        for packet in container.demux(stream):
            for frame in packet.decode():
                sample_rate = frame.sample_rate or sample_rate
                samples += frame.samples
            if sample_rate and is_over(samples / sample_rate, limit=limit):
                raise _too_long(_seconds_claimed(container, samples / sample_rate))
        if not samples or not sample_rate:
            raise ValidationError(UNREADABLE, code="unreadable")
        return container.format.name, samples / sample_rate


def _seconds_claimed(container, decoded_so_far: float) -> float:
    """For the message: the file's own idea of its length when it has one, else what was
    decoded before we stopped."""
    return max(decoded_so_far, header_duration(container) or 0.0)


def _too_long(seconds: float) -> ValidationError:
    limit = settings.PRONUNCIATION_MAX_SECONDS
    return ValidationError(
        f"That recording is {round(seconds)} seconds long; please keep it to {limit} seconds "
        "or less — just your name is perfect.",
        code="too_long",
    )


def _remux_audio_only(data: bytes, muxer: str) -> bytes:
    """Copy the audio packets, untouched, into a fresh container: tags, chapters, cover
    art and any video track stay behind; the muxer writes a real duration."""
    out = io.BytesIO()
    with _open(data) as source, av.open(out, mode="w", format=muxer) as target:
        audio_in = source.streams.audio[0]
        audio_out = target.add_stream_from_template(audio_in)
        for packet in source.demux(audio_in):
            if packet.dts is None:  # the demuxer's end-of-stream marker
                continue
            packet.stream = audio_out
            target.mux(packet)
    return out.getvalue()
