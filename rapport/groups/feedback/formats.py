"""The structures a request for feedback can ask its answers in: each format's parts, in
order, with the prompt a reviewer answers and a line of help under it."""

from dataclasses import dataclass

from rapport.groups.models import FeedbackFormat


@dataclass(frozen=True)
class Part:
    key: str  # the key in FeedbackReply.parts
    prompt: str
    help: str


PARTS: dict[str, tuple[Part, ...]] = {
    FeedbackFormat.THREE: (
        Part("works", "One thing that works", "What is strong here? Be specific."),
        Part("question", "One question", "Something you wondered about or would like to know."),
        Part("suggestion", "One suggestion", "One idea that could make it even better."),
    ),
    FeedbackFormat.GLOW_GROW: (
        Part("glow", "A glow", "Something that shines."),
        Part("grow", "A grow", "One thing to work on next."),
    ),
    FeedbackFormat.OPEN: (
        Part("feedback", "Your feedback", "Whatever you think would help them most."),
    ),
}

assert set(PARTS) == set(FeedbackFormat.values)


def parts_of(format: str) -> tuple[Part, ...]:
    return PARTS[format]


def answered(format: str, parts: dict) -> list[tuple[Part, str]]:
    """The parts of an answer that say something, in the format's order, with their prompt."""
    return [(part, parts[part.key]) for part in parts_of(format) if parts.get(part.key)]
