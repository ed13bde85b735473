"""Sends ``script`` through the community services, dated in the past."""

import random
import tempfile
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from rapport.community.models.rituals import (
    PRESETS,
    Ritual,
    RitualPost,
    RitualPreset,
    RitualRound,
)
from rapport.community.models.shoutouts import Shoutout, ShoutoutTag
from rapport.community.rituals import services as rituals
from rapport.community.shoutouts import services as shoutouts
from rapport.core.enums import Channel
from rapport.core.models import Notification
from rapport.core.reactions.emoji import REACTION_EMOJI
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.demo.people import DEMO_DOMAIN
from rapport.demo.seeders.recordings import demo_reading_clip, demo_voice_clip
from rapport.demo.seeders.rituals.script import (
    DRIFTING,
    DRIFTING_ANSWERS,
    READING,
    REPLIES,
    SHOUTOUTS,
    VOICE,
    WEEKS,
    WINS,
    fun_answer,
)

READ_AFTER = timedelta(days=4)


def seed_rituals(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing in ``course``; returns how many things were added."""
    seeder = _Seeder(course=course, users=users, now=now)
    seeder.run()
    return seeder.added


class _Seeder:
    def __init__(self, *, course: Course, users: dict, now: datetime):
        self.course, self.users, self.now = course, users, now
        self.instructor, self.ta = self.person("instructor"), self.person("ta")
        self.added = 0
        self.started = timezone.now()
        members = Membership.objects.filter(
            course=course, status=MembershipStatus.ACTIVE
        ).select_related("user")
        self.joined = {m.user_id: m.joined_at for m in members}
        self.learners = sorted(
            (m.user for m in members if m.role == Role.LEARNER), key=lambda user: user.email
        )

    def person(self, name: str):
        return self.users.get(f"{name}@{DEMO_DOMAIN}")

    def here(self, person, at: datetime) -> bool:
        """Had ``person`` joined the course by ``at`` (and is it in the past)?"""
        joined = self.joined.get(person.pk)
        return joined is not None and joined <= at < self.now

    def run(self) -> None:
        with tempfile.TemporaryDirectory(prefix="rapport-demo-") as folder:
            self.folder = Path(folder)
            for preset in (RitualPreset.WIN_OF_THE_WEEK, RitualPreset.FUN_FRIDAY):
                self.ritual(preset)
        self.shoutouts()

    @contextmanager
    def dated(self, at: datetime):
        """Date the notifications sent inside as if sent ``at``: emailed then to people who
        prefer email (so the demo sends no stale email), read by now unless recent."""
        yield
        # Everything dated already lies before the seed started; the rest is fresh.
        fresh = Notification.objects.filter(created_at__gte=self.started)
        fresh.filter(recipient__preferred_channel=Channel.EMAIL).update(emailed_at=at)
        fresh.update(created_at=at, read_at=at if at < self.now - READ_AFTER else None)

    # --- rituals ---------------------------------------------------------------------------

    def ritual(self, preset: str) -> None:
        values = PRESETS[preset]
        ritual = Ritual.objects.filter(course=self.course, title=values["title"]).first()
        if ritual is None:
            ritual = rituals.ritual_create(
                course=self.course,
                actor=self.instructor,
                title=values["title"],
                prompts=values["prompts"],
                weekday=values["weekday"],
                time_of_day=values["time_of_day"],
                open_days=6,
                featuring=values["featuring"],
                preset=preset,
                now=self.now - timedelta(days=7 * WEEKS + 3),
            )
            self.added += 1
        latest = ritual.slot_on_or_before(self.now)
        zone = self.course.zone()
        for week in range(WEEKS):
            day = latest.date() - timedelta(days=7 * (WEEKS - 1 - week))
            self.round(ritual, week, datetime.combine(day, ritual.time_of_day, tzinfo=zone))

    def round(self, ritual: Ritual, week: int, slot: datetime) -> None:
        round_ = RitualRound.objects.filter(ritual=ritual, slot=slot).first()
        if round_ is None:
            with self.dated(slot):
                round_ = rituals.ritual_round_open_due(ritual=ritual, now=slot)
                if round_ is None:
                    return
                rituals.round_notify_learners(round_id=round_.pk, now=slot)
            self.added += 1
        round_.ritual = ritual
        key = f"rapport-demo:ritual:{ritual.title}:{week}"
        draws = random.Random(key)
        answered = set(round_.posts.values_list("author_id", flat=True))
        for index, learner in enumerate(self.learners):
            # The same draws for each learner on every run, whoever answers.
            joins, hours = draws.random(), draws.randint(2, 70)
            if learner.pk not in answered:
                self.answer(round_, week, index, learner, joins=joins, hours=hours)
        closed = not round_.is_open(self.now)
        if ritual.by_vote:
            if not round_.votes.exists():
                self.votes(round_, random.Random(key + ":votes"))
            if closed and round_.settled_at is None:
                with self.dated(round_.closes_at):
                    rituals.round_settle(round_id=round_.pk, now=round_.closes_at)
        elif closed and not round_.posts.filter(featured_at__isnull=False).exists():
            self.feature(round_, random.Random(key + ":featured"))

    def answer(self, round_, week: int, index: int, learner, *, joins: float, hours: int):
        name = learner.email.split("@")[0]
        title = round_.ritual.title
        voice = VOICE.get((name, title, week))
        if name in DRIFTING:
            if DRIFTING_ANSWERS.get((title, week)) != name:
                return None
        elif joins > 0.82 and not voice:
            return None
        # Sam hasn't answered this week's Win of the Week yet: the demo shows the form.
        if name == "learner" and round_.is_open(self.now) and not round_.ritual.by_vote:
            return None
        joined = self.joined.get(learner.pk, self.now)
        at = max(round_.opens_at, joined) + timedelta(hours=hours, minutes=index)
        if at >= round_.closes_at or not self.here(learner, at):
            return None
        body = self.words(round_, week, index, name)
        media = self.recording(learner, body, voice, at) if voice else None
        post = rituals.ritual_answer_post(
            round=round_,
            author=learner,
            body="" if media else body,
            media_id=str(media.public_id) if media else None,
            now=at,
        )
        self.added += 1
        post.round = round_
        self.reactions_and_replies(post, random.Random(f"rapport-demo:post:{title}:{week}:{name}"))
        return post

    def words(self, round_, week: int, index: int, name: str) -> str:
        if round_.ritual.by_vote:
            return fun_answer(round_.number - 1, name, index + week)
        wins = WINS.get(name) or ["Kept going this week, one page at a time."]
        return wins[week % len(wins)]

    def recording(self, owner, words: str, voice, at: datetime):
        if voice == READING:
            return demo_reading_clip(course=self.course, owner=owner, at=at, started=self.started)
        return demo_voice_clip(
            course=self.course,
            owner=owner,
            words=words,
            tone_hz=voice,
            at=at,
            folder=self.folder,
            started=self.started,
        )

    def peers(self, post: RitualPost, at: datetime) -> list:
        return [
            person
            for person in self.learners
            if person != post.author
            and person.email.split("@")[0] not in DRIFTING
            and self.here(person, at)
        ]

    def reactions_and_replies(self, post: RitualPost, draws: random.Random) -> None:
        at = post.created_at
        if post.author.email.split("@")[0] in DRIFTING:
            # Only the teaching team noticed.
            when = at + timedelta(hours=5)
            if when < self.now:
                with self.dated(when):
                    rituals.post_reply(
                        post=post, author=self.ta, body="Thanks for sharing this!", now=when
                    )
            return
        others = self.peers(post, at + timedelta(hours=1))
        for offset, reactor in enumerate(
            draws.sample(others, k=min(len(others), draws.randint(0, 3)))
        ):
            when = at + timedelta(hours=1 + offset)
            if when < self.now:
                emoji = draws.choice(REACTION_EMOJI)
                rituals.post_react(post=post, user=reactor, emoji=emoji, now=when)
        when = at + timedelta(hours=3)
        if draws.random() < 0.3 and when < self.now:
            replier = draws.choice([*others[:6], self.instructor, self.ta])
            with self.dated(when):
                rituals.post_reply(post=post, author=replier, body=draws.choice(REPLIES), now=when)

    def votes(self, round_, draws: random.Random) -> None:
        posts = [
            post
            for post in round_.posts.select_related("author")
            if post.author.email.split("@")[0] not in DRIFTING
        ]
        if not posts:
            return
        favourite = draws.choice(posts)
        for voter in [*self.learners, self.ta]:
            keen, loyal, other = draws.random(), draws.random(), draws.choice(posts)
            if voter.email.split("@")[0] in DRIFTING or keen > 0.7:
                continue
            pick = favourite if loyal < 0.5 else other
            when = min(
                pick.created_at + timedelta(hours=2), round_.closes_at - timedelta(minutes=1)
            )
            if pick.author_id != voter.pk and self.here(voter, when):
                pick.round = round_
                rituals.post_vote(post=pick, voter=voter, now=when)

    def feature(self, round_, draws: random.Random) -> None:
        posts = [
            post
            for post in round_.posts.select_related("author")
            if post.author.email.split("@")[0] not in DRIFTING
        ]
        when = round_.closes_at - timedelta(hours=20)
        for post in draws.sample(posts, k=min(len(posts), draws.choice([1, 2]))):
            post.round = round_
            with self.dated(when):
                rituals.post_feature(
                    post=post, actor=draws.choice([self.instructor, self.ta]), now=when
                )

    # --- shout-outs --------------------------------------------------------------------------

    def shoutouts(self) -> None:
        shoutouts.shoutout_tags_ensure(course=self.course)
        tags = {tag.label: tag for tag in ShoutoutTag.objects.filter(course=self.course)}
        for demo in SHOUTOUTS:
            days_ago, tag, words = demo.days_ago, demo.tag, demo.words
            giver = self.person(demo.giver)
            receivers = [self.person(name) for name in demo.receivers]
            if giver is None or None in receivers or tag not in tags:
                continue
            at = (self.now - timedelta(days=days_ago)).replace(second=0, microsecond=0)
            if not all(self.here(person, at) for person in [giver, *receivers]):
                continue
            if Shoutout.objects.filter(course=self.course, giver=giver, message=words).exists():
                continue
            with self.dated(at):
                shoutouts.shoutout_give(
                    course=self.course,
                    giver=giver,
                    receiver_ids=[person.pk for person in receivers],
                    tag_id=tags[tag].pk,
                    message=words,
                    visibility="private" if demo.private else "class",
                    now=at,
                )
            self.added += 1
