"""Presence test helpers: the cast's messages, made through the services, and recordings
made directly (ready, without running the media pipeline)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.media.models import MediaKind, MediaStatus
from rapport.presence import services
from rapport.presence.models import Message, MessageKind, MessageTemplate, Tone
from rapport.presence.tests.helpers import make_media

# --- making things -----------------------------------------------------------------------


@pytest.fixture
def media_for(cast):
    def make(owner=None, kind=MediaKind.VIDEO, status=MediaStatus.READY):
        return make_media(cast.course, owner or cast.instructor, kind, status)

    return make


@pytest.fixture
def checkin(cast, django_capture_on_commit_callbacks) -> Message:
    with django_capture_on_commit_callbacks(execute=True):
        return services.checkin_post(
            course=cast.course,
            author=cast.instructor,
            title="Week 1: hello",
            body="So glad you're here, everyone.",
        )


@pytest.fixture
def scheduled_checkin(cast) -> Message:
    return services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Week 2: water",
        body="Next week we follow a raindrop.",
        release_at=timezone.now() + timedelta(days=3),
    )


@pytest.fixture
def note(cast) -> Message:
    """A personal note from the instructor to ``cast.learner``."""
    return services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you this week, {preferred_name}.",
    )


@pytest.fixture
def feedback(cast) -> Message:
    return services.feedback_give(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        assignment_title="Watershed map",
        body="Lovely work.",
        went_well="Clear labels.",
        next_step="Add a legend.",
    )


@pytest.fixture
def note_template(cast) -> MessageTemplate:
    return MessageTemplate.objects.create(
        course=cast.course,
        owner=cast.instructor,
        name="Thinking of you",
        kind=MessageKind.NOTE,
        body="Hi {preferred_name}, I hope {goal} is going well.",
    )
