"""Reading answers out of a posted answer page (or one question's small form).

Every question on the page posts ``q<id>_shown``, so a question left out of a post (a
partial post, a stale page) is left alone rather than read as "cleared". Availability is
posted as local grid cells ("1-19" = Tuesday 19:00 in the person's zone) and becomes UTC
slots here; the services check every value again whoever sends it."""

from datetime import datetime, tzinfo

from rapport.surveys import availability
from rapport.surveys.models import Question, QuestionType
from rapport.surveys.values import AnswerInvalid, split_tags


def name(question: Question, suffix: str = "") -> str:
    return f"q{question.pk}{suffix}"


def param_names(question: Question) -> list[str]:
    """What one question's small form posts (htmx's hx-params)."""
    names = [name(question), name(question, "_shown")]
    if question.type == QuestionType.TAGS:
        names.append(name(question, "_new"))
    return names


def was_shown(question: Question, data) -> bool:
    return name(question, "_shown") in data


def raw_value(question: Question, data, *, zone: tzinfo, now: datetime):
    """The posted answer, not yet checked. Raises AnswerInvalid when the grid's cells are
    not cells."""
    key = name(question)
    kind = question.type
    if kind in {QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING}:
        chosen = data.getlist(key)
        if kind == QuestionType.RANKING and not any(chosen):
            return []
        if kind == QuestionType.RANKING and not all(chosen):
            raise AnswerInvalid("Give every option a place, each option once.")
        return chosen
    if kind == QuestionType.TAGS:
        return data.getlist(key) + split_tags(data.get(name(question, "_new"), ""))
    if kind == QuestionType.AVAILABILITY:
        try:
            cells = availability.parse_cells(data.getlist(key))
        except availability.SlotsInvalid as problem:
            raise AnswerInvalid(str(problem)) from None
        return availability.cells_to_slots(cells, zone=zone, now=now)
    return data.get(key, "")


def raw_values(
    questions: list[Question], data, *, zone: tzinfo, now: datetime
) -> tuple[dict[int, object], dict[int, str]]:
    """Every shown question's posted answer, and what could not even be read."""
    values, errors = {}, {}
    for question in questions:
        if not was_shown(question, data):
            continue
        try:
            values[question.pk] = raw_value(question, data, zone=zone, now=now)
        except AnswerInvalid as problem:
            errors[question.pk] = problem.message
    return values, errors
