"""WebVTT captions: a strict reader that explains what is wrong, line by line, and a writer
that stores only what captions need — times and plain text.

People paste captions from many tools; what they paste may carry markup. The stored copy
keeps no tags, no STYLE or REGION blocks (CSS could fetch from other sites) and no NOTE
blocks, and escapes ``&``, ``<`` and ``>``; browsers then show each cue as plain text, and
the transcript panel renders the same text escaped by Django.
"""

import html
import re
from dataclasses import dataclass

MAX_BYTES = 200 * 1024
MAX_CUES = 5000
MAX_CUE_CHARS = 1000

_TIMESTAMP = re.compile(r"^(?:(\d{2,4}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_TIMING = re.compile(r"^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$")
_SETTING = re.compile(
    r"^(?:vertical:(?:rl|lr)"
    r"|line:-?\d+(?:\.\d+)?%?(?:,(?:start|center|end))?"
    r"|position:\d+(?:\.\d+)?%(?:,(?:line-left|center|line-right|auto))?"
    r"|size:\d+(?:\.\d+)?%"
    r"|align:(?:start|center|end|left|right))$"
)
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>\n]*)>")
_TAG = re.compile(r"<[^>\n]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_EXAMPLE = "00:00:01.000 --> 00:00:04.000"


class CaptionError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # plain text, lines separated by "\n"
    settings: str = ""
    identifier: str = ""


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CaptionError(f"That captions file is too long; the limit is {MAX_BYTES // 1024} KB.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaptionError(
            "That file isn't UTF-8 text. Save the captions as UTF-8 and try again."
        ) from error


def parse(text: str) -> list[Cue]:
    """The cues in ``text``, or CaptionError naming the first problem and its line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise CaptionError(f"Those captions are too long; the limit is {MAX_BYTES // 1024} KB.")
    if "\x00" in text:
        raise CaptionError("Those captions contain characters that aren't text.")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise CaptionError("Captions must start with the line WEBVTT.")
    number = 1
    while number < len(lines) and lines[number].strip():
        if "-->" in lines[number]:
            raise CaptionError(
                f"Line {number + 1}: leave a blank line after WEBVTT, before the first caption."
            )
        number += 1
    cues: list[Cue] = []
    for start_line, block in _blocks(lines, number):
        cue = _cue(block, start_line, seen_cue=bool(cues))
        if cue is None:
            continue
        if cues and cue.start < cues[-1].start:
            raise CaptionError(
                f"Line {start_line}: captions must be in time order — this one starts before "
                "the one above it."
            )
        cues.append(cue)
        if len(cues) > MAX_CUES:
            raise CaptionError(f"That's more than {MAX_CUES} captions; split the recording.")
    if not cues:
        raise CaptionError(
            f"There are no captions in that text. Each caption needs a time line like "
            f"{_EXAMPLE} followed by its words."
        )
    return cues


def _blocks(lines: list[str], number: int):
    """(first line number, lines) for each block of non-blank lines."""
    block: list[str] = []
    start = 0
    for index in range(number, len(lines)):
        line = lines[index]
        if line.strip():
            if not block:
                start = index + 1
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _cue(block: list[str], line_number: int, *, seen_cue: bool) -> Cue | None:
    head = block[0]
    if head == "NOTE" or head.startswith(("NOTE ", "NOTE\t")):
        return None
    if not seen_cue and head.strip() in ("STYLE", "REGION") and "-->" not in "".join(block):
        return None  # styling and regions are dropped: captions are stored as plain text
    identifier = ""
    if "-->" not in head:
        if len(block) < 2 or "-->" not in block[1]:
            raise CaptionError(
                f"Line {line_number}: expected a time range like {_EXAMPLE}, and found "
                f"“{_shorten(head)}”."
            )
        identifier = _plain(head)
        block = block[1:]
        line_number += 1
    start, end, settings = _timing(block[0], line_number)
    for offset, line in enumerate(block[1:], start=1):
        if "-->" in line:
            raise CaptionError(
                f"Line {line_number + offset}: a caption's text can't contain “-->”. "
                "Leave a blank line between one caption and the next."
            )
    text = "\n".join(filter(None, (_plain(line) for line in block[1:])))
    if len(text) > MAX_CUE_CHARS:
        raise CaptionError(
            f"Line {line_number}: that caption is longer than {MAX_CUE_CHARS} characters."
        )
    if not text:
        return None
    return Cue(start=start, end=end, text=text, settings=settings, identifier=identifier)


def _timing(line: str, line_number: int) -> tuple[float, float, str]:
    match = _TIMING.match(line.strip())
    if not match:
        raise CaptionError(f"Line {line_number}: write the time range like {_EXAMPLE}.")
    start = _seconds(match.group(1), line_number)
    end = _seconds(match.group(2), line_number)
    if end <= start:
        raise CaptionError(f"Line {line_number}: a caption must end after it starts.")
    return start, end, kept_settings(match.group(3) or "")


def kept_settings(text: str) -> str:
    """The cue settings in ``text`` that captions keep (line, position, size, alignment);
    anything else is dropped, so nothing but settings reaches a cue's time line."""
    return " ".join(token for token in text.split() if _SETTING.match(token))


def _seconds(stamp: str, line_number: int) -> float:
    match = _TIMESTAMP.match(stamp)
    if not match:
        raise CaptionError(
            f"Line {line_number}: “{_shorten(stamp)}” isn't a time — write it as mm:ss.ttt "
            "or hh:mm:ss.ttt, for example 00:01.500 or 00:00:01.500."
        )
    hours, minutes, seconds, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _plain(line: str) -> str:
    """Cue text without markup: voice tags become "Name: ", other tags go, entities are
    decoded, control characters removed."""
    line = _VOICE.sub(lambda m: f"{m.group(1).strip()}: " if m.group(1).strip() else "", line)
    line = _TAG.sub("", line)
    line = html.unescape(line)
    return _CONTROL.sub("", line).strip()


def _shorten(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def clock(seconds: float) -> str:
    """How a transcript shows a time: ``0:05``, ``12:40``, ``1:02:03``."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(cues: list[Cue]) -> str:
    """The stored WebVTT: header, then each cue's times, kept settings and escaped text."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        if cue.identifier:
            parts.append(cue.identifier)
        timing = f"{timestamp(cue.start)} --> {timestamp(cue.end)}"
        parts.append(f"{timing} {cue.settings}" if cue.settings else timing)
        parts.extend(_escape(line) for line in cue.text.split("\n"))
        parts.append("")
    return "\n".join(parts)


def clean(text: str) -> str:
    """Checked and normalised WebVTT, ready to store; CaptionError if it can't be."""
    return render(parse(text))
