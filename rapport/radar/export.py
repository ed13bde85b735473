"""The indicators as rows for a spreadsheet (written through core.csvsafe by the view)."""

from collections.abc import Iterator

from rapport.radar.indicators import LearnerIndicators

HEADER = [
    "email",
    "name",
    "days_since_personal_contact",
    "personal_contacts_this_term",
    "peer_interactions_given",
    "peer_interactions_received",
    "distinct_classmates",
    "classmate_replies_received",
    "participation_this_week",
    "participation_weekly_baseline",
    "mood_this_week",
    "mood_last_week",
    "mood_two_weeks_ago",
    "open_help_requests",
    "intro_survey_answered",
    "checkins_not_opened_in_a_row",
    "milestones_coming_up",
    "in_words",
]


def _number(value, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def indicator_rows(indicators: list[LearnerIndicators]) -> Iterator[list]:
    yield HEADER
    for learner in indicators:
        mood = learner.mood_by_week
        days = learner.days_since_personal_contact
        yield [
            learner.user.email,
            learner.user.display_name,
            "" if days is None else days,
            learner.personal_contacts_this_term,
            learner.peer_given,
            learner.peer_received,
            learner.distinct_classmates,
            learner.classmate_replies_received,
            learner.participation_this_week,
            _number(learner.participation_baseline),
            _number(mood[0]),
            _number(mood[1]),
            _number(mood[2]),
            learner.open_help_requests,
            "yes" if learner.intro_survey_answered else "no",
            learner.checkins_not_opened_in_a_row,
            "; ".join(learner.milestones_coming_up),
            " ".join(learner.sentences().values()),
        ]
