"""Placeholders in message templates: ``{preferred_name}``, ``{goal}``, ``{interest}``.

Rendering never fails: an unknown ``{name}`` and stray braces are left exactly as typed
(so the person reviewing sees them), and a known placeholder with no value disappears
without leaving a doubled space or a space before punctuation. Only ``{word}`` is
recognised — no attribute or index lookups as ``str.format`` would allow.
"""

import re
from dataclasses import dataclass

PLACEHOLDERS = ("preferred_name", "goal", "interest")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_EMPTY = "\x00"  # marks where an empty placeholder was, until the spaces around it are tidied
_EMPTY_RUN = re.compile(r"[ \t]*(?:\x00[ \t]*)+")
_CLOSES = set(",.;:!?)]}’”'\"\n")


# What the reviewer is told happens to a placeholder nobody answered for this learner.
NO_ANSWER_FALLBACK = "left out of this note, with the spaces around it tidied"


@dataclass(frozen=True)
class PlaceholderUse:
    """One placeholder a template uses and what it became for one learner."""

    name: str
    value: str

    @property
    def answered(self) -> bool:
        return bool(self.value)

    @property
    def token(self) -> str:
        return "{" + self.name + "}"


def placeholders_used(text: str, values: dict[str, str]) -> list[PlaceholderUse]:
    """The known placeholders in ``text``, once each in order of first use, with what each
    becomes for the learner ``values`` belong to — so a reviewer sees every substitution."""
    seen: dict[str, PlaceholderUse] = {}
    for match in _PLACEHOLDER.finditer(text or ""):
        name = match[1]
        if name in values and name not in seen:
            seen[name] = PlaceholderUse(name=name, value=str(values[name] or "").strip())
    return list(seen.values())


def placeholder_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` split into (part, is_known_placeholder) pieces, for showing templates with
    their placeholders marked."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text or ""):
        if match[1] not in PLACEHOLDERS:
            continue
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match[0], True))
        position = match.end()
    if position < len(text or ""):
        parts.append((text[position:], False))
    return parts


def placeholder_values(*, learner, course) -> dict[str, str]:
    """What each placeholder means for one learner in one course."""
    return placeholder_values_for_many(learners=[learner], course=course)[learner.pk]


def placeholder_values_for_many(*, learners, course) -> dict[int, dict[str, str]]:
    """Placeholder values for several learners at once (one query, whatever their number).
    ``goal`` and ``interest`` come from their "Getting to know you" answers and are empty
    until they answer."""
    from rapport.surveys.intro import intro_answers

    intros = intro_answers(course=course, user_ids=[learner.pk for learner in learners])
    values = {}
    for learner in learners:
        intro = intros.get(learner.pk)
        values[learner.pk] = {
            "preferred_name": learner.display_name,
            "goal": intro.first_goal if intro else "",
            "interest": intro.first_interest if intro else "",
        }
    return values


def render_placeholders(text: str, values: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        key = match[1]
        if key not in values:
            return match[0]
        return str(values[key] or "").strip() or _EMPTY

    filled = _PLACEHOLDER.sub(replace, (text or "").replace(_EMPTY, ""))

    def tidy(match: re.Match) -> str:
        at_start = match.start() == 0 or filled[match.start() - 1] == "\n"
        at_end = match.end() == len(filled) or filled[match.end()] in _CLOSES
        return "" if at_start or at_end else " "

    return _EMPTY_RUN.sub(tidy, filled)
