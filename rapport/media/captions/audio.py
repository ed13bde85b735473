"""A recording's sound as the aligner hears it: 16 kHz, mono, signed 16-bit little-endian
PCM. PyAV decodes and resamples packet by packet, so a video is never held whole; only
the small PCM result is (a ten-minute recording is about 19 MB of it)."""

from collections.abc import Iterator

import av
import numpy as np

from rapport.core.recordings import open_input
from rapport.media.pipeline import audio_stream
from rapport.media.vtt import CaptionError

SAMPLE_RATE = 16000
BYTES_PER_SECOND = SAMPLE_RATE * 2

NO_SOUND = "That recording has no sound track, so there is nothing to caption."
UNREADABLE = "We couldn't read the sound in that recording."


def pcm_chunks(source) -> Iterator[bytes]:
    """The sound of ``source`` (a path or a binary file object), a decoded packet at a
    time. Raises CaptionError when there is no sound or the file can't be read."""
    try:
        with open_input(source) as container:
            stream = audio_stream(container)
            if stream is None:
                raise CaptionError(NO_SOUND)
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    continue  # one damaged packet is skipped, as players do
                for frame in frames:
                    frame.pts = None  # the resampler counts samples; gaps in pts don't matter
                    for out in resampler.resample(frame):
                        yield out.to_ndarray().tobytes()
            for out in resampler.resample(None):
                yield out.to_ndarray().tobytes()
    except CaptionError:
        raise
    except Exception as error:
        # Damaged or hostile files fail inside FFmpeg in many ways; to a person they are one.
        raise CaptionError(UNREADABLE) from error


def decode_pcm(source) -> bytes:
    return b"".join(pcm_chunks(source))


def seconds_of(pcm: bytes) -> float:
    return len(pcm) / BYTES_PER_SECOND


# Speech sits well above -40 dBFS on any microphone that people can hear back; a quiet
# room's hiss sits below -55. A clip needs a quarter second of louder sound to hold speech.
SPEECH_LEVEL = 10 ** (-40 / 20) * 32768
SPEECH_SECONDS_NEEDED = 0.25
# Over a noisy room's own hum, speech stands out by at least 12 dB.
ABOVE_NOISE = 10 ** (12 / 20)
FRAME_SECONDS = 0.01
_FRAME = round(SAMPLE_RATE * FRAME_SECONDS)


def frame_levels(pcm: bytes) -> np.ndarray:
    """The RMS level of each 10 ms frame (in sample units, full scale 32768)."""
    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % (2 * _FRAME)], dtype="<i2")
    frames = samples.reshape(-1, _FRAME).astype(np.float64)
    return np.sqrt(np.mean(frames * frames, axis=1)) if frames.size else np.zeros(0)


def loud_frames(pcm: bytes) -> np.ndarray:
    """Which 10 ms frames are loud enough to be speech, over the clip's own noise floor."""
    levels = frame_levels(pcm)
    if levels.size == 0:
        return levels.astype(bool)
    floor = float(np.percentile(levels, 10))
    return levels > max(SPEECH_LEVEL, floor * ABOVE_NOISE)


def speech_seconds(pcm: bytes) -> float:
    """How long the sound is loud enough to be speech."""
    return float(np.count_nonzero(frame_levels(pcm) > SPEECH_LEVEL)) * FRAME_SECONDS


def has_speech(pcm: bytes) -> bool:
    return speech_seconds(pcm) >= SPEECH_SECONDS_NEEDED
