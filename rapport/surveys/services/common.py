"""What every survey service shares: the refusal for answers that can't be saved and the
link a notification carries."""

from django.urls import reverse

from rapport.core.refusals import Refused


class AnswersInvalid(Refused):
    """Some answers can't be saved: ``errors`` maps each question's id to what is wrong with
    its answer. Nothing was saved."""

    def __init__(self, errors: dict[int, str], message: str = ""):
        super().__init__(message or "Some answers need another look — see the notes below.")
        self.errors = errors


def answer_url(survey) -> str:
    return reverse(
        "surveys:answer", kwargs={"course_slug": survey.course.slug, "survey_id": survey.pk}
    )
