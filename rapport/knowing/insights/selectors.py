"""What the class told us in the intro survey, put together for the teaching team:
interests and goals grouped, channel preferences, and when people can meet.

For staff only (the view is ``course_access(STAFF)``). Two queries, whatever the size of
the class: the active learners, and their intro answers.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from rapport.core.enums import Channel
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.knowing.insights import availability
from rapport.knowing.recommend import text
from rapport.surveys.intro import IntroAnswers, intro_answers

MAX_GOAL_GROUPS = 15


@dataclass
class Group:
    """One interest, goal word or channel and the learners behind it."""

    label: str
    people: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.people)

    @property
    def names(self) -> str:
        return ", ".join(person.display_name for person in self.people)


@dataclass
class ClassInsights:
    learners: list
    answered: list
    interests: list[Group]
    goals: list[Group]
    channels: list[Group]
    week: availability.Week
    best: list[availability.Slot]
    with_times: int

    @property
    def not_answered(self) -> list:
        answered = {person.pk for person in self.answered}
        return [person for person in self.learners if person.pk not in answered]


def class_insights(*, course: Course, zone: ZoneInfo, now: datetime | None = None) -> ClassInsights:
    learners = [
        membership.user
        for membership in Membership.objects.select_related("user")
        .filter(course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE)
        .order_by("user__preferred_name", "user__full_name", "user__email")
    ]
    by_id = {person.pk: person for person in learners}
    answers = {
        user_id: answer
        # All the course's answers, then only active learners' (no IN list of every id).
        for user_id, answer in intro_answers(course=course).items()
        if answer.submitted and user_id in by_id
    }
    answered = [person for person in learners if person.pk in answers]
    pairs = [(person, answers[person.pk]) for person in answered]
    free = [
        availability.Learner(key=person, zone=person.zone(), mask=mask)
        for person, answer in pairs
        if (mask := availability.week_mask(answer.best_times))
    ]
    week = availability.week_in_zone(learners=free, zone=zone, now=now or timezone.now())
    return ClassInsights(
        learners=learners,
        answered=answered,
        interests=interest_groups(pairs),
        goals=goal_groups(pairs),
        channels=channel_groups(pairs),
        week=week,
        best=availability.best_slots(week),
        with_times=len(free),
    )


def _grouped(keyed: dict, spellings: dict[object, Counter]) -> list[Group]:
    groups = [
        Group(label=spellings[key].most_common(1)[0][0], people=people)
        for key, people in keyed.items()
    ]
    return sorted(groups, key=lambda group: (-group.count, group.label.casefold()))


def interest_groups(pairs: list[tuple[object, IntroAnswers]]) -> list[Group]:
    """Interests as learners named them, "Birds" and "birds " counted as one."""
    keyed: dict[object, list] = defaultdict(list)
    spellings: dict[object, Counter] = defaultdict(Counter)
    for person, answer in pairs:
        seen = set()
        for interest in answer.interests:
            label = " ".join(str(interest).split())
            if not label:
                continue
            key = tuple(text.stems(label)) or label.casefold()
            if key in seen:
                continue
            seen.add(key)
            keyed[key].append(person)
            spellings[key][label] += 1
    return _grouped(keyed, spellings)


def goal_groups(pairs: list[tuple[object, IntroAnswers]]) -> list[Group]:
    """The words and two-word phrases that more than one learner used in their goals."""
    keyed: dict[object, list] = defaultdict(list)
    spellings: dict[object, Counter] = defaultdict(Counter)
    for person, answer in pairs:
        runs = text.phrases(answer.goals)
        terms: dict[object, str] = {}
        for word in (word for run in runs for word in run):
            terms.setdefault(text.stem(word), word)
        for first, second in text.bigrams(runs):
            terms.setdefault((text.stem(first), text.stem(second)), f"{first} {second}")
        for key, spelling in terms.items():
            keyed[key].append(person)
            spellings[key][spelling] += 1
    shared = {key: people for key, people in keyed.items() if len(people) > 1}
    # A word is left out when everyone who used it used it inside a phrase shown too:
    # "quality" adds nothing beside "air quality" and "water quality".
    for word in [key for key in shared if isinstance(key, str)]:
        users = {person.pk for person in shared[word]}
        in_phrases = {
            person.pk
            for key, people in shared.items()
            if isinstance(key, tuple) and word in key
            for person in people
        }
        if users <= in_phrases:
            del shared[word]
    groups = _grouped(shared, spellings)
    groups.sort(key=lambda group: (-group.count, -len(group.label.split()), group.label))
    return groups[:MAX_GOAL_GROUPS]


def channel_groups(pairs: list[tuple[object, IntroAnswers]]) -> list[Group]:
    labels = dict(Channel.choices)
    keyed: dict[object, list] = defaultdict(list)
    spellings: dict[object, Counter] = defaultdict(Counter)
    for person, answer in pairs:
        value = " ".join(str(answer.channel or "").split())
        if not value:
            continue
        label = str(labels.get(value, value))
        key = label.casefold()
        keyed[key].append(person)
        spellings[key][label] += 1
    return _grouped(keyed, spellings)
