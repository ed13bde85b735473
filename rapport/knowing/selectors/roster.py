"""The roster of learner cards: everyone's glance, then filters applied in Python over rows
already loaded — two queries however many learners there are (their intro answers, the
latest staff contact with each), over the learners' names and settings. What only a
card on screen shows (the local time, "3 days ago") is worked out for the page shown
(``glance_fill``), not for every learner of a big course."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.courses.selectors import local_time_label
from rapport.knowing.selectors.people import last_staff_contact
from rapport.knowing.selectors.words import ago
from rapport.surveys import intro
from rapport.surveys.intro import IntroAnswers, intro_answers

NO_CONTACT_DAYS = 14
# The intro answers the roster shows and searches.
ROSTER_ANSWERS = (intro.GOALS, intro.INTERESTS, intro.CHANNEL)
TOP_INTERESTS = 3


def channel_label(person, intro: IntroAnswers) -> str:
    """How they'd like to hear from us: their intro answer, else their profile setting."""
    return (intro.channel or "").strip() or person.get_preferred_channel_display()


@dataclass
class RosterEntry:
    membership: Membership
    intro: IntroAnswers
    channel: str
    last_contact: datetime | None
    local_time: str = ""
    last_contact_ago: str = ""

    @property
    def person(self):
        return self.membership.user

    @property
    def top_interests(self) -> list[str]:
        return self.intro.interests[:TOP_INTERESTS]

    def matches(self, words: str) -> bool:
        person = self.person
        haystack = " ".join(
            [
                person.display_name,
                person.full_name,
                person.email,
                self.intro.goals,
                *self.intro.interests,
            ]
        ).casefold()
        return all(word in haystack for word in words.casefold().split())


def roster_entries(
    *, course: Course, now: datetime, memberships: list[Membership]
) -> list[RosterEntry]:
    """Everyone's entry, in the order of ``memberships`` (``roster_learners``);
    ``glance_fill`` completes the ones shown."""
    answers = intro_answers(course=course, keys=ROSTER_ANSWERS)
    contacts = last_staff_contact(course=course)
    entries = []
    for membership in memberships:
        person = membership.user
        intro = answers.get(person.pk) or IntroAnswers()
        entries.append(
            RosterEntry(
                membership=membership,
                intro=intro,
                channel=channel_label(person, intro),
                last_contact=contacts.get(person.pk),
            )
        )
    return entries


# What the filters and the name order read of each learner; the cards shown load the rest.
_FILTERED_FIELDS = (
    "course_id",
    "user_id",
    "role",
    "status",
    "user__preferred_name",
    "user__full_name",
    "user__email",
    "user__timezone",
    "user__timezone_chosen",
    "user__preferred_channel",
)


def roster_learners(*, course: Course) -> list[Membership]:
    """The course's active learners by name, each with only what the filters read (a big
    class's whole rows cost more to load than everything else on the page)."""
    rows = (
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE, role=Role.LEARNER)
        .select_related("user")
        .only(*_FILTERED_FIELDS)
    )
    return sorted(rows, key=lambda membership: membership.user.display_name.casefold())


def glance_fill(entries, *, now: datetime):
    """The cards shown: their memberships and people whole (one query), the local time and
    how long ago the team last reached them."""
    # The query runs even for no cards (id 0 is nobody's), so a page costs the same
    # number of queries whatever it shows.
    ids = [entry.membership.pk for entry in entries] or [0]
    whole = {m.pk: m for m in Membership.objects.select_related("user").filter(pk__in=ids)}
    for entry in entries:
        entry.membership = whole[entry.membership.pk]
        entry.local_time = local_time_label(entry.person, now)
        entry.last_contact_ago = ago(entry.last_contact, now)
    return entries


@dataclass
class RosterOptions:
    """What the filter selects offer: (value, label) pairs built from everyone's answers."""

    interests: list[tuple[str, str]] = field(default_factory=list)
    timezones: list[tuple[str, str]] = field(default_factory=list)
    channels: list[tuple[str, str]] = field(default_factory=list)


def _counted(values: list[str]) -> list[tuple[str, str]]:
    """Distinct values (case ignored, first spelling kept) labelled with how many have it."""
    spelling: dict[str, str] = {}
    counts: Counter = Counter()
    for value in values:
        value = value.strip()
        if not value:
            continue
        spelling.setdefault(value.casefold(), value)
        counts[value.casefold()] += 1
    return [
        (spelling[key], f"{spelling[key]} ({counts[key]})")
        for key in sorted(spelling, key=lambda k: (-counts[k], k))
    ]


def _zone_label(entry: RosterEntry, now: datetime) -> tuple[float, str]:
    local = entry.person.local_now(now)
    offset = local.utcoffset().total_seconds() / 3600
    sign = "+" if offset >= 0 else "−"
    hours = f"{abs(offset):g}".replace(".5", ":30").replace(".75", ":45")
    return offset, f"{entry.person.timezone.replace('_', ' ')} (UTC{sign}{hours})"


def roster_options(entries: list[RosterEntry], *, now: datetime) -> RosterOptions:
    zones: dict[str, tuple[float, str]] = {}
    zone_counts: Counter = Counter()
    for entry in entries:
        zones.setdefault(entry.person.timezone, _zone_label(entry, now))
        zone_counts[entry.person.timezone] += 1
    return RosterOptions(
        interests=_counted([i for e in entries for i in e.intro.interests]),
        timezones=[
            (name, f"{zones[name][1]} · {zone_counts[name]}")
            for name in sorted(zones, key=lambda n: (zones[n][0], n))
        ],
        channels=_counted([e.channel for e in entries]),
    )


@dataclass
class RosterFilters:
    q: str = ""
    interest: str = ""
    timezone: str = ""
    channel: str = ""
    not_answered: bool = False
    no_contact: bool = False

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def roster_filter(
    entries: list[RosterEntry], filters: RosterFilters, *, now: datetime
) -> list[RosterEntry]:
    shown = entries
    if filters.q.strip():
        shown = [e for e in shown if e.matches(filters.q)]
    if filters.interest:
        wanted = filters.interest.casefold()
        shown = [e for e in shown if wanted in {i.strip().casefold() for i in e.intro.interests}]
    if filters.timezone:
        shown = [e for e in shown if e.person.timezone == filters.timezone]
    if filters.channel:
        shown = [e for e in shown if e.channel.casefold() == filters.channel.casefold()]
    if filters.not_answered:
        shown = [e for e in shown if not e.intro.submitted]
    if filters.no_contact:
        since = now - timedelta(days=NO_CONTACT_DAYS)
        shown = [e for e in shown if e.last_contact is None or e.last_contact < since]
    return shown
