"""What follows a message: opening and watching, replies and who may see them, reactions."""

import pytest

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import MembershipStatus
from rapport.media.models import Audience, MediaKind
from rapport.media.selectors import media_visible_to
from rapport.presence import selectors, services
from rapport.presence.models import MessageView, Reaction, Reply
from rapport.presence.tests.helpers import make_media

pytestmark = pytest.mark.django_db


def watched_points():
    return Touchpoint.objects.filter(kind=TouchpointKind.CHECKIN_WATCHED)


# --- opening and watching ----------------------------------------------------------------


def test_opening_a_text_checkin_counts_as_reading_it_once(cast, checkin):
    view = services.message_open(message=checkin, user=cast.learner)
    assert view.opened_at and view.completed_at
    services.message_open(message=checkin, user=cast.learner)
    services.message_complete(message=checkin, user=cast.learner)
    point = watched_points().get()
    assert (point.actor, point.subject, point.channel) == (
        cast.learner,
        cast.instructor,
        Channel.TEXT,
    )
    assert MessageView.objects.count() == 1


def test_opening_a_video_checkin_is_not_watching_it(cast, media_for):
    media = media_for()
    checkin = services.checkin_post(
        course=cast.course, author=cast.instructor, title="W", media_id=media.public_id
    )
    view = services.message_open(message=checkin, user=cast.learner)
    assert view.opened_at and not view.completed_at
    assert not watched_points().exists()
    assert services.message_complete(message=checkin, user=cast.learner) is True
    assert services.message_complete(message=checkin, user=cast.learner) is False
    assert watched_points().get().channel == Channel.VIDEO


def test_watching_without_opening_first_also_marks_it_opened(cast, checkin):
    services.message_complete(message=checkin, user=cast.learner)
    view = MessageView.objects.get()
    assert view.opened_at and view.completed_at


def test_reading_a_note_is_kept_but_is_not_a_checkin_watch(cast, note):
    view = services.message_open(message=note, user=cast.learner)
    assert view.completed_at
    assert not watched_points().exists()


def test_staff_opening_a_message_is_not_counted(cast, checkin):
    assert services.message_open(message=checkin, user=cast.ta) is None
    assert services.message_complete(message=checkin, user=cast.instructor) is False
    assert not MessageView.objects.exists()


def test_an_unreleased_checkin_cannot_be_opened_or_watched(cast, scheduled_checkin):
    assert services.message_open(message=scheduled_checkin, user=cast.learner) is None
    assert services.message_complete(message=scheduled_checkin, user=cast.learner) is False
    assert not MessageView.objects.exists()


def test_another_learners_note_cannot_be_marked_read(cast, note):
    assert services.message_open(message=note, user=cast.other_learner) is None
    assert not MessageView.objects.exists()


# --- replies: who takes part, who sees ---------------------------------------------------


def test_learner_reply_to_a_note_is_recorded_and_tells_its_author(cast, note):
    reply = services.reply_post(
        message=note, thread_learner=cast.learner, author=cast.learner, body="Thank you!"
    )
    point = Touchpoint.objects.get(kind=TouchpointKind.MESSAGE_REPLY)
    assert (point.actor, point.subject, point.channel) == (
        cast.learner,
        cast.instructor,
        Channel.TEXT,
    )
    notification = Notification.objects.get(kind=NotificationKind.MESSAGE_REPLY)
    assert notification.recipient == cast.instructor
    assert notification.url == f"/c/env-sci/messages/{note.pk}/with/{cast.learner.pk}/"
    assert reply.thread_learner == cast.learner


def test_author_answers_in_the_notes_conversation(cast, note):
    services.reply_post(message=note, thread_learner=cast.learner, author=cast.learner, body="Hi")
    services.reply_post(
        message=note, thread_learner=cast.learner, author=cast.instructor, body="Hello!"
    )
    point = Touchpoint.objects.filter(kind=TouchpointKind.MESSAGE_REPLY).first()
    assert (point.actor, point.subject) == (cast.instructor, cast.learner)
    assert Notification.objects.filter(
        kind=NotificationKind.MESSAGE_REPLY, recipient=cast.learner
    ).exists()


def test_replies_to_a_note_are_only_between_its_learner_and_its_author(cast, note):
    """Personal notes are visible to all staff, but their replies only to the two people in
    the conversation."""
    learner_id = cast.learner.pk
    rules = {
        person: selectors.may_see_thread(
            message=note, learner_id=learner_id, user=person, is_staff=is_staff
        )
        for person, is_staff in [
            (cast.learner, False),
            (cast.instructor, True),
            (cast.ta, True),
            (cast.other_learner, False),
        ]
    }
    assert rules == {
        cast.learner: True,
        cast.instructor: True,
        cast.ta: False,
        cast.other_learner: False,
    }
    assert selectors.may_see_message(message=note, user=cast.ta, is_staff=True)
    assert not selectors.may_see_message(message=note, user=cast.other_learner, is_staff=False)


def test_another_staff_member_cannot_reply_in_a_notes_conversation(cast, note):
    with pytest.raises(Refused, match="can't reply"):
        services.reply_post(message=note, thread_learner=cast.learner, author=cast.ta, body="Hi")
    assert not Reply.objects.exists()


def test_another_learner_cannot_reply_to_someone_elses_note(cast, note):
    for thread_learner in (cast.learner, cast.other_learner):
        with pytest.raises(Refused, match="can't reply"):
            services.reply_post(
                message=note,
                thread_learner=thread_learner,
                author=cast.other_learner,
                body="Hi",
            )
    assert not Reply.objects.exists()


def test_checkin_replies_are_one_conversation_per_learner_seen_by_all_staff(cast, checkin):
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.learner, body="Loved it"
    )
    for person, is_staff, sees in [
        (cast.learner, False, True),
        (cast.other_learner, False, False),
        (cast.ta, True, True),
        (cast.instructor, True, True),
    ]:
        assert (
            selectors.may_see_thread(
                message=checkin, learner_id=cast.learner.pk, user=person, is_staff=is_staff
            )
            is sees
        ), person


def test_learner_reply_to_a_checkin_is_about_its_author_and_any_staff_may_answer(cast, checkin):
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.learner, body="Loved it"
    )
    first = Touchpoint.objects.get(kind=TouchpointKind.MESSAGE_REPLY)
    assert (first.actor, first.subject) == (cast.learner, cast.instructor)
    assert Notification.objects.filter(
        kind=NotificationKind.MESSAGE_REPLY, recipient=cast.instructor
    ).exists()
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.ta, body="Glad you did!"
    )
    answer = Touchpoint.objects.filter(kind=TouchpointKind.MESSAGE_REPLY).first()
    assert (answer.actor, answer.subject) == (cast.ta, cast.learner)
    assert Notification.objects.filter(
        kind=NotificationKind.MESSAGE_REPLY, recipient=cast.learner
    ).exists()


def test_staff_who_answered_hear_of_the_learners_next_reply(cast, checkin):
    services.reply_post(message=checkin, thread_learner=cast.learner, author=cast.learner, body="1")
    services.reply_post(message=checkin, thread_learner=cast.learner, author=cast.ta, body="2")
    Notification.objects.all().delete()
    services.reply_post(message=checkin, thread_learner=cast.learner, author=cast.learner, body="3")
    told = set(
        Notification.objects.filter(kind=NotificationKind.MESSAGE_REPLY).values_list(
            "recipient", flat=True
        )
    )
    assert told == {cast.instructor.pk, cast.ta.pk}


def test_learner_cannot_reply_in_another_learners_checkin_conversation(cast, checkin):
    with pytest.raises(Refused, match="can't reply"):
        services.reply_post(
            message=checkin, thread_learner=cast.learner, author=cast.other_learner, body="Hi"
        )


def test_nobody_replies_to_an_unreleased_checkin_but_staff(cast, scheduled_checkin):
    with pytest.raises(Refused):
        services.reply_post(
            message=scheduled_checkin,
            thread_learner=cast.learner,
            author=cast.learner,
            body="Early!",
        )


def test_a_reply_needs_words_or_a_recording(cast, note):
    with pytest.raises(Refused, match="Write a reply"):
        services.reply_post(message=note, thread_learner=cast.learner, author=cast.learner)
    assert not Reply.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.MESSAGE_REPLY).exists()


def test_a_conversation_closes_when_its_learner_leaves(cast, checkin):
    cast.course.memberships.filter(user=cast.learner).update(status=MembershipStatus.LEFT)
    with pytest.raises(Refused, match="no longer a learner"):
        services.reply_post(
            message=checkin, thread_learner=cast.learner, author=cast.instructor, body="Hi"
        )


def test_a_voice_reply_to_a_note_is_heard_only_by_the_two_people(cast, note):

    media = make_media(cast.course, cast.learner, kind=MediaKind.AUDIO)
    reply = services.reply_post(
        message=note, thread_learner=cast.learner, author=cast.learner, media_id=media.public_id
    )
    assert reply.format == "voice"
    media.refresh_from_db()
    assert (media.audience, media.audience_user) == (Audience.PRIVATE, cast.instructor)
    assert media_visible_to(media=media, user=cast.instructor)
    assert not media_visible_to(media=media, user=cast.ta)
    assert not media_visible_to(media=media, user=cast.other_learner)
    point = Touchpoint.objects.get(kind=TouchpointKind.MESSAGE_REPLY)
    assert point.channel == Channel.VOICE


def test_a_video_reply_to_a_checkin_is_seen_by_the_learner_and_the_staff(cast, checkin):

    media = make_media(cast.course, cast.learner)
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.learner, media_id=media.public_id
    )
    media.refresh_from_db()
    assert media.audience == Audience.STAFF
    assert media_visible_to(media=media, user=cast.ta)
    assert not media_visible_to(media=media, user=cast.other_learner)


def test_a_staff_video_answer_in_a_checkin_conversation_reaches_its_learner(cast, checkin):

    media = make_media(cast.course, cast.ta)
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.ta, media_id=media.public_id
    )
    media.refresh_from_db()
    assert (media.audience, media.audience_user) == (Audience.STAFF, cast.learner)
    assert media_visible_to(media=media, user=cast.learner)
    assert not media_visible_to(media=media, user=cast.other_learner)


# --- reactions ----------------------------------------------------------------------------


def test_reaction_toggles_on_and_off(cast, checkin):
    assert services.reaction_toggle(message=checkin, user=cast.learner, emoji="🎉") is True
    assert Reaction.objects.filter(user=cast.learner, emoji="🎉").exists()
    assert services.reaction_toggle(message=checkin, user=cast.learner, emoji="🎉") is False
    assert not Reaction.objects.exists()


def test_reacting_is_recorded_once_however_often_it_is_toggled(cast, checkin):
    for emoji in ["🎉", "🎉", "🎉", "❤️"]:
        services.reaction_toggle(message=checkin, user=cast.learner, emoji=emoji)
    point = Touchpoint.objects.get(kind=TouchpointKind.MESSAGE_REACTION)
    assert (point.actor, point.subject, point.target) == (cast.learner, cast.instructor, checkin)
    services.reaction_toggle(message=checkin, user=cast.other_learner, emoji="🎉")
    assert Touchpoint.objects.filter(kind=TouchpointKind.MESSAGE_REACTION).count() == 2


def test_reacting_to_your_own_message_is_not_a_touchpoint(cast, checkin):
    services.reaction_toggle(message=checkin, user=cast.instructor, emoji="👍")
    assert not Touchpoint.objects.filter(kind=TouchpointKind.MESSAGE_REACTION).exists()


def test_only_the_friendly_set_of_emoji(cast, checkin):
    with pytest.raises(Refused, match="reactions shown"):
        services.reaction_toggle(message=checkin, user=cast.learner, emoji="👎")
    assert not Reaction.objects.exists()


def test_nobody_reacts_to_what_they_cannot_see(cast, note, scheduled_checkin):
    with pytest.raises(Refused):
        services.reaction_toggle(message=note, user=cast.other_learner, emoji="👍")
    with pytest.raises(Refused):
        services.reaction_toggle(message=scheduled_checkin, user=cast.learner, emoji="👍")
    with pytest.raises(Refused):
        services.reaction_toggle(message=note, user=cast.outsider, emoji="👍")
    assert not Reaction.objects.exists()
