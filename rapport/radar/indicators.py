"""Connection indicators: for every learner of a course, how connected they are to the
teaching team, to classmates and to the course — read from the ledger alone, with ``now``
passed in, in a fixed number of queries whatever the course size (``ledger``).

Each indicator explains itself in one plain sentence (``LearnerIndicators.sentences``)."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.radar import ledger
from rapport.radar.ledger import BASELINE_WEEKS, WEEK

# A milestone counts as "coming up" when it is this close.
MILESTONE_HORIZON = timedelta(days=7)
# The fifth check-in watched is a milestone (as in knowing's celebrate list).
CHECKINS_FOR_MILESTONE = 5


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


_NUMBER_WORDS = {2: "two", 3: "three"}


@dataclass
class LearnerIndicators:
    membership: Membership
    # None when no one on the teaching team has ever reached them personally.
    days_since_personal_contact: int | None = None
    personal_contacts_this_term: int = 0
    peer_given: int = 0
    peer_received: int = 0
    distinct_classmates: int = 0
    classmate_replies_received: int = 0
    posts: int = 0
    participation_this_week: int = 0
    # Their own mean per week over the weeks before this one (None: too new to tell).
    participation_baseline: float | None = None
    # Mean mood score this week, last week, the week before (None: no check-in that week).
    mood_by_week: list[float | None] = field(default_factory=lambda: [None, None, None])
    open_help_requests: int = 0
    open_help_since: datetime | None = None
    intro_survey_answered: bool = False
    milestones_coming_up: list[str] = field(default_factory=list)
    # The latest check-ins released since they joined, and how many of the newest in a row
    # they have not opened.
    recent_checkins: int = 0
    checkins_not_opened_in_a_row: int = 0
    days_in_course: int = 0

    @property
    def user(self):
        return self.membership.user

    # --- derived facts the ranking reads --------------------------------------------------

    @property
    def mood_down_weeks(self) -> int:
        """How many weeks running the weekly mean mood has fallen (0, 1 or 2)."""
        this_week, last_week, before = self.mood_by_week
        if this_week is None or last_week is None or this_week >= last_week:
            return 0
        if before is not None and last_week < before:
            return 2
        return 1

    @property
    def participation_dropped(self) -> bool:
        """This week at most half their usual, when their usual is at least two a week."""
        baseline = self.participation_baseline
        return (
            baseline is not None and baseline >= 2 and self.participation_this_week <= baseline / 2
        )

    # --- one sentence each -----------------------------------------------------------------

    def personal_contact_sentence(self) -> str:
        days = self.days_since_personal_contact
        if days is None:
            return (
                f"No one on the teaching team has reached them personally yet "
                f"(in the course {_plural(self.days_in_course, 'day')})."
            )
        if days == 0:
            return "Someone on the teaching team reached them personally today."
        return f"Last personal contact from the teaching team was {_plural(days, 'day')} ago."

    def contacts_this_term_sentence(self) -> str:
        return (
            f"{_plural(self.personal_contacts_this_term, 'personal contact')} from the teaching "
            "team this term (course-wide check-ins and reactions not counted)."
        )

    def peers_sentence(self) -> str:
        return (
            f"Gave classmates {_plural(self.peer_given, 'interaction')}, received "
            f"{self.peer_received}, with "
            f"{_plural(self.distinct_classmates, 'different classmate')}."
        )

    def classmate_replies_sentence(self) -> str:
        if not self.posts:
            return "Has not posted yet, so no classmate could reply."
        if not self.classmate_replies_received:
            return f"Posted {_plural(self.posts, 'time')}; no classmate has replied to them yet."
        return f"Classmates replied to them {_plural(self.classmate_replies_received, 'time')}."

    def participation_sentence(self) -> str:
        this_week = _plural(self.participation_this_week, "time")
        if self.participation_baseline is None:
            return f"Took part {this_week} this week (too new in the course for a usual week)."
        return (
            f"Took part {this_week} this week, against about "
            f"{self.participation_baseline:.0f} a week before."
        )

    def mood_sentence(self) -> str:
        this_week, last_week, _ = self.mood_by_week
        if this_week is None and last_week is None:
            return "No mood check-in in the last two weeks."
        if self.mood_down_weeks == 2:
            return f"Mood down two weeks running (now {this_week:.1f} of 5)."
        if self.mood_down_weeks == 1:
            return f"Mood down since last week ({last_week:.1f} to {this_week:.1f} of 5)."
        if this_week is None:
            return f"No mood check-in this week (last week {last_week:.1f} of 5)."
        return f"Mood this week {this_week:.1f} of 5, steady or rising."

    def help_sentence(self) -> str:
        if not self.open_help_requests:
            return "No help request waiting."
        return (
            f"{_plural(self.open_help_requests, 'help request')} waiting since "
            f"{self.open_help_since:%d %B}; nobody has followed up yet."
        )

    def intro_sentence(self) -> str:
        if self.intro_survey_answered:
            return "Answered the getting-to-know-you survey."
        return "Has not answered the getting-to-know-you survey."

    def milestones_sentence(self) -> str:
        if not self.milestones_coming_up:
            return "No milestone in the coming week."
        return "Coming up: " + "; ".join(self.milestones_coming_up) + "."

    def checkins_sentence(self) -> str:
        streak = self.checkins_not_opened_in_a_row
        if not self.recent_checkins:
            return "No check-in released since they joined."
        if not streak:
            return "Opened the latest check-in."
        if streak == 1:
            return "Has not opened the latest check-in."
        return f"Has not opened the last {_NUMBER_WORDS.get(streak, streak)} check-ins."

    def sentences(self) -> dict[str, str]:
        return {
            "personal_contact": self.personal_contact_sentence(),
            "contacts_this_term": self.contacts_this_term_sentence(),
            "peers": self.peers_sentence(),
            "classmate_replies": self.classmate_replies_sentence(),
            "participation": self.participation_sentence(),
            "mood": self.mood_sentence(),
            "help": self.help_sentence(),
            "intro_survey": self.intro_sentence(),
            "milestones": self.milestones_sentence(),
            "checkins": self.checkins_sentence(),
        }


def _halfway(course: Course) -> datetime | None:
    if not (course.starts_on and course.ends_on) or course.ends_on <= course.starts_on:
        return None
    middle = course.starts_on + (course.ends_on - course.starts_on) / 2
    return datetime.combine(middle, time.min, tzinfo=course.zone())


def _course_milestones(course: Course, now: datetime) -> list[str]:
    halfway = _halfway(course)
    if halfway is not None and now <= halfway <= now + MILESTONE_HORIZON:
        return [f"halfway through the course on {halfway:%A %d %B}"]
    return []


def _baseline(week_counts: dict, weeks_before: int) -> float | None:
    if weeks_before < 1:
        return None
    weeks = min(weeks_before, BASELINE_WEEKS)
    return sum(week_counts.get(f"week_{k}", 0) for k in range(1, weeks + 1)) / weeks


def course_indicators(
    *, course: Course, now: datetime, reading: ledger.Reading | None = None
) -> list[LearnerIndicators]:
    """Every active learner's indicators, by name — a fixed number of queries (``reading``,
    when the caller has read the ledger already, saves reading it twice)."""
    reading = reading or ledger.read(course, now)
    memberships = list(
        Membership.objects.filter(course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by()
    )
    memberships.sort(key=lambda m: (m.user.display_name.casefold(), m.user_id))
    result = {m.user_id: _start(m, now) for m in memberships}
    _add_personal(result, reading.contacts, now)
    _add_peers(result, reading.pairs)
    _add_activity(result, reading.by_actor)
    for learner_id, (count, since) in reading.help_requests.items():
        if learner_id in result:
            result[learner_id].open_help_requests = count
            result[learner_id].open_help_since = since
    _add_checkins(result, reading.checkins)
    watched = {learner_id: row["watched"] for learner_id, row in reading.by_actor.items()}
    _add_milestones(result, watched, _course_milestones(course, now))
    return list(result.values())


def _start(membership: Membership, now: datetime) -> LearnerIndicators:
    return LearnerIndicators(
        membership=membership, days_in_course=max((now - membership.joined_at).days, 0)
    )


def _add_personal(result: dict, contacts, now: datetime) -> None:
    latest: dict[int, datetime] = {}
    for contact in contacts:
        learner = result.get(contact.learner_id)
        if learner is None:
            continue
        learner.personal_contacts_this_term += contact.this_term
        if contact.learner_id not in latest or contact.latest > latest[contact.learner_id]:
            latest[contact.learner_id] = contact.latest
    for learner_id, at in latest.items():
        result[learner_id].days_since_personal_contact = (now - at).days


def _add_peers(result: dict, pairs) -> None:
    classmates: dict[int, set[int]] = {}
    for giver, receiver, count, replies in pairs:
        if giver in result:
            result[giver].peer_given += count
            classmates.setdefault(giver, set()).add(receiver)
        if receiver in result:
            result[receiver].peer_received += count
            result[receiver].classmate_replies_received += replies
            classmates.setdefault(receiver, set()).add(giver)
    for learner_id, people in classmates.items():
        if learner_id in result:
            result[learner_id].distinct_classmates = len(people)


def _add_activity(result: dict, activity: dict) -> None:
    for learner in result.values():
        weeks = activity.get(learner.membership.user_id, {})
        learner.participation_this_week = weeks.get("week_0", 0)
        learner.posts = weeks.get("posts", 0)
        learner.participation_baseline = _baseline(weeks, learner.days_in_course // 7)
        learner.mood_by_week = weeks.get("mood", [None, None, None])
        learner.intro_survey_answered = bool(weeks.get("intro"))


def _add_checkins(result: dict, recent) -> None:
    for learner in result.values():
        since_joining = [
            object_id for object_id, at in recent.posted if at >= learner.membership.joined_at
        ]
        opened = recent.opened.get(learner.membership.user_id, set())
        learner.recent_checkins = len(since_joining)
        streak = 0
        for object_id in since_joining:
            if object_id in opened:
                break
            streak += 1
        learner.checkins_not_opened_in_a_row = streak


def _add_milestones(result: dict, watched: dict, for_everyone: list[str]) -> None:
    for learner_id, learner in result.items():
        learner.milestones_coming_up = list(for_everyone)
        if watched.get(learner_id, 0) == CHECKINS_FOR_MILESTONE - 1:
            learner.milestones_coming_up.append("one check-in away from their fifth watched")


__all__ = ["WEEK", "LearnerIndicators", "course_indicators"]
