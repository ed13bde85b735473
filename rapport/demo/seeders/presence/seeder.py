"""Sends ``script`` through presence's services, dated in the past."""

import random
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.files import File
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.demo.people import DEMO_DOMAIN
from rapport.demo.seeders.presence.script import (
    CHECKINS,
    DRIFTING,
    FEEDBACK,
    NEXT_WEEK,
    NOTES,
    REACTION_SHARE,
    REACTIONS,
    TEMPLATES,
    THREADS,
    DemoCheckin,
    DemoFeedback,
    DemoNote,
    DemoThread,
)
from rapport.media import samples
from rapport.media import services as media_services
from rapport.media.models import MediaItem
from rapport.presence import services
from rapport.presence.models import (
    Message,
    MessageKind,
    MessageTemplate,
    MessageView,
    Reaction,
    Reply,
    Tone,
)

# Real talks for the demo's check-ins, with their words (see DemoCheckin.spoken).
SPOKEN = Path(__file__).parents[2] / "media"
# Notifications older than this were read long ago.
READ_AFTER = timedelta(days=4)


def demo_captions(body: str, *, seconds: float) -> str:
    """WebVTT that spreads the sentences of ``body`` evenly over ``seconds``."""
    sentences = [part.strip() for part in body.replace("! ", ". ").split(". ") if part.strip()]
    step = seconds / max(len(sentences), 1)
    cues = [
        f"{_clock(i * step)} --> {_clock((i + 1) * step)}\n{sentence}"
        for i, sentence in enumerate(sentences)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def _clock(seconds: float) -> str:
    return f"00:{int(seconds // 60):02d}:{seconds % 60:06.3f}"


def seed_presence(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing in ``course``; returns how many things were added."""
    seeder = _Seeder(course=course, users=users, now=now)
    seeder.run()
    return seeder.added


class _Seeder:
    def __init__(self, *, course: Course, users: dict, now: datetime):
        self.course, self.users, self.now = course, users, now
        self.instructor = self.person("instructor")
        self.sam = self.person("learner")
        self.added = 0
        self.started = timezone.now()
        self.learners = list(
            Membership.objects.filter(
                course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
            )
            .select_related("user")
            .order_by("user__email")
        )

    def person(self, name: str):
        return self.users.get(f"{name}@{DEMO_DOMAIN}")

    def run(self) -> None:
        with tempfile.TemporaryDirectory(prefix="rapport-demo-") as folder:
            self.folder = Path(folder)
            checkins = [self.checkin(demo) for demo in CHECKINS]
        self.scheduled()
        for demo, checkin in zip(CHECKINS, checkins, strict=True):
            self.watches(demo, checkin)
        for note in NOTES:
            self.note(note)
        for feedback in FEEDBACK:
            self.feedback(feedback)
        for thread in THREADS:
            self.thread(thread)
        self.reactions(checkins)
        self.templates()

    def ago(self, days: float, hour: int) -> datetime:
        """``days`` ago at ``hour`` o'clock in the course's time zone."""
        day = (self.now - timedelta(days=days)).astimezone(self.course.zone())
        return day.replace(hour=hour, minute=0, second=0, microsecond=0)

    # --- check-ins --------------------------------------------------------------------------

    def checkin(self, demo: DemoCheckin) -> Message:
        existing = Message.objects.filter(
            course=self.course, kind=MessageKind.CHECKIN, title=demo.title
        ).first()
        if existing is not None:
            return existing
        at = self.ago(demo.days_ago, hour=9)
        media = self.recording(demo, at) if demo.recording else None
        checkin = services.checkin_post(
            course=self.course,
            author=self.instructor,
            title=demo.title,
            body=demo.body,
            media_id=media.public_id if media else None,
            now=at,
        )
        # Tell the learners now rather than from the queue, so the notifications can be
        # dated; the queued fan-out then finds everyone already told.
        services.checkin_fan_out(message_id=checkin.pk)
        self.settle_notifications(checkin.get_absolute_url(), at)
        self.added += 1
        return checkin

    def recording(self, demo: DemoCheckin, at: datetime) -> MediaItem:
        if demo.spoken:
            path = SPOKEN / f"{demo.spoken}.ogg"
        elif demo.recording == "voice":
            path = samples.make_audio(self.folder / "voice.webm", seconds=2, tone_hz=demo.tone_hz)
        else:
            path = samples.make_video(
                self.folder / "video.mp4",
                seconds=2,
                size=(320, 240),
                color=demo.color,
                tone_hz=demo.tone_hz,
                container="mp4",
            )
        with path.open("rb") as handle:
            media = media_services.media_create_from_upload(
                course=self.course, owner=self.instructor, upload=File(handle, name=path.name)
            )
        media_services.media_process(media_id=media.pk)
        if demo.spoken:
            self.timed_captions(media, (SPOKEN / f"{demo.spoken}.txt").read_text("utf-8"))
        else:
            # Captions from the check-in's own words: every demo recording is captioned.
            media_services.caption_save(
                media=media,
                editor=self.instructor,
                language="en",
                label="English",
                text=demo_captions(demo.body, seconds=2),
            )
        MediaItem.objects.filter(pk=media.pk).update(created_at=at, processed_at=at)
        Notification.objects.filter(
            kind=NotificationKind.MEDIA_PROCESSED,
            recipient=self.instructor,
            created_at__gte=self.started,
        ).update(created_at=at, read_at=at)
        return media

    def timed_captions(self, media: MediaItem, words: str) -> None:
        """Captions timed from what was said, through the captions page's own service; run
        here rather than queued, so the demo opens with them (the queued run that
        follows finds the timing done and stops)."""
        media.refresh_from_db()
        timing = media_services.caption_timing_request(
            media=media, editor=self.instructor, text=words
        )
        media_services.caption_timing_run(timing_id=timing.pk)

    def scheduled(self) -> None:
        if Message.objects.filter(course=self.course, title=NEXT_WEEK.title).exists():
            return
        local = (self.now + timedelta(days=7)).astimezone(self.course.zone())
        monday = local.date() - timedelta(days=local.weekday())
        release_at = datetime.combine(monday, time(9), tzinfo=self.course.zone())
        if release_at <= self.now:
            release_at += timedelta(days=7)
        services.checkin_post(
            course=self.course,
            author=self.instructor,
            title=NEXT_WEEK.title,
            body=NEXT_WEEK.body,
            release_at=release_at,
            now=self.now,
        )
        self.added += 1

    def watches(self, demo: DemoCheckin, checkin: Message) -> None:
        seen = set(MessageView.objects.filter(message=checkin).values_list("user_id", flat=True))
        rng = random.Random(f"rapport-demo:watch:{demo.title}")
        for membership in self.learners:
            learner = membership.user
            # The same draws for each learner on every run, whoever is skipped.
            watches, hours, finishes = rng.random(), rng.randint(1, 40), rng.random()
            drifting = learner.email.split("@")[0] in DRIFTING
            if drifting or learner.pk in seen or watches > demo.watched_share:
                continue
            # Sam has not caught up with the newest two yet: their "new" markers show.
            if learner == self.sam and demo.days_ago < 7:
                continue
            at = max(checkin.released_at, membership.joined_at) + timedelta(hours=hours)
            if at >= self.now:
                continue
            services.message_open(message=checkin, user=learner, at=at)
            if checkin.media_id is None or finishes < 0.85:
                services.message_complete(message=checkin, user=learner, at=at)
            self.added += 1

    # --- notes and feedback -------------------------------------------------------------------

    def note(self, demo: DemoNote) -> None:
        author, recipient = self.person(demo.author), self.person(demo.recipient)
        if author is None or recipient is None:
            return
        if Message.objects.filter(
            course=self.course,
            kind=MessageKind.NOTE,
            author=author,
            recipient=recipient,
            tone=demo.tone,
        ).exists():
            return
        at = self.ago(demo.days_ago, hour=16)
        note = services.note_send(
            course=self.course,
            author=author,
            recipient=recipient,
            tone=demo.tone,
            body=demo.body,
            now=at,
        )
        self.settle_notifications(note.get_absolute_url(), at)
        self.added += 1

    def feedback(self, demo: DemoFeedback) -> None:
        author, recipient = self.person(demo.author), self.person(demo.recipient)
        if author is None or recipient is None:
            return
        if Message.objects.filter(
            course=self.course,
            kind=MessageKind.FEEDBACK,
            author=author,
            recipient=recipient,
            assignment_title=demo.assignment_title,
        ).exists():
            return
        at = self.ago(demo.days_ago, hour=11)
        feedback = services.feedback_give(
            course=self.course,
            author=author,
            recipient=recipient,
            assignment_title=demo.assignment_title,
            assignment_url=demo.assignment_url,
            body=demo.body,
            went_well=demo.went_well,
            next_step=demo.next_step,
            now=at,
        )
        self.settle_notifications(feedback.get_absolute_url(), at)
        self.added += 1

    # --- what learners said back -------------------------------------------------------------

    def thread(self, demo: DemoThread) -> None:
        learner = self.person(demo.learner)
        messages = Message.objects.filter(course=self.course)
        if demo.message.startswith("feedback:"):
            recipient = self.person(demo.message.split(":", 1)[1])
            message = messages.filter(kind=MessageKind.FEEDBACK, recipient=recipient).first()
        else:
            message = messages.filter(kind=MessageKind.CHECKIN, title=demo.message).first()
        if learner is None or message is None:
            return
        if Reply.objects.filter(message=message, thread_learner=learner).exists():
            return
        for who, days_after, body in demo.turns:
            at = message.released_at + timedelta(days=days_after)
            if at >= self.now:
                continue
            services.reply_post(
                message=message,
                thread_learner=learner,
                author=self.person(who),
                body=body,
                now=at,
            )
            self.settle_notifications(f"{message.get_absolute_url()}with/{learner.pk}/", at)
            self.added += 1

    def reactions(self, checkins: list[Message]) -> None:
        rng = random.Random("rapport-demo:reactions")
        for checkin in checkins:
            views = MessageView.objects.filter(message=checkin).select_related("user")
            for view in views.order_by("pk"):
                react, emoji = rng.random(), rng.choice(REACTIONS)
                if react < REACTION_SHARE:
                    at = (view.completed_at or view.opened_at) + timedelta(minutes=3)
                    self.react(checkin, view.user, emoji, at)
        noticed = Message.objects.filter(
            course=self.course, kind=MessageKind.NOTE, recipient=self.sam, tone=Tone.NOTICED
        ).first()
        if noticed is not None:
            self.react(noticed, self.sam, "❤️", noticed.released_at + timedelta(hours=5))

    def react(self, message: Message, user, emoji: str, at: datetime) -> None:
        if at >= self.now or Reaction.objects.filter(message=message, user=user).exists():
            return
        services.reaction_toggle(message=message, user=user, emoji=emoji, at=at)
        self.added += 1

    def templates(self) -> None:
        for name, kind, body in TEMPLATES:
            if MessageTemplate.objects.filter(
                course=self.course, owner=self.instructor, name=name
            ).exists():
                continue
            services.template_create(
                course=self.course, owner=self.instructor, name=name, kind=kind, body=body
            )
            self.added += 1

    # --- dating what the services sent ---------------------------------------------------------

    def settle_notifications(self, url: str, at: datetime) -> None:
        """Date the notifications just sent for ``url`` as if sent then: emailed then to
        people who prefer email (so the demo sends no stale email), and read by now unless
        they are recent."""
        fresh = Notification.objects.filter(url=url, created_at__gte=self.started)
        fresh.filter(recipient__preferred_channel=Channel.EMAIL).update(emailed_at=at)
        read_at = at if at < self.now - READ_AFTER else None
        fresh.update(created_at=at, read_at=read_at)
