""" "Reach out this week": learners ranked by need of a human touch, each with the reasons
and a next step that fits them. Points are plain and documented in docs/radar.md."""

from dataclasses import dataclass
from datetime import datetime

from rapport.courses.models import Course
from rapport.radar.indicators import LearnerIndicators, course_indicators
from rapport.surveys.intro import IntroAnswers, intro_answers

# Points per signal. A learner is on the list at ON_THE_LIST points or more.
OPEN_HELP_REQUEST = 5
NO_PERSONAL_CONTACT = 3  # none in NO_CONTACT_DAYS days, or none at all once NO_CONTACT_DAYS in
MOOD_DOWN_TWO_WEEKS = 3
MOOD_DOWN_ONE_WEEK = 1
NO_CLASSMATE_REPLY = 2
CHECKIN_NOT_OPENED = 1  # a point per check-in not opened in a row, from the second on
PARTICIPATION_DROP = 2
NO_CLASSMATE_AT_ALL = 1
NO_INTRO_SURVEY = 1
NO_MOOD_CHECKIN = 1  # none in the last two weeks, once two weeks in the course
ON_THE_LIST = 3
NO_CONTACT_DAYS = 14


@dataclass
class ReachOut:
    indicators: LearnerIndicators
    points: int
    reasons: list[str]
    next_step: str
    rank: int = 0
    # Which kind of step ``next_step`` is (one of STEP_*), and the classmate it names.
    step: str = ""
    partner: object = None
    # Their first interest from the intro survey ("" when unknown), for the words of a step.
    interest: str = ""

    @property
    def user(self):
        return self.indicators.user


def signals(learner: LearnerIndicators) -> list[tuple[int, str]]:
    """(points, reason) for each signal that applies to ``learner``."""
    found: list[tuple[int, str]] = []
    if learner.open_help_requests:
        found.append(
            (
                OPEN_HELP_REQUEST,
                f"asked for help on {learner.open_help_since:%d %B}; no follow-up yet",
            )
        )
    days = learner.days_since_personal_contact
    if days is None and learner.days_in_course >= NO_CONTACT_DAYS:
        found.append((NO_PERSONAL_CONTACT, "no personal contact yet"))
    elif days is not None and days >= NO_CONTACT_DAYS:
        found.append((NO_PERSONAL_CONTACT, f"no personal contact in {days} days"))
    if learner.mood_down_weeks == 2:
        found.append((MOOD_DOWN_TWO_WEEKS, "mood down two weeks running"))
    elif learner.mood_down_weeks == 1:
        found.append((MOOD_DOWN_ONE_WEEK, "mood down since last week"))
    if learner.posts and not learner.classmate_replies_received:
        found.append((NO_CLASSMATE_REPLY, "no classmate has replied to them yet"))
    if learner.checkins_not_opened_in_a_row >= 2:
        count = learner.checkins_not_opened_in_a_row
        words = {2: "two", 3: "three"}.get(count, str(count))
        found.append((CHECKIN_NOT_OPENED * count, f"has not opened the last {words} check-ins"))
    if learner.participation_dropped:
        found.append(
            (
                PARTICIPATION_DROP,
                f"took part {learner.participation_this_week} times this week, against about "
                f"{learner.participation_baseline:.0f} before",
            )
        )
    if learner.mood_by_week[:2] == [None, None] and learner.days_in_course >= NO_CONTACT_DAYS:
        found.append((NO_MOOD_CHECKIN, "no mood check-in in two weeks"))
    if not learner.distinct_classmates and learner.days_in_course >= 7:
        found.append((NO_CLASSMATE_AT_ALL, "no interaction with any classmate yet"))
    if not learner.intro_survey_answered:
        found.append((NO_INTRO_SURVEY, "has not answered the getting-to-know-you survey"))
    return found


STEP_HELP = "help"
STEP_PAIR = "pair"
STEP_VIDEO = "video"
STEP_NOTE = "note"


def step_kind(learner: LearnerIndicators, intro: IntroAnswers, partner=None) -> str:
    """Which next step fits the learner (the rules of ``next_step``)."""
    if learner.open_help_requests:
        return STEP_HELP
    if partner is not None and learner.posts and not learner.classmate_replies_received:
        return STEP_PAIR
    if "spoken" in {style.casefold() for style in intro.feedback_style}:
        return STEP_VIDEO
    return STEP_NOTE


def next_step(learner: LearnerIndicators, intro: IntroAnswers, partner=None) -> str:
    """One concrete action that fits the learner: their channel, feedback style and
    interests (from the intro survey), or a classmate to pair them with."""
    name = learner.user.display_name
    kind = step_kind(learner, intro, partner)
    if kind == STEP_HELP:
        return f"Follow up on {name}'s help request today with a short personal note."
    if kind == STEP_PAIR:
        return (
            f"Pair {name} with {partner.display_name}, who also likes "
            f"{_shared_interest(intro)} — invite them to answer each other's posts."
        )
    styles = {style.casefold() for style in intro.feedback_style}
    if kind == STEP_VIDEO:
        return f"Record a 30-second video for {name}: they like feedback spoken."
    channel = intro.channel or learner.user.get_preferred_channel_display()
    hook = f" Mention {intro.first_interest}." if intro.first_interest else ""
    if "written" in styles or "gentle" in styles:
        return f"Send {name} a warm note from a template ({channel} suits them).{hook}"
    return f"Send {name} a note from a template ({channel} suits them).{hook}"


def _shared_interest(intro: IntroAnswers) -> str:
    return intro.first_interest or "the same things"


def _partners(indicators: list[LearnerIndicators], intros: dict) -> dict[int, object]:
    """For each learner, a well-connected classmate who shares their first interest. A
    learner who opted out of peer suggestions is neither paired nor suggested."""
    connected = sorted(
        (i for i in indicators if not i.membership.peer_suggestions_opted_out),
        key=lambda i: -i.distinct_classmates,
    )
    partners = {}
    for learner in indicators:
        if learner.membership.peer_suggestions_opted_out:
            continue
        interest = intros.get(learner.user.pk, IntroAnswers()).first_interest.casefold()
        if not interest:
            continue
        for other in connected:
            other_interests = {
                i.casefold() for i in intros.get(other.user.pk, IntroAnswers()).interests
            }
            if other is not learner and other.distinct_classmates and interest in other_interests:
                partners[learner.user.pk] = other.user
                break
    return partners


def rank(indicators: list[LearnerIndicators], intros: dict) -> list[ReachOut]:
    """The learners with ON_THE_LIST points or more: anyone with an open help request first,
    then most points first; ties go to whoever has waited longest for a personal contact
    (never contacted first), then by name."""
    partners = _partners(indicators, intros)
    chosen = []
    for learner in indicators:
        found = signals(learner)
        points = sum(p for p, _ in found)
        if points < ON_THE_LIST:
            continue
        found.sort(key=lambda item: -item[0])
        intro = intros.get(learner.user.pk, IntroAnswers())
        partner = partners.get(learner.user.pk)
        kind = step_kind(learner, intro, partner)
        chosen.append(
            ReachOut(
                indicators=learner,
                points=points,
                reasons=[reason for _, reason in found],
                next_step=next_step(learner, intro, partner),
                step=kind,
                partner=partner if kind == STEP_PAIR else None,
                interest=intro.first_interest,
            )
        )
    chosen.sort(key=_order)
    for position, item in enumerate(chosen, start=1):
        item.rank = position
    return chosen


def _order(item: ReachOut):
    days = item.indicators.days_since_personal_contact
    waited = item.indicators.days_in_course + 1 if days is None else days
    # A help request nobody has followed up outranks any number of quieter signals.
    asked = 1 if item.indicators.open_help_requests else 0
    return (-asked, -item.points, -waited, item.user.display_name.casefold(), item.user.pk)


def reach_out_list(*, course: Course, now: datetime, reading=None) -> list[ReachOut]:
    indicators = course_indicators(course=course, now=now, reading=reading)
    return rank(indicators, intro_answers(course=course))
