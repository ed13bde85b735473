"""The cue editor's rows: a caption track shown as one row per cue (start, end, text), and
the rows posted back turned into cues, each problem named by the cue it is in.

The page posts the fields ``start``, ``end``, ``text`` (and the hidden ``settings`` and
``identifier``, the stored cue's position, alignment and name) once per row, in order, and
``remove`` with the number of each row ticked for removal. A last, empty row adds a caption
when filled in; rows are put in order of their start. With JavaScript the rows are added,
removed, split, merged and nudged in the page, and what is posted is the same plain form.
The stored copy is still written and checked by rapport.media.vtt.
"""

import re
from dataclasses import dataclass

from rapport.media import vtt

# "1:02.5", "0:01.250", "1:02:03.250" or plain seconds "62.5"
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d{1,3})?)$")
_SECONDS = re.compile(r"^\d+(?:\.\d{1,3})?$")
TIME_HELP = "Minutes and seconds, like 0:01.500."


@dataclass(frozen=True)
class CueRow:
    number: int
    start: str
    end: str
    text: str
    settings: str = ""  # kept from the stored cue (position, alignment), not shown
    identifier: str = ""  # the stored cue's name, if it had one, not shown


def clock(seconds: float) -> str:
    """A time as the editor shows it: ``0:01.500``, ``12:40.000``, ``1:02:03.250``."""
    hours, rest = vtt.timestamp(seconds).split(":", 1)
    if int(hours):
        return f"{int(hours)}:{rest}"
    return rest.removeprefix("0")


def rows_for(vtt_text: str) -> list[CueRow]:
    return [
        CueRow(number, clock(cue.start), clock(cue.end), cue.text, cue.settings, cue.identifier)
        for number, cue in enumerate(vtt.parse(vtt_text), start=1)
    ]


def _seconds(value: str) -> float | None:
    value = value.strip().replace(",", ".")
    if _SECONDS.match(value):
        return float(value)
    match = _CLOCK.match(value)
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    if float(seconds) >= 60 or (hours and int(minutes) >= 60):
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def _text(value: str) -> str:
    """The cue's lines, trimmed; blank lines would end a WebVTT cue, so they go."""
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


def posted_rows(post) -> list[CueRow]:
    """The rows posted, numbered as the page showed them, without those ticked for removal
    and the empty row left for a new caption."""
    starts, ends, texts = post.getlist("start"), post.getlist("end"), post.getlist("text")
    if not (len(starts) == len(ends) == len(texts)):
        raise vtt.CaptionError(
            "Some captions arrived without their times or words; reload the page and try again."
        )
    hidden = {name: post.getlist(name) for name in ("settings", "identifier")}
    for name, values in hidden.items():
        if len(values) != len(starts):
            hidden[name] = [""] * len(starts)
    removed = set(post.getlist("remove"))
    rows = [
        CueRow(number, *fields)
        for number, fields in enumerate(
            zip(starts, ends, texts, hidden["settings"], hidden["identifier"], strict=True), 1
        )
    ]
    return [
        row
        for row in rows
        if str(row.number) not in removed
        and (row.start.strip() or row.end.strip() or _text(row.text))
    ]


def cues_from(rows: list[CueRow], *, duration: float | None) -> list[vtt.Cue]:
    """The rows as cues in order of their start, or vtt.CaptionError naming the first cue
    that is wrong (by its number on the page)."""
    if not rows:
        raise vtt.CaptionError("There are no captions to save; keep at least one.")
    if len(rows) > vtt.MAX_CUES:
        raise vtt.CaptionError(f"That's more than {vtt.MAX_CUES} captions; split the recording.")
    numbered = sorted(
        ((_cue(row, duration), row.number) for row in rows), key=lambda pair: pair[0].start
    )
    names: set[str] = set()
    cues: list[vtt.Cue] = []
    for index, (cue, number) in enumerate(numbered):
        if cues and cue.start < cues[-1].end:
            raise vtt.CaptionError(
                f"Caption {number} starts at {clock(cue.start)}, before caption "
                f"{numbered[index - 1][1]} ends at {clock(cues[-1].end)}. Captions can't overlap."
            )
        if (
            cue.identifier and cue.identifier in names
        ):  # a split copies its row: the name stays with the first
            cue = vtt.Cue(cue.start, cue.end, cue.text, cue.settings)
        names.add(cue.identifier)
        cues.append(cue)
    return cues


def _identifier(value: str) -> str:
    """A cue's name as posted back: one line that can't be taken for a time range."""
    value = " ".join(value.split())
    return "" if "-->" in value else value[:100]


def _cue(row: CueRow, duration: float | None) -> vtt.Cue:
    name = f"Caption {row.number}"
    start, end = _seconds(row.start), _seconds(row.end)
    for label, raw, value in (("start", row.start, start), ("end", row.end, end)):
        if value is None:
            raise vtt.CaptionError(
                f"{name}: its {label} “{raw.strip()[:20]}” isn't a time. {TIME_HELP}"
            )
    text = _text(row.text)
    if not text:
        raise vtt.CaptionError(
            f"{name} has no words. Write what is said, or merge it with the next caption."
        )
    if len(text) > vtt.MAX_CUE_CHARS:
        raise vtt.CaptionError(
            f"{name} is longer than {vtt.MAX_CUE_CHARS} characters; split it in two."
        )
    if end <= start:
        raise vtt.CaptionError(
            f"{name} ends at {clock(end)}, which is not after it starts ({clock(start)})."
        )
    # a millisecond's slack: durations are measured finer than the times are written
    if duration and end > duration + 0.001:
        raise vtt.CaptionError(
            f"{name} ends at {clock(end)}, after the recording ends at {clock(duration)}."
        )
    return vtt.Cue(
        start=start,
        end=end,
        text=text,
        settings=vtt.kept_settings(row.settings),
        identifier=_identifier(row.identifier),
    )
