"""Ready-made prompts, so nothing has to be typed while the class waits."""

from dataclasses import dataclass

from rapport.live.models import ActivityKind


@dataclass(frozen=True)
class Prompt:
    key: str
    kind: str
    prompt: str
    choices: tuple[str, ...] = ()
    anonymous: bool = False


PROMPT_BANK: tuple[Prompt, ...] = (
    Prompt("week-word", ActivityKind.WORD, "One word for your week"),
    Prompt("feeling-word", ActivityKind.WORD, "One word for how you feel right now"),
    Prompt("arriving", ActivityKind.MOOD, "How are you arriving today?", anonymous=True),
    Prompt("ready", ActivityKind.SCALE, "How ready do you feel? (1 = not yet, 5 = very)"),
    Prompt(
        "rose-thorn-bud",
        ActivityKind.OPEN,
        "Rose, thorn, bud: something good, something hard, something growing",
        anonymous=True,
    ),
    Prompt("looking-forward", ActivityKind.OPEN, "What are you looking forward to?"),
    Prompt(
        "pace",
        ActivityKind.POLL,
        "How is the pace of the course for you?",
        choices=("Too slow", "About right", "Too fast"),
        anonymous=True,
    ),
    Prompt(
        "energy",
        ActivityKind.POLL,
        "Which would help you most this week?",
        choices=("A worked example", "Time to practise", "A study partner", "A short break"),
    ),
)
PROMPTS_BY_KEY = {prompt.key: prompt for prompt in PROMPT_BANK}
