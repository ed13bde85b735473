"""What every survey service shares: the refusal, the role checks and the link a
notification carries."""

from django.urls import reverse

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role


class SurveyRefused(Exception):
    """The action is not allowed or the input can't be used; ``message`` says why, in words
    for the person, and is shown as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AnswersInvalid(SurveyRefused):
    """Some answers can't be saved: ``errors`` maps each question's id to what is wrong with
    its answer. Nothing was saved."""

    def __init__(self, errors: dict[int, str], message: str = ""):
        super().__init__(message or "Some answers need another look — see the notes below.")
        self.errors = errors


def _membership(*, course: Course, user) -> Membership | None:
    if user is None:
        return None
    return Membership.objects.filter(
        course=course, user=user, status=MembershipStatus.ACTIVE
    ).first()


def require_staff(*, course: Course, user) -> Membership:
    membership = _membership(course=course, user=user)
    if membership is None or membership.role not in STAFF_ROLES:
        raise SurveyRefused("Only the course's teaching team can do that.")
    return membership


def require_learner(*, course: Course, user) -> Membership:
    membership = _membership(course=course, user=user)
    if membership is None or membership.role != Role.LEARNER:
        raise SurveyRefused(
            "Only the course's learners answer surveys — what you see is a preview."
        )
    return membership


def answer_url(survey) -> str:
    return reverse(
        "surveys:answer", kwargs={"course_slug": survey.course.slug, "survey_id": survey.pk}
    )
