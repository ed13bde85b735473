"""What the answer page draws for each question: its inputs with what is already chosen,
its error or "Saved" note — from a stored value, or from what was just posted (so a
refused answer comes back as typed, to fix)."""

from dataclasses import dataclass
from datetime import datetime, tzinfo

from rapport.surveys import availability, posted
from rapport.surveys.models import Question, QuestionType
from rapport.surveys.values import display, is_empty, normalise_tag

ORDINALS = ["1st", "2nd", "3rd"]


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if n <= 3 else f"{n}th"


@dataclass
class Option:
    value: str
    label: str
    checked: bool
    id: str
    words: str = ""


@dataclass
class RankPlace:
    number: int
    label: str
    chosen: str
    id: str


@dataclass
class QuestionState:
    question: Question
    number: int
    value: object = None
    error: str = ""
    note: str = ""  # "Saved", or the preview's "Looks good — not saved"
    zone: tzinfo | None = None
    now: datetime | None = None

    @property
    def name(self) -> str:
        return posted.name(self.question)

    @property
    def dom_id(self) -> str:
        return f"q-{self.question.pk}"

    @property
    def params(self) -> str:
        return ",".join(posted.param_names(self.question))

    @property
    def template(self) -> str:
        return f"surveys/answer/_{self.question.type}.html"

    @property
    def answered(self) -> bool:
        return not is_empty(self.value)

    @property
    def text(self) -> str:
        return self.value if isinstance(self.value, str) else ""

    def _chosen(self) -> list[str]:
        if isinstance(self.value, list):
            return [str(v) for v in self.value]
        return [str(self.value)] if self.value not in (None, "") else []

    def options(self) -> list[Option]:
        """Radios or checkboxes: the question's choices; for tags the suggestions plus
        the person's own."""
        chosen = self._chosen()
        labels = self.question.choices
        if self.question.type == QuestionType.TAGS:
            mine = [normalise_tag(tag) for tag in chosen]
            labels = self.question.suggestions + [
                t for t in dict.fromkeys(mine) if t and t not in self.question.suggestions
            ]
            chosen = mine
        return [
            Option(value=label, label=label, checked=label in chosen, id=f"{self.name}-{i}")
            for i, label in enumerate(labels)
        ]

    def scale_points(self) -> list[Option]:
        chosen = self._chosen()
        words = {1: self.question.low_label, 5: self.question.high_label}
        return [
            Option(
                value=str(n),
                label=str(n),
                words=words.get(n) or "",
                checked=str(n) in chosen,
                id=f"{self.name}-{n}",
            )
            for n in range(1, 6)
        ]

    def places(self) -> list[RankPlace]:
        chosen = self._chosen()
        return [
            RankPlace(
                number=n,
                label=ordinal(n),
                chosen=chosen[n - 1] if n - 1 < len(chosen) else "",
                id=f"{self.name}-place{n}",
            )
            for n in range(1, len(self.question.choices) + 1)
        ]

    def grid(self) -> list[availability.GridRow]:
        cells = availability.slots_to_cells(
            self.value if isinstance(self.value, list) else [], zone=self.zone, now=self.now
        )
        return availability.grid(cells)

    @property
    def weekdays(self) -> list[tuple[str, str]]:
        return list(zip(availability.WEEKDAYS_SHORT, availability.WEEKDAYS, strict=True))

    @property
    def zone_name(self) -> str:
        return getattr(self.zone, "key", str(self.zone))

    @property
    def shown(self) -> str:
        """The answer in words, for read-only pages."""
        return display(self.question, self.value, zone=self.zone, now=self.now)


def states(
    questions: list[Question],
    values: dict[int, object],
    *,
    zone: tzinfo,
    now: datetime,
    errors: dict[int, str] | None = None,
    notes: dict[int, str] | None = None,
) -> list[QuestionState]:
    errors, notes = errors or {}, notes or {}
    return [
        QuestionState(
            question=question,
            number=number,
            value=values.get(question.pk),
            error=errors.get(question.pk, ""),
            note=notes.get(question.pk, ""),
            zone=zone,
            now=now,
        )
        for number, question in enumerate(questions, start=1)
    ]
