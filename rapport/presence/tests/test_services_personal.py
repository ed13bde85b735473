"""Personal notes and feedback — what they record, who hears of them and may watch their
recording — and the bad input every kind of message refuses, leaving nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.media.models import Audience, MediaItem, MediaKind, MediaStatus
from rapport.media.selectors import media_visible_to
from rapport.presence import services
from rapport.presence.models import Format, Message, MessageKind, Tone
from rapport.presence.tests.helpers import make_media

pytestmark = pytest.mark.django_db


def touchpoints(kind):
    return Touchpoint.objects.filter(kind=kind)


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


# --- personal notes ----------------------------------------------------------------------


def test_note_is_recorded_and_tells_its_learner(cast, note):
    assert note.kind == MessageKind.NOTE
    assert note.tone == Tone.THINKING_OF_YOU
    assert note.is_released
    point = touchpoints(TouchpointKind.PERSONAL_MESSAGE).get()
    assert (point.actor, point.subject, point.channel) == (
        cast.instructor,
        cast.learner,
        Channel.TEXT,
    )
    notification = Notification.objects.get(kind=NotificationKind.PERSONAL_MESSAGE)
    assert notification.recipient == cast.learner
    assert notification.url == f"/c/env-sci/messages/{note.pk}/"


def test_note_placeholders_are_filled_in_for_its_learner(note):
    assert note.body == "Thinking of you this week, Learner."


def test_video_note_can_be_watched_by_its_learner_and_the_staff_only(cast, media_for):
    media = media_for()
    note = services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.CONGRATULATIONS,
        media_id=str(media.public_id),
    )
    assert note.format == Format.VIDEO
    assert touchpoints(TouchpointKind.PERSONAL_MESSAGE).get().channel == Channel.VIDEO
    media.refresh_from_db()
    assert (media.audience, media.audience_user) == (Audience.STAFF, cast.learner)
    assert media_visible_to(media=media, user=cast.learner)
    assert media_visible_to(media=media, user=cast.ta)
    assert not media_visible_to(media=media, user=cast.other_learner)


def test_note_goes_only_to_a_learner_of_the_course(cast):
    for person in (cast.ta, cast.outsider):
        with pytest.raises(Refused, match="isn't a learner"):
            services.note_send(
                course=cast.course,
                author=cast.instructor,
                recipient=person,
                tone=Tone.OTHER,
                body="Hi",
            )
    assert not Message.objects.exists()


def test_note_needs_a_known_tone(cast):
    with pytest.raises(Refused, match="what kind of note"):
        services.note_send(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            tone="grumpy",
            body="Hi",
        )


# --- feedback -----------------------------------------------------------------------------


def test_feedback_is_recorded_and_tells_its_learner(cast, feedback):
    assert feedback.kind == MessageKind.FEEDBACK
    assert (feedback.went_well, feedback.next_step) == ("Clear labels.", "Add a legend.")
    point = touchpoints(TouchpointKind.FEEDBACK_GIVEN).get()
    assert (point.actor, point.subject, point.channel) == (
        cast.instructor,
        cast.learner,
        Channel.TEXT,
    )
    notification = Notification.objects.get(kind=NotificationKind.FEEDBACK)
    assert notification.recipient == cast.learner
    assert "Watershed map" in notification.title


def test_voice_feedback_with_an_lms_link(cast, media_for):
    media = media_for(owner=cast.ta, kind=MediaKind.AUDIO)
    feedback = services.feedback_give(
        course=cast.course,
        author=cast.ta,
        recipient=cast.learner,
        assignment_url="https://lms.example.edu/assignments/7",
        media_id=media.public_id,
    )
    assert feedback.format == Format.VOICE
    assert feedback.heading == "Feedback on your work"
    point = touchpoints(TouchpointKind.FEEDBACK_GIVEN).get()
    assert (point.actor, point.channel) == (cast.ta, Channel.VOICE)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/work", "data:text/html,hi", "not a url"]
)
def test_feedback_link_must_be_http_or_https(cast, url):
    with pytest.raises(Refused, match="http:// or https://"):
        services.feedback_give(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            assignment_url=url,
            body="Great",
        )
    assert not Message.objects.exists()


def test_feedback_must_say_which_work(cast):
    with pytest.raises(Refused, match="which piece of work"):
        services.feedback_give(
            course=cast.course, author=cast.instructor, recipient=cast.learner, body="Great"
        )


def test_feedback_may_be_only_went_well_and_next_step(cast):
    feedback = services.feedback_give(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        assignment_title="Essay",
        went_well="Voice",
    )
    assert feedback.body == ""


# --- bad input leaves nothing behind -----------------------------------------------------


def test_nothing_to_say_is_refused_with_a_clear_message(cast):
    with pytest.raises(Refused, match="Write a message, or record"):
        services.checkin_post(course=cast.course, author=cast.instructor, title="W", body="  ")
    with pytest.raises(Refused, match="Write a message, or record"):
        services.note_send(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            tone=Tone.OTHER,
        )
    with pytest.raises(Refused, match="Write your feedback"):
        services.feedback_give(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            assignment_title="Essay",
        )
    assert not Message.objects.exists()
    assert not Touchpoint.objects.exists()
    assert not Notification.objects.exists()


def test_checkin_needs_a_title(cast):
    with pytest.raises(Refused, match="title"):
        services.checkin_post(course=cast.course, author=cast.instructor, title=" ", body="x")


@pytest.mark.parametrize("media_id", ["not-a-uuid", "7d4c4b8e-3b1e-4d7f-9d55-0e0c2a4d8a11"])
def test_unknown_media_id_is_refused(cast, media_id):
    with pytest.raises(Refused, match="couldn't find that recording"):
        services.checkin_post(
            course=cast.course, author=cast.instructor, title="W", media_id=media_id
        )
    assert not Message.objects.exists()


def test_someone_elses_recording_is_refused(cast, media_for):
    media = media_for(owner=cast.ta)
    with pytest.raises(Refused, match="couldn't find that recording"):
        services.checkin_post(
            course=cast.course, author=cast.instructor, title="W", media_id=media.public_id
        )
    media.refresh_from_db()
    assert media.audience == Audience.PRIVATE


def test_a_recording_from_another_course_is_refused(cast):

    media = make_media(cast.other_course, cast.instructor)
    with pytest.raises(Refused, match="couldn't find that recording"):
        services.checkin_post(
            course=cast.course, author=cast.instructor, title="W", media_id=media.public_id
        )


def test_a_failed_recording_is_refused(cast, media_for):
    media = media_for(status=MediaStatus.FAILED)
    with pytest.raises(Refused, match="couldn't be processed"):
        services.checkin_post(
            course=cast.course, author=cast.instructor, title="W", media_id=media.public_id
        )


def test_a_recording_already_sent_cannot_be_sent_again(cast, media_for):
    media = media_for()
    services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.OTHER,
        media_id=media.public_id,
    )
    with pytest.raises(Refused, match="already part of another message"):
        services.checkin_post(
            course=cast.course, author=cast.instructor, title="W", media_id=media.public_id
        )
    media.refresh_from_db()
    assert media.audience == Audience.STAFF  # still only the note's people


def test_an_uploaded_file_becomes_the_messages_recording(cast, tmp_path):
    from rapport.media import samples

    path = samples.make_audio(tmp_path / "hello.webm", seconds=1)
    upload = SimpleUploadedFile("hello.webm", path.read_bytes(), content_type="audio/webm")
    note = services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.OTHER,
        upload=upload,
    )
    assert note.format == Format.VOICE
    note.media.refresh_from_db()
    assert note.media.owner == cast.instructor
    assert (note.media.audience, note.media.audience_user) == (Audience.STAFF, cast.learner)


def test_an_unreadable_upload_is_refused_and_nothing_is_saved(cast):
    upload = SimpleUploadedFile("x.webm", b"this is not a video", content_type="video/webm")
    with pytest.raises(Refused):
        services.note_send(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            tone=Tone.OTHER,
            upload=upload,
        )
    assert not Message.objects.exists()
    assert not MediaItem.objects.exists()
