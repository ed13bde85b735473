"""What an answer may be, by question type — checked the same way whoever sends it (the
answer page, a service call from the seed, a future API) — and how it reads back.

``clean_answer`` returns the value to store, or ``None`` for "no answer", and raises
``AnswerInvalid`` with a message for the person otherwise. Stored shapes: text and single
choice → str; multiple choice and tags → list[str]; scale → int 1–5; ranking → list[str] in
order; availability → UTC slots (see ``availability``).
"""

import re
from datetime import datetime, tzinfo

from rapport.surveys import availability
from rapport.surveys.models import Question, QuestionType

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 4000
SCALE = range(1, 6)
MAX_TAGS = 10
TAG_MAX = 40


class AnswerInvalid(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def normalise_tag(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().lstrip("#").strip().lower()


def split_tags(text: str) -> list[str]:
    return [part for part in re.split(r"[,\n;]", text or "") if part.strip()]


def _text(value, limit: int, *, one_line: bool) -> str:
    if not isinstance(value, str):
        raise AnswerInvalid("Write your answer as text.")
    text = value.replace("\r\n", "\n").strip()
    if one_line:
        text = re.sub(r"\s+", " ", text)
    if len(text) > limit:
        raise AnswerInvalid(
            f"Please keep this to {limit:,} characters or fewer — it's {len(text):,} now."
        )
    return text


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AnswerInvalid("Choose from the options offered.")
    return list(value)


def _single(question: Question, value) -> str:
    if isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str) or value not in question.choices:
        raise AnswerInvalid("Choose one of the options offered.")
    return value


def _multiple(question: Question, value) -> list[str]:
    chosen = _strings(value)
    offered = question.choices
    strangers = [item for item in chosen if item not in offered]
    if strangers:
        raise AnswerInvalid(f"“{strangers[0][:60]}” isn't one of the options. Choose from those.")
    return [item for item in offered if item in chosen]


def _scale(value) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise AnswerInvalid("Choose a number from 1 to 5.")
    return value


def _ranking(question: Question, value) -> list[str]:
    order = _strings(value)
    offered = question.choices
    if any(item not in offered for item in order):
        raise AnswerInvalid("Rank only the options offered.")
    if any(not item for item in order):
        raise AnswerInvalid("Give every option a place, each option once.")
    repeated = sorted({item for item in order if order.count(item) > 1})
    if repeated:
        raise AnswerInvalid(f"“{repeated[0][:60]}” is in more than one place. Use each once.")
    missing = [item for item in offered if item not in order]
    if missing:
        raise AnswerInvalid(
            f"Give every option a place — “{missing[0][:60]}” doesn't have one yet."
        )
    return order


def _tags(value) -> list[str]:
    tags: list[str] = []
    for item in _strings(value):
        tag = normalise_tag(item)
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise AnswerInvalid(
                f"Please keep each interest to {TAG_MAX} characters or fewer — "
                f"“{tag[:TAG_MAX]}…” is {len(tag)}."
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise AnswerInvalid(f"Choose up to {MAX_TAGS} interests — you have {len(tags)}.")
    return tags


def _availability(value) -> list[list[int]]:
    try:
        return availability.clean_slots(value)
    except availability.SlotsInvalid as problem:
        raise AnswerInvalid(str(problem)) from None


def clean_answer(question: Question, value):
    """The value to store for ``question``, ``None`` when there is no answer."""
    if is_empty(value):
        return None
    kind = question.type
    if kind == QuestionType.SHORT_TEXT:
        cleaned = _text(value, SHORT_TEXT_MAX, one_line=True)
    elif kind == QuestionType.LONG_TEXT:
        cleaned = _text(value, LONG_TEXT_MAX, one_line=False)
    elif kind == QuestionType.SINGLE_CHOICE:
        cleaned = _single(question, value)
    elif kind == QuestionType.MULTIPLE_CHOICE:
        cleaned = _multiple(question, value)
    elif kind == QuestionType.SCALE:
        cleaned = _scale(value)
    elif kind == QuestionType.RANKING:
        cleaned = _ranking(question, value)
    elif kind == QuestionType.TAGS:
        cleaned = _tags(value)
    elif kind == QuestionType.AVAILABILITY:
        cleaned = _availability(value)
    else:
        raise AnswerInvalid("This question can't be answered yet.")
    return None if is_empty(cleaned) else cleaned


def display(question: Question, value, *, zone: tzinfo, now: datetime) -> str:
    """An answer in words; availability in ``zone``."""
    if is_empty(value):
        return ""
    kind = question.type
    if kind == QuestionType.AVAILABILITY:
        return "; ".join(availability.describe(value, zone=zone, now=now))
    if kind == QuestionType.RANKING and isinstance(value, list):
        return "; ".join(f"{place}. {item}" for place, item in enumerate(value, start=1))
    if kind == QuestionType.SCALE:
        labels = {1: question.low_label, 5: question.high_label}
        label = labels.get(value)
        return f"{value} of 5 ({label})" if label else f"{value} of 5"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
