"""Opening a recording safely with PyAV, and its length cap — shared by the media pipeline
and by profile name recordings, which stand below media."""

import av

# Demuxers FFmpeg may use on an upload. Everything else — playlists (hls), concat lists,
# image sequences, network protocols — is refused before it can open anything.
INPUT_FORMATS = "matroska,webm,mov,mp4,m4a,3gp,3g2,mj2,ogg,mp3,wav,flac,aac,avi"

# Encoders pad a clip by a few milliseconds; don't refuse a 600.02 s video of a 600 s cap.
GRACE_SECONDS = 0.5


def open_input(source):
    """Open a path or a binary file object for reading, with only the demuxers above."""
    target = str(source) if not hasattr(source, "read") else source
    return av.open(target, mode="r", container_options={"format_whitelist": INPUT_FORMATS})


def is_over(seconds: float, *, limit: float) -> bool:
    """Past ``limit`` seconds, forgiving the few milliseconds encoders pad a clip with."""
    return seconds > limit + GRACE_SECONDS


def header_duration(container) -> float | None:
    """What the container's header claims its length is, or None when it says nothing (a
    browser's MediaRecorder WebM)."""
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    for stream in container.streams:
        if stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
    return None
