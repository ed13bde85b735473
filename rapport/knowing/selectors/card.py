"""One learner's card for the teaching team: who they are, what they told us, how to
reach them, what they've reached, what happened lately and what the team noted.

A fixed handful of queries whatever the course size."""

from dataclasses import dataclass
from datetime import datetime

from rapport.core.models import Touchpoint
from rapport.core.touchpoints import recent_for_subject
from rapport.courses.models import Course, Membership
from rapport.courses.selectors import local_time_label
from rapport.knowing.models.milestones import Birthday
from rapport.knowing.models.notes import StaffNote
from rapport.knowing.selectors.availability import AvailabilityRow, availability_rows
from rapport.knowing.selectors.milestones import Occasion, occasions
from rapport.knowing.selectors.people import last_staff_contact, learner_in_course
from rapport.knowing.selectors.roster import channel_label
from rapport.knowing.selectors.words import ago
from rapport.surveys.intro import IntroAnswers, intro_answers

RECENT_TOUCHPOINTS = 8


@dataclass
class Moment:
    """One ledger row in words: "Maya sent a personal message"."""

    who: object | None
    what: str
    when: datetime
    ago: str

    @classmethod
    def of(cls, touchpoint: Touchpoint, now: datetime) -> "Moment":
        label = touchpoint.get_kind_display()
        return cls(
            who=touchpoint.actor,
            what=label[:1].lower() + label[1:],
            when=touchpoint.occurred_at,
            ago=ago(touchpoint.occurred_at, now),
        )


@dataclass
class LearnerCard:
    membership: Membership
    intro: IntroAnswers
    local_time: str
    channel: str
    pronunciation: str
    availability: list[AvailabilityRow]
    same_zone: bool
    birthday: Birthday | None
    occasions: list[Occasion]
    moments: list[Moment]
    notes: list[StaffNote]
    last_contact: datetime | None
    last_contact_ago: str

    @property
    def person(self):
        return self.membership.user


def notes_about(*, course: Course, learner) -> list[StaffNote]:
    return list(StaffNote.objects.filter(course=course, learner=learner).select_related("author"))


def note_of(*, course: Course, learner_id: int, note_id: int, author) -> StaffNote | None:
    """A note the person wrote about this learner in this course — nobody else's."""
    return (
        StaffNote.objects.filter(course=course, learner_id=learner_id, pk=note_id, author=author)
        .select_related("learner")
        .first()
    )


def learner_card(*, course: Course, user_id: int, viewer, now: datetime) -> LearnerCard | None:
    membership = learner_in_course(course=course, user_id=user_id)
    if membership is None:
        return None
    person = membership.user
    last_contact = last_staff_contact(course=course, learner_id=person.pk).get(person.pk)
    intro = intro_answers(course=course, user_ids=[person.pk]).get(person.pk) or IntroAnswers()
    return LearnerCard(
        membership=membership,
        intro=intro,
        local_time=local_time_label(person, now),
        channel=channel_label(person, intro),
        pronunciation=person.pronunciation_text or intro.name_pronunciation,
        availability=availability_rows(
            intro.best_times,
            learner_zone=person.zone(),
            viewer_zone=viewer.zone(),
            today=now.date(),
        ),
        same_zone=str(person.zone()) == str(viewer.zone()),
        birthday=Birthday.objects.filter(user=person).first(),
        occasions=occasions(course=course, now=now, learner_id=person.pk),
        moments=[
            Moment.of(touchpoint, now)
            for touchpoint in recent_for_subject(
                course=course, subject=person, limit=RECENT_TOUCHPOINTS
            )
        ],
        notes=notes_about(course=course, learner=person),
        last_contact=last_contact,
        last_contact_ago=ago(last_contact, now),
    )
