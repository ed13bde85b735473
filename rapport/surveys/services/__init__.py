"""Writes for surveys, split by topic: building (surveys, questions, order, the intro
template, publishing), answering (saving, sending, anonymous sending), reminders, and the belonging
pulse (its schedule and rounds).

Every function checks the actor's right to do the thing itself. A refusal raises
``Refused`` (``AnswersInvalid`` when answers can't be used, with one message per
question) with a message meant for the person, shown as is."""

from rapport.surveys.services.answering import (
    answer_save,
    answers_save,
    answers_send,
    response_submit,
)
from rapport.surveys.services.building import (
    INTRO_NOT_ANONYMOUS,
    intro_survey_create,
    question_create,
    question_delete,
    question_move,
    question_update,
    questions_reorder,
    survey_close,
    survey_create,
    survey_delete,
    survey_publish,
    survey_update,
)
from rapport.surveys.services.common import AnswersInvalid
from rapport.surveys.services.pulse import (
    pulse_round_open,
    pulse_rounds_open,
    pulse_schedule_save,
)
from rapport.surveys.services.reminders import survey_nudge, survey_reminders_send

__all__ = [
    "INTRO_NOT_ANONYMOUS",
    "AnswersInvalid",
    "answer_save",
    "answers_save",
    "answers_send",
    "intro_survey_create",
    "pulse_round_open",
    "pulse_rounds_open",
    "pulse_schedule_save",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "questions_reorder",
    "response_submit",
    "survey_close",
    "survey_create",
    "survey_delete",
    "survey_nudge",
    "survey_publish",
    "survey_reminders_send",
    "survey_update",
]
