"""Survey objects for other apps' tests (the role matrix, learner cards...), made through
the services like real ones."""

from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.surveys import intro, services
from rapport.surveys.models import Survey

ANSWERS = {
    intro.GOALS: "Understand wildfire smoke.\nMeet people who care about forests.",
    intro.INTERESTS: ["hiking", "photography"],
    intro.CHANNEL: "Email",
    intro.FEEDBACK_STYLE: ["Gentle", "Written"],
    intro.BEST_TIMES: [[1, 1080, 1200]],
    intro.IN_THE_WAY: "Night shifts.",
}


def survey_answered_by(learner, *, course, answers: dict | None = None) -> Survey:
    """The course's published intro survey, sent by ``learner`` (made if missing)."""
    staff = (
        Membership.objects.filter(
            course=course, role=Role.INSTRUCTOR, status=MembershipStatus.ACTIVE
        )
        .select_related("user")
        .first()
    )
    survey = services.intro_survey_create(course=course, author=staff.user)
    if not survey.is_published:
        services.survey_publish(survey=survey, actor=staff.user)
    by_key = {q.key: q.pk for q in survey.questions.all()}
    values = {by_key[key]: value for key, value in (answers or ANSWERS).items() if key in by_key}
    services.answers_send(survey=survey, user=learner, values=values)
    return survey
