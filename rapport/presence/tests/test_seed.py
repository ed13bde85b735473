"""The demo's presence: Maya's weekly check-ins, notes, feedback and how learners met them."""

import pytest
from django.utils import timezone

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.build import seed_demo
from rapport.demo.testing import demo_on_a_saturday
from rapport.media import vtt
from rapport.media.models import (
    Audience,
    Caption,
    CaptionTiming,
    CaptionTimingStatus,
    MediaStatus,
)
from rapport.presence.models import (
    Message,
    MessageKind,
    MessageTemplate,
    MessageView,
    Reaction,
    Reply,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]

DRIFTING = ["dmitri@rapport.test", "liam@rapport.test", "wei@rapport.test"]


def build() -> Course:
    demo_on_a_saturday()
    return Course.objects.get(slug="env-sci-101")


env_sci = module_data(build, name="env_sci")


def presence_counts() -> dict:
    return {
        "messages": Message.objects.count(),
        "views": MessageView.objects.count(),
        "replies": Reply.objects.count(),
        "reactions": Reaction.objects.count(),
        "templates": MessageTemplate.objects.count(),
        "touchpoints": Touchpoint.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_four_weeks_of_recorded_checkins_a_text_one_and_one_scheduled(env_sci):
    checkins = Message.objects.filter(course=env_sci, kind=MessageKind.CHECKIN)
    released = checkins.filter(released_at__isnull=False).order_by("released_at")
    assert [m.format for m in released] == ["video", "voice", "voice", "video", "text"]
    for message in released.exclude(media=None):
        assert message.media.status == MediaStatus.READY
        assert message.media.audience == Audience.COURSE
        talk = message.title == "Week 2: Following a raindrop"  # the real talk, 17 s
        assert message.media.duration_seconds == pytest.approx(17 if talk else 2, abs=0.3)
    (scheduled,) = checkins.filter(released_at__isnull=True)
    assert scheduled.release_at > timezone.now()
    assert Touchpoint.objects.filter(kind=TouchpointKind.CHECKIN_POSTED).count() == 5
    assert MessageTemplate.objects.filter(course=env_sci).count() == 2


def test_most_learners_watched_and_answered_but_the_drifting_ones_did_not(env_sci):
    watchers = set(
        MessageView.objects.filter(completed_at__isnull=False).values_list("user__email", flat=True)
    )
    assert len(watchers) >= 15
    assert not watchers & set(DRIFTING)
    # No presence moment from them (they do post elsewhere: discussions, moods...).
    presence_kinds = [
        TouchpointKind.CHECKIN_WATCHED,
        TouchpointKind.MESSAGE_REPLY,
        TouchpointKind.MESSAGE_REACTION,
    ]
    assert not Touchpoint.objects.filter(actor__email__in=DRIFTING, kind__in=presence_kinds)
    assert Reply.objects.filter(author__email="instructor@rapport.test").exists()
    assert Reply.objects.filter(author__email="ta@rapport.test").exists()
    assert Reaction.objects.count() >= 5


def test_sam_has_notes_feedback_and_something_new(env_sci):
    mine = Message.objects.filter(recipient__email="learner@rapport.test")
    assert {m.kind for m in mine} == {MessageKind.NOTE, MessageKind.FEEDBACK}
    feedback = mine.get(kind=MessageKind.FEEDBACK)
    assert feedback.went_well and feedback.next_step and feedback.assignment_url
    assert Reply.objects.filter(message=feedback).exists()
    newest = Message.objects.filter(kind=MessageKind.CHECKIN, released_at__isnull=False).latest(
        "released_at"
    )
    assert not MessageView.objects.filter(message=newest, user__email="learner@rapport.test")


def test_history_is_dated_in_the_past_and_sends_no_stale_email(env_sci, module_outbox):
    week1 = Message.objects.get(title="Week 1: Welcome to the watershed")
    assert (timezone.now() - week1.released_at).days >= 26
    told = Notification.objects.filter(url=week1.get_absolute_url())
    assert told.count() == 25
    assert all(n.created_at == week1.released_at and n.read_at for n in told)
    assert not [m for m in module_outbox if "Week 1" in m.subject]


def test_running_again_adds_nothing(env_sci, django_capture_on_commit_callbacks):
    before = presence_counts()
    with django_capture_on_commit_callbacks(execute=True):
        result = seed_demo()
    assert presence_counts() == before
    assert not result.changed_anything


def test_the_raindrop_check_in_has_captions_timed_from_its_words(env_sci):
    checkin = Message.objects.get(course=env_sci, title="Week 2: Following a raindrop")
    caption = Caption.objects.get(media=checkin.media, language="en")
    timing = CaptionTiming.objects.get(media=checkin.media)
    assert timing.status == CaptionTimingStatus.READY
    cues = vtt.parse(caption.vtt)
    assert " ".join(cue.text for cue in cues).split() == timing.text.split()
    assert len(cues) > 3 and cues[-1].end == pytest.approx(16.5, abs=1.5)
    assert cues[0].text.startswith("The water cycle has four parts")
