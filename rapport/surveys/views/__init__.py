"""Survey pages, split by topic: listing, building (surveys), questions (adding, editing,
ordering), answering, and results (with the CSV exports)."""

from rapport.surveys.views.answering import answer_question, survey_answer
from rapport.surveys.views.building import (
    intro_new,
    survey_close,
    survey_delete,
    survey_edit,
    survey_new,
    survey_publish,
)
from rapport.surveys.views.listing import survey_list
from rapport.surveys.views.questions import (
    question_delete,
    question_edit,
    question_move,
    question_new,
    questions_reorder,
)
from rapport.surveys.views.results import export_csv, my_answers_csv, results

__all__ = [
    "answer_question",
    "export_csv",
    "intro_new",
    "my_answers_csv",
    "question_delete",
    "question_edit",
    "question_move",
    "question_new",
    "questions_reorder",
    "results",
    "survey_answer",
    "survey_close",
    "survey_delete",
    "survey_edit",
    "survey_list",
    "survey_new",
    "survey_publish",
]
