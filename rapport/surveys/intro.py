"""What the "Getting to know you" survey told us about each learner, for the rest of
Rapport (learner cards, insights, recommendations, message placeholders).

Questions carry a ``key`` (set by the intro template); this module reads answers by key so
staff may reword questions freely. One query for any number of learners.
"""

from dataclasses import dataclass, field

from rapport.surveys.models import Answer, SurveyKind

# The keys the intro template gives its questions.
GOALS = "goals"
INTERESTS = "interests"
CHANNEL = "channel"
FEEDBACK_STYLE = "feedback_style"
BEST_TIMES = "best_times"
HELPS_ME_LEARN = "helps_me_learn"
IN_THE_WAY = "in_the_way"
PROUD_OF = "proud_of"
NAME_SAY = "name_pronunciation"


@dataclass
class IntroAnswers:
    goals: str = ""
    interests: list[str] = field(default_factory=list)
    channel: str = ""
    feedback_style: list[str] = field(default_factory=list)
    # [weekday 0=Monday..6, start minute, end minute] in UTC
    best_times: list[list[int]] = field(default_factory=list)
    helps_me_learn: str = ""
    in_the_way: str = ""
    proud_of: str = ""
    name_pronunciation: str = ""
    submitted: bool = False

    @property
    def first_goal(self) -> str:
        return self.goals.strip().splitlines()[0] if self.goals.strip() else ""

    @property
    def first_interest(self) -> str:
        return self.interests[0] if self.interests else ""


_AS_LIST = {INTERESTS, FEEDBACK_STYLE, BEST_TIMES}
_FIELDS = {
    GOALS,
    INTERESTS,
    CHANNEL,
    FEEDBACK_STYLE,
    BEST_TIMES,
    HELPS_ME_LEARN,
    IN_THE_WAY,
    PROUD_OF,
    NAME_SAY,
}


def intro_answers(*, course, user_ids=None, keys=None) -> dict[int, IntroAnswers]:
    """Each learner's intro answers in ``course`` (latest intro survey they answered); only
    the questions ``keys`` names, when given (a page that reads three answers of a big
    class need not load all nine)."""
    answers = Answer.objects.filter(
        response__survey__course=course,
        response__survey__kind=SurveyKind.INTRO,
        response__respondent__isnull=False,
        # Only what the learner chose to send: half-written drafts stay theirs.
        response__submitted_at__isnull=False,
        question__key__in=_FIELDS if keys is None else _FIELDS & set(keys),
    ).order_by("response__survey__created_at")
    if user_ids is not None:
        answers = answers.filter(response__respondent_id__in=list(user_ids))
    result: dict[int, IntroAnswers] = {}
    # Every row is from a sent response (filtered above): a big class's thousands of rows
    # need not each carry, and convert, the moment it was sent.
    rows = answers.values_list("response__respondent_id", "question__key", "value")
    for user_id, key, value in rows:
        intro = result.setdefault(user_id, IntroAnswers(submitted=True))
        if key in _AS_LIST:
            value = value if isinstance(value, list) else [value]
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        setattr(intro, key, value)
    return result
