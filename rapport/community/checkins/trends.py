"""The "falling" rule, pure and documented, so staff can trust the flag.

Compare the average of a learner's last three check-ins with the average of the three
before them. Falling when the recent average is at least one point lower (on the 1–5
scale), rising when it is at least one point higher, steady otherwise. With four or five
check-ins the last two are compared with the two before; with fewer than four there is no
trend yet.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 3
MINIMUM = 4
CHANGE = 1.0
# Averages of thirds are not exact in binary; a hair of slack keeps 1.0 meaning 1.0.
_SLACK = 1e-9

FALLING, RISING, STEADY, UNKNOWN = "falling", "rising", "steady", "unknown"
ARROWS = {FALLING: "↓", RISING: "↑", STEADY: "→", UNKNOWN: ""}
LABELS = {
    FALLING: "Falling",
    RISING: "Rising",
    STEADY: "Steady",
    UNKNOWN: "Not enough check-ins yet",
}


@dataclass(frozen=True)
class Trend:
    direction: str
    recent: float | None = None
    before: float | None = None

    @property
    def is_falling(self) -> bool:
        return self.direction == FALLING

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction]

    @property
    def label(self) -> str:
        return LABELS[self.direction]

    @property
    def explanation(self) -> str:
        if self.recent is None:
            return LABELS[UNKNOWN]
        return (
            f"{LABELS[self.direction]}: recent average {self.recent:.1f}, before {self.before:.1f}"
        )


def mood_trend(scores: Sequence[int]) -> Trend:
    """``scores`` oldest first."""
    if len(scores) < MINIMUM:
        return Trend(UNKNOWN)
    size = min(WINDOW, len(scores) // 2)
    recent = sum(scores[-size:]) / size
    before = sum(scores[-2 * size : -size]) / size
    change = recent - before
    if change <= -CHANGE + _SLACK:
        direction = FALLING
    elif change >= CHANGE - _SLACK:
        direction = RISING
    else:
        direction = STEADY
    return Trend(direction, recent=recent, before=before)
