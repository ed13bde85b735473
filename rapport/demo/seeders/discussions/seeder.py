"""Posts the demo's discussions through the discussion services, dated in the past."""

import random
import re
import zlib
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rapport.community.discussions import moderation, services
from rapport.community.models.discussions import Post, PostReaction, Topic, TopicRead
from rapport.core.enums import Channel
from rapport.core.models import Notification
from rapport.core.reactions.emoji import REACTION_EMOJI
from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.demo.people import DEMO_DOMAIN
from rapport.demo.seeders.discussions.intros import INTRODUCTIONS
from rapport.demo.seeders.discussions.recent import AIR, CARBON, FIELD_TRIP, STUDY_GROUP
from rapport.demo.seeders.discussions.script import (
    KIDS_AT_HOME,
    SOIL,
    START_HERE,
    TECH_CHECK,
    WATER,
)
from rapport.demo.seeders.discussions.words import ISOLATED, DemoTopic, Say

TOPICS: tuple[DemoTopic, ...] = (
    START_HERE,
    TECH_CHECK,
    INTRODUCTIONS,
    WATER,
    KIDS_AT_HOME,
    SOIL,
    FIELD_TRIP,
    AIR,
    CARBON,
    STUDY_GROUP,
)
MENTION = re.compile(r"\{@(\w+)\}")
# Notifications older than this were read long ago.
READ_AFTER = timedelta(days=4)
# How far behind each person's reading is: Sam is a couple of days behind, staff one.
READ_UP_TO = {
    "learner": timedelta(days=2.5),
    "instructor": timedelta(days=1),
    "ta": timedelta(days=1),
}


def seed_discussions(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in the topics missing from ``course``; returns how many things were added.

    One transaction, so the emails the services queue for people who prefer email run
    after ``settle_notifications`` has marked them sent — the demo mails no one."""
    with transaction.atomic():
        seeder = _Seeder(course=course, users=users, now=now)
        seeder.run()
    return seeder.added


class _Seeder:
    def __init__(self, *, course: Course, users: dict, now: datetime):
        self.course, self.users, self.now = course, users, now
        self.added = 0
        self.started = timezone.now()
        self.joined = dict(
            Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE).values_list(
                "user_id", "joined_at"
            )
        )

    def person(self, key: str):
        return self.users.get(f"{key}@{DEMO_DOMAIN}")

    def at(self, days_ago: float, words: str = "") -> datetime:
        """``days_ago`` before now, moved by up to half an hour either way (the same on
        every run) so posts don't all land on the same minutes of the hour."""
        jitter = zlib.crc32(words.encode()) % 61 - 30 if words else 0
        return self.now - timedelta(days=days_ago, minutes=jitter)

    def run(self) -> None:
        existing = set(
            Topic.objects.filter(
                course=self.course, title__in=[t.title for t in TOPICS]
            ).values_list("title", flat=True)
        )
        todo = [topic for topic in TOPICS if topic.title not in existing]
        if not todo:
            return
        # Every post of every new topic in time order, so ids follow time as they do live.
        events: list[tuple[DemoTopic, Say, Say | None]] = []
        for topic in todo:
            self.walk(topic, topic.opening, None, events)
        events.sort(key=lambda event: self.at(event[1].days_ago, event[1].body))
        made: dict[int, Post] = {}
        for topic, said, parent in events:
            self.post(topic, said, parent, made)
        for topic in todo:
            self.finish(topic, made)
        self.reactions(made)
        self.reads([made[id(topic.opening)].topic for topic in todo if id(topic.opening) in made])

    def walk(self, topic: DemoTopic, said: Say, parent: Say | None, events: list) -> None:
        events.append((topic, said, parent))
        for child in said.replies:
            self.walk(topic, child, said, events)

    def words(self, text: str) -> str:
        def token(match: re.Match) -> str:
            user = self.person(match.group(1))
            return f"@[{user.display_name}](user:{user.pk})" if user else match.group(1)

        return MENTION.sub(token, text)

    def post(self, topic: DemoTopic, said: Say, parent: Say | None, made: dict) -> None:
        author, at = self.person(said.who), self.at(said.days_ago, said.body)
        if author is None or author.pk not in self.joined:
            return
        if at >= self.now or self.joined[author.pk] > at:
            return
        if parent is None:
            new = services.topic_start(
                course=self.course,
                author=author,
                title=topic.title,
                body=self.words(said.body),
                now=at,
            )
            post = new.posts.get()
        else:
            answered = made.get(id(parent))
            if answered is None:
                return
            post = services.post_reply(
                parent=answered, author=author, body=self.words(said.body), now=at
            )
        made[id(said)] = post
        self.settle_notifications(post, at)
        self.added += 1

    def finish(self, topic: DemoTopic, made: dict) -> None:
        """Edits, pins and locks, once the topic's posts are in."""
        opening = made.get(id(topic.opening))
        if opening is None:
            return
        staff = self.person("instructor")
        if topic.pinned:
            moderation.topic_pin(
                topic=opening.topic, staff=staff, pinned=True, now=opening.created_at
            )
        if topic.locked:
            last = opening.topic.posts.aggregate(last=Max("created_at"))["last"]
            moderation.topic_lock(
                topic=opening.topic, staff=staff, locked=True, now=last + timedelta(hours=6)
            )
        for said, post in ((s, made.get(id(s))) for s in _all(topic.opening)):
            if post is not None and said.edited_to:
                services.post_edit(
                    post=post,
                    editor=post.author,
                    body=self.words(said.edited_to),
                    now=self.at(said.edited_days_ago),
                )

    def reactions(self, made: dict) -> None:
        """A few classmates react to most posts — never to the isolated learners', whose
        only reactions come from the teaching team."""
        instructor = self.person("instructor")
        reactors = [
            user
            for key, user in self.users.items()
            if key.split("@")[0] not in ISOLATED and user.pk in self.joined
        ]
        for post in sorted(made.values(), key=lambda post: post.pk):
            rng = random.Random(f"rapport-demo:discussion-reactions:{post.body}")
            isolated = post.author.email.split("@")[0] in ISOLATED
            people = (
                [instructor] if isolated else rng.sample(reactors, k=rng.choice((0, 1, 1, 2, 3)))
            )
            for person in people:
                at = post.created_at + timedelta(hours=rng.randint(1, 20))
                if (
                    person.pk == post.author_id
                    or at >= self.now
                    or self.joined.get(person.pk, at) > at
                    or PostReaction.objects.filter(post=post, user=person).exists()
                ):
                    continue
                services.reaction_toggle(
                    post=post, user=person, emoji=rng.choice(REACTION_EMOJI), at=at
                )
                self.added += 1

    def reads(self, topics: list[Topic]) -> None:
        """How far Sam and the teaching team have read, so "new" markers tell a story."""
        for key, behind in READ_UP_TO.items():
            user = self.person(key)
            if user is None:
                continue
            until = self.now - behind
            for topic in topics:
                last = topic.posts.filter(created_at__lte=until, hidden_at__isnull=True).aggregate(
                    last=Max("pk")
                )["last"]
                if last is not None:
                    TopicRead.objects.update_or_create(
                        topic=topic,
                        user=user,
                        defaults={"last_read_post_id": last, "read_at": until},
                    )

    def settle_notifications(self, post: Post, at: datetime) -> None:
        """Date the notifications just sent for ``post`` as if sent then: emailed then to
        people who prefer email (so the demo sends no stale email), and read by now unless
        they are recent."""
        fresh = Notification.objects.filter(
            url=post.get_absolute_url(), created_at__gte=self.started
        )
        fresh.filter(recipient__preferred_channel=Channel.EMAIL).update(emailed_at=at)
        fresh.update(created_at=at, read_at=at if at < self.now - READ_AFTER else None)


def _all(said: Say):
    yield said
    for child in said.replies:
        yield from _all(child)
