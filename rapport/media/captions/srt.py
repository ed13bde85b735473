"""SubRip (.srt) captions, which many tools export, turned into WebVTT for the strict
reader: a WEBVTT header, and times written with a full stop instead of a comma."""

import re

_SRT_TIMING = re.compile(
    r"^(\d{1,2}:\d{2}:\d{2})[,.](\d{3})[ \t]+-->[ \t]+(\d{1,2}:\d{2}:\d{2})[,.](\d{3})(.*)$"
)


def looks_like_srt(text: str) -> bool:
    """No WEBVTT header, and a SubRip time line (with its comma) among the first lines."""
    lines = text.removeprefix("\ufeff").lstrip().splitlines()
    if lines and lines[0].startswith("WEBVTT"):
        return False
    return any(_SRT_TIMING.match(line.strip()) and "," in line for line in lines[:4])


def to_webvtt(text: str) -> str:
    """The same cues as WebVTT; SubRip's cue numbers stay as cue identifiers. SubRip's
    <i>/<b> tags and positions are left for the WebVTT reader, which drops them."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    converted = []
    for line in lines:
        match = _SRT_TIMING.match(line.strip())
        if match:
            start, start_ms, end, end_ms, _ = match.groups()
            line = f"{_stamp(start, start_ms)} --> {_stamp(end, end_ms)}"
        converted.append(line)
    return "WEBVTT\n\n" + "\n".join(converted).strip("\n") + "\n"


def _stamp(hours_minutes_seconds: str, millis: str) -> str:
    return f"{hours_minutes_seconds.zfill(8)}.{millis}"  # 1:02:03 -> 01:02:03
