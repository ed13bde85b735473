"""What the API reads and writes, as Pydantic schemas (the OpenAPI schema is built from
these)."""

import re
from datetime import UTC, date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

from rapport.community.models.shoutouts import MESSAGE_MAX, ShoutoutVisibility
from rapport.core.enums import MembershipStatus, Role
from rapport.core.kinds import TouchpointKind
from rapport.presence.models import Tone

# The largest id the database holds: a bigger number is no object (422, never a 500).
MAX_ID = 2**63 - 1
# Text with something to read in it, and no NUL character (which PostgreSQL cannot store;
# the app's forms refuse it too).
SOME_WORDS = r"^[^\x00]*[^\x00\s][^\x00]*$"
# A personal note's text, as the app's note form allows.
NOTE_MAX = 10_000


class TagOut(Schema):
    id: int
    label: str
    emoji: str


class CourseOut(Schema):
    slug: str
    title: str
    term: str
    timezone: str
    starts_on: date | None
    ends_on: date | None
    archived: bool
    your_role: Role


class CourseDetailOut(CourseOut):
    description: str
    shoutout_tags: list[TagOut]


class PersonOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(person) -> str:
        return person.display_name


class MemberOut(Schema):
    """A member as the caller may see them. Fields a classmate chose to keep from peers
    (or that a young-learners course hides) are null; ``email``, ``status`` and
    ``joined_at`` are for the teaching team only and null for learners."""

    id: int
    name: str
    role: Role
    pronouns: str | None
    pronunciation: str | None
    about: str | None
    timezone: str | None
    email: str | None
    status: MembershipStatus | None
    joined_at: datetime | None


class TouchpointOut(Schema):
    id: int
    kind: TouchpointKind
    channel: str
    occurred_at: datetime
    actor: PersonOut | None
    subject: PersonOut | None


_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")


def _rfc3339(value):
    # Pydantic would also take a bare number (seconds since 1970) or a time without a zone;
    # the schema promises an RFC 3339 date-time, and a moment without its zone is a guess.
    if not (isinstance(value, str) and _RFC3339.fullmatch(value)):
        raise ValueError("Give a date and time with its zone, like 2027-03-01T09:00:00Z.")
    return value


def _within_the_calendar(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC)  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
    except OverflowError:
        raise ValueError("Give a time between the years 1 and 9999 (UTC).") from None


Moment = Annotated[datetime, BeforeValidator(_rfc3339), AfterValidator(_within_the_calendar)]


class TouchpointFilters(Schema):
    since: Moment | None = Field(None, description="Moments at or after this time.")
    until: Moment | None = Field(None, description="Moments before this time.")
    kind: TouchpointKind | None = None
    learner_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Moments this learner took part in, either side."
    )


class IndicatorsOut(Schema):
    learner: PersonOut
    days_since_personal_contact: int | None
    personal_contacts_this_term: int
    peer_given: int
    peer_received: int
    distinct_classmates: int
    classmate_replies_received: int
    posts: int
    participation_this_week: int
    participation_baseline: float | None
    mood_by_week: list[float | None]
    open_help_requests: int
    intro_survey_answered: bool
    milestones_coming_up: list[str]
    checkins_not_opened_in_a_row: int
    days_in_course: int
    sentences: dict[str, str]


class MessageIn(Schema):
    learner_id: int = Field(..., ge=1, le=MAX_ID, description="The learner the note is for.")
    text: str = Field(..., min_length=1, max_length=NOTE_MAX, pattern=SOME_WORDS)
    tone: Tone = Tone.THINKING_OF_YOU


class MessageOut(Schema):
    id: int
    learner_id: int
    tone: Tone
    text: str
    sent_at: datetime


class ShoutoutIn(Schema):
    receiver_id: int = Field(
        ..., ge=1, le=MAX_ID, description="The classmate the shout-out is for."
    )
    message: str = Field(..., min_length=1, max_length=MESSAGE_MAX, pattern=SOME_WORDS)
    tag_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="One of the course's shout-out tags; the first when left out.",
    )
    visibility: ShoutoutVisibility = ShoutoutVisibility.CLASS


class ShoutoutOut(Schema):
    id: int
    receiver_id: int
    tag: TagOut
    message: str
    visibility: ShoutoutVisibility
    given_at: datetime
