"""Peer partners for Environmental Science 101, through the groups' own services: "Weekly
partners", pairs formed from the intro survey's interests and free hours, rotating weekly
for four rounds. Round 1 began twelve days ago and round 2 five days ago (both published,
each pair with its thread and wall); rounds 3 and 4 are planned. In this week's pairs, partners
greet each other in their thread, and a few ask each other for feedback on their field
notes and answer and thank — but the learners the demo has drifting stay silent.
Nothing is made twice."""

from datetime import datetime, timedelta

from rapport.community.discussions.services import post_reply
from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.groups import services
from rapport.groups.feedback import services as feedback
from rapport.groups.models import Formation, GroupSet, Mode, Pace

TITLE = "Weekly partners"
PURPOSE = "Meet your partner once this week: compare field notes and share one reflection."
ROUNDS = 4
# The next round starts this many days after the demo's moment (the one before, a week
# earlier; so the current pairs have been together five days).
NEXT_IN_DAYS = 2
GREETINGS = [
    "Hi partner! {hours}Does that work for you?",
    "Hello! Happy to be paired with you this week. {hours}",
    "Hey! I'd love to compare notes on the wetlands reading. {hours}",
]
FEEDBACK_TITLE = "My field notes from the creek walk"
FEEDBACK_BODY = (
    "Here are my notes from Saturday's creek walk: water clarity, what lives under the "
    "stones, and two photos I couldn't identify. Anything I missed?"
)
ANSWER = {
    "works": "Your sketches of the stonefly larvae are so clear!",
    "question": "How did you measure the water clarity?",
    "suggestion": "Add the time of day: light changes what you see.",
}


def seed_groups(*, course: Course, users: dict, now: datetime) -> int:
    if GroupSet.objects.filter(course=course, title=TITLE).exists():
        return 0
    staff = (
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE, role="instructor")
        .select_related("user", "course")
        .first()
    )
    group_set = services.group_set_create(
        course=course,
        member=staff,
        criteria=services.Criteria(
            title=TITLE,
            purpose=PURPOSE,
            group_size=2,
            interests=Mode.SIMILAR,
            availability=Mode.SIMILAR,
            rounds=ROUNDS,
            pace=Pace.WEEKLY,
        ),
        form_later=False,
    )
    group_set = services.group_set_form(group_set=group_set)
    if group_set.status != Formation.READY:
        return 0
    rounds = list(group_set.round_set.order_by("number"))
    for offset, round_ in enumerate(rounds):
        round_.starts_at = now + timedelta(days=7 * (offset - 2) + NEXT_IN_DAYS)
        round_.save(update_fields=["starts_at"])
    for round_ in rounds[:2]:
        services.round_publish(round_=round_, member=staff)
        round_.published_at = round_.starts_at
        round_.save(update_fields=["published_at"])
    return 1 + len(rounds) + _activity(rounds[1], now)


def _activity(round_, now: datetime) -> int:
    """This week's pairs talking and asking each other for feedback."""
    added = 0
    groups = list(round_.groups.prefetch_related("members__user", "topics__posts"))
    for index, group in enumerate(groups):
        people = [m.user for m in group.members.all()]
        if any(person.email.split("@")[0] in DRIFTING for person in people):
            continue
        topic = group.topics.first()
        opening = topic.posts.order_by("pk").first() if topic else None
        when = round_.starts_at + timedelta(hours=3 + index)
        hours = _hours(group)
        if opening is not None:
            for turn, person in enumerate(people):
                post_reply(
                    parent=opening,
                    author=person,
                    body=GREETINGS[(index + turn) % len(GREETINGS)].format(hours=hours),
                    now=when + timedelta(hours=turn * 5),
                )
                added += 1
        if index % 3 == 0 and len(people) >= 2:
            added += _feedback(group, people, when + timedelta(days=1))
    return added


def _hours(group) -> str:
    if not group.shared_hours:
        return "When are you free? "
    day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[group.shared_hours[0] // 24]
    return f"We're both free on {day}s, it seems. "


def _feedback(group, people, at: datetime) -> int:
    author, reviewer = people[0], people[1]
    course = group.course
    members = {
        m.user_id: m
        for m in Membership.objects.filter(course=course, user__in=people).select_related(
            "user", "course"
        )
    }
    request = feedback.feedback_request_create(
        group=group, member=members[author.pk], title=FEEDBACK_TITLE, body=FEEDBACK_BODY, at=at
    )
    reply = feedback.feedback_reply(
        request=request, member=members[reviewer.pk], parts=ANSWER, at=at + timedelta(hours=6)
    )
    feedback.feedback_thank(reply=reply, member=members[author.pk], at=at + timedelta(hours=9))
    return 3
