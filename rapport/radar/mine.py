"""A learner's own connections, for them to see: the classmates they have interacted with,
the shout-outs they received, the personal contacts the teaching team made with them and
how their own taking part went week by week. Read from the ledger for that one learner —
never anyone else's figures."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model

from rapport.courses.models import Course, Membership
from rapport.radar import ledger
from rapport.radar.ledger import BASELINE_WEEKS


@dataclass
class Classmate:
    user: object
    given: int  # what the learner gave them
    received: int  # what they gave the learner

    @property
    def together(self) -> int:
        return self.given + self.received


@dataclass
class MyConnections:
    membership: Membership
    classmates: list[Classmate] = field(default_factory=list)  # most moments first
    shoutouts_from_classmates: int = 0
    shoutouts_from_team: int = 0
    personal_contacts_this_term: int = 0
    days_since_personal_contact: int | None = None
    # what they did in each of the last weeks, this week first
    weeks: list[int] = field(default_factory=list)
    days_in_course: int = 0

    @property
    def shoutouts(self) -> int:
        return self.shoutouts_from_classmates + self.shoutouts_from_team

    @property
    def this_week(self) -> int:
        return self.weeks[0] if self.weeks else 0

    @property
    def usual_week(self) -> float | None:
        """Their mean over the weeks before this one that they were in the course."""
        weeks_before = min(self.days_in_course // 7, BASELINE_WEEKS)
        if weeks_before < 1:
            return None
        return sum(self.weeks[1 : weeks_before + 1]) / weeks_before

    @property
    def weeks_oldest_first(self) -> list[tuple[str, int]]:
        """(label, count) from the oldest week shown to this one, for the trend list."""
        labels = ["This week", "Last week"] + [f"{k} weeks ago" for k in range(2, len(self.weeks))]
        shown = min(len(self.weeks), max(self.days_in_course // 7 + 1, 1))
        return list(zip(labels[:shown], self.weeks[:shown], strict=True))[::-1]

    def trend_sentence(self) -> str:
        usual = self.usual_week
        this_week = self.this_week
        times = "time" if this_week == 1 else "times"
        if usual is None:
            return f"You took part {this_week} {times} this week. Welcome aboard!"
        if this_week > usual:
            return (
                f"You took part {this_week} {times} this week, more than your usual "
                f"{usual:.0f}. Lovely to see!"
            )
        if this_week == 0:
            return (
                "You haven't taken part yet this week. A reply to a classmate is an easy way "
                "back in."
            )
        return f"You took part {this_week} {times} this week (your usual is about {usual:.0f})."

    def contact_sentence(self) -> str:
        days = self.days_since_personal_contact
        count = self.personal_contacts_this_term
        if days is None:
            return "Your teachers haven't written to you personally yet this term."
        when = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
        times = "once" if count == 1 else f"{count} times"
        return (
            f"Your teachers reached out to you personally {times} this term, most recently {when}."
        )


def my_connections(*, course: Course, membership: Membership, now: datetime) -> MyConnections:
    """The learner of ``membership``'s own connections — five queries whatever the course."""
    learner_id = membership.user_id
    mine = MyConnections(
        membership=membership, days_in_course=max((now - membership.joined_at).days, 0)
    )
    together = ledger.classmates_of(course, learner_id, now)
    people = get_user_model().objects.in_bulk(list(together))
    mine.classmates = sorted(
        (
            Classmate(user=people[uid], given=given, received=received)
            for uid, (given, received) in together.items()
            if uid in people
        ),
        key=lambda c: (-c.together, c.user.display_name.casefold(), c.user.pk),
    )
    shoutouts = ledger.shoutouts_received(course, learner_id, now)
    mine.shoutouts_from_classmates = shoutouts["from_classmates"]
    mine.shoutouts_from_team = shoutouts["from_team"]
    contacts = ledger.personal_contacts(course, now, learner_id=learner_id)
    mine.personal_contacts_this_term = sum(c.this_term for c in contacts)
    if contacts:
        mine.days_since_personal_contact = (now - max(c.latest for c in contacts)).days
    weeks = ledger.weekly_activity(course, now, learner_id=learner_id).get(learner_id, {})
    mine.weeks = [weeks.get(f"week_{k}", 0) for k in range(BASELINE_WEEKS + 1)]
    return mine
