"""A note sent from a learner's help request offers to mark it answered, and closes it in
the same transaction as the note."""

import pytest

from rapport.community.checkins import services as checkin_services
from rapport.community.models.checkins import MoodCheckin
from rapport.core.refusals import Refused
from rapport.presence import services
from rapport.presence.models import Message, Tone

pytestmark = pytest.mark.django_db

NOTE_NEW = "/c/env-sci/messages/notes/new/"


@pytest.fixture
def help_request(cast) -> MoodCheckin:
    return checkin_services.mood_record(
        course=cast.course, learner=cast.learner, score=2, wants_help=True
    )


def _open(cast) -> bool:
    return MoodCheckin.objects.filter(
        learner=cast.learner, wants_help=True, followed_up_at__isnull=True
    ).exists()


def test_the_form_offers_to_mark_the_request_answered_checked(cast, client_for, help_request):
    page = client_for("instructor").get(NOTE_NEW + f"?to={cast.learner.pk}").content.decode()
    assert "help request as answered" in page
    assert 'name="answer_help"' in page
    checkbox = (
        page.split('name="answer_help"')[0].rsplit("<input", 1)[1]
        + page.split('name="answer_help"')[1].split(">")[0]
    )
    assert "checked" in checkbox
    assert f'name="help_for" value="{cast.learner.pk}"' in page


def test_no_offer_without_an_open_help_request(cast, client_for):
    page = client_for("instructor").get(NOTE_NEW + f"?to={cast.learner.pk}").content.decode()
    assert 'name="answer_help"' not in page


def test_sending_with_the_tick_closes_the_request(cast, client_for, help_request):
    response = client_for("ta").post(
        NOTE_NEW,
        {
            "recipient": cast.learner.pk,
            "tone": Tone.THINKING_OF_YOU,
            "body": "Here to help — what's up?",
            "answer_help": "on",
            "help_for": cast.learner.pk,
        },
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.followed_up_by == cast.ta
    assert help_request.followed_up_at == Message.objects.get().released_at


def test_unticked_leaves_the_request_open(cast, client_for, help_request):
    client_for("ta").post(
        NOTE_NEW,
        {
            "recipient": cast.learner.pk,
            "tone": Tone.THINKING_OF_YOU,
            "body": "Hello",
            "help_for": cast.learner.pk,
        },
    )
    assert Message.objects.count() == 1
    assert _open(cast)


def test_the_tick_closes_nothing_when_the_note_goes_to_someone_else(cast, client_for, help_request):
    client_for("ta").post(
        NOTE_NEW,
        {
            "recipient": cast.other_learner.pk,
            "tone": Tone.THINKING_OF_YOU,
            "body": "Hello",
            "answer_help": "on",
            "help_for": cast.learner.pk,
        },
    )
    assert Message.objects.get().recipient == cast.other_learner
    assert _open(cast)


def test_a_refused_note_leaves_the_request_open(cast, help_request):
    with pytest.raises(Refused):
        services.note_send(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            tone=Tone.THINKING_OF_YOU,
            body="",
            answer_help_requests=True,
        )
    assert _open(cast)


def test_the_note_and_the_closing_share_one_transaction(cast, help_request, monkeypatch):
    def closing_breaks(**kwargs):
        raise RuntimeError("boom")

    # Closing runs after the note is written: when it fails, the note is not kept either.
    monkeypatch.setattr("rapport.presence.services.messages.help_requests_answer", closing_breaks)
    with pytest.raises(RuntimeError):
        services.note_send(
            course=cast.course,
            author=cast.instructor,
            recipient=cast.learner,
            tone=Tone.THINKING_OF_YOU,
            body="Hi",
            answer_help_requests=True,
        )
    assert not Message.objects.exists()
    assert _open(cast)
