"""Reading pages, as each role uses them: the feed, one message, conversations, marking
watched and reacting."""

import pytest

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.courses.models import Role
from rapport.factories import MembershipFactory
from rapport.presence import services
from rapport.presence.models import (
    MessageView,
    Reaction,
    Reply,
    Tone,
)

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/messages/"


def content(response) -> str:
    return response.content.decode()


def errors_of(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# --- the feed ------------------------------------------------------------------------------


def test_learner_feed_shows_checkins_and_their_own_notes_newest_first(
    cast, client_for, checkin, note, feedback, scheduled_checkin
):
    other_note = services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.other_learner,
        tone=Tone.OTHER,
        body="Just for Other",
    )
    response = client_for("learner").get(BASE)
    assert response.status_code == 200
    assert response.templates[0].name == "presence/feed.html"
    shown = list(response.context["page"].object_list)
    assert shown == [feedback, note, checkin]
    assert other_note not in shown and scheduled_checkin not in shown
    page = content(response)
    assert "Just for Other" not in page
    assert page.count("data-new-marker") == 3


def test_opened_messages_lose_their_new_marker(cast, client_for, checkin, note):
    services.message_open(message=note, user=cast.learner)
    page = content(client_for("learner").get(BASE))
    assert page.count("data-new-marker") == 1


def test_feed_pages_and_htmx_gets_the_next_items_only(cast, client_for):
    for week in range(12):
        services.checkin_post(
            course=cast.course, author=cast.instructor, title=f"Week {week}", body="Hi"
        )
    client = client_for("learner")
    first = client.get(BASE)
    assert len(first.context["page"].object_list) == 10
    assert 'hx-get="?page=2"' in content(first)
    more = client.get(BASE + "?page=2", headers={"HX-Request": "true"})
    assert more.templates[0].name == "presence/feed_items.html"
    assert "Week 0" in content(more) and "<html" not in content(more)
    full = client.get(BASE + "?page=2")
    assert full.templates[0].name == "presence/feed.html"


def test_staff_see_everything_sent_with_scheduled_first_and_reach_counts(
    cast, client_for, checkin, note, scheduled_checkin
):
    services.message_open(message=checkin, user=cast.learner)
    response = client_for("ta").get(BASE)
    assert response.templates[0].name == "presence/staff_feed.html"
    shown = list(response.context["page"].object_list)
    assert shown == [scheduled_checkin, note, checkin]
    page = content(response)
    assert "1 of 2 watched or read · 1 opened" in page
    assert "Scheduled" in page


def test_staff_filter_by_kind(cast, client_for, checkin, note, feedback):
    response = client_for("instructor").get(BASE + "?kind=feedback")
    assert list(response.context["page"].object_list) == [feedback]


# --- reading one message -----------------------------------------------------------------


def test_learner_opens_a_note_and_it_is_marked_read(cast, client_for, note):
    response = client_for("learner").get(f"{BASE}{note.pk}/")
    assert response.status_code == 200
    assert "Thinking of you this week, Learner." in content(response)
    assert "Only you and Instructor see your replies." in content(response)
    view = MessageView.objects.get(user=cast.learner)
    assert view.opened_at and view.completed_at


def test_feedback_shows_the_work_and_the_two_points(cast, client_for, feedback):
    page = content(client_for("learner").get(f"{BASE}{feedback.pk}/"))
    assert "Watershed map" in page
    assert "What went well" in page and "Clear labels." in page
    assert "One next step" in page and "Add a legend." in page


def test_staff_see_who_has_and_has_not_seen_a_checkin(cast, client_for, checkin):
    services.message_open(message=checkin, user=cast.learner)
    response = client_for("ta").get(f"{BASE}{checkin.pk}/")
    reach = response.context["reach"]
    assert [m.user for m in reach.finished] == [cast.learner]
    assert [m.user for m in reach.not_opened] == [cast.other_learner]
    page = content(response)
    assert "1 of 2 learners watched, listened or read it" in page
    assert f"notes/new/?to={cast.other_learner.pk}" in page
    assert not MessageView.objects.filter(user=cast.ta).exists()


def test_a_big_class_names_the_first_forty_who_have_not_seen_it_and_counts_the_rest(
    cast, client_for, checkin
):
    MembershipFactory.create_batch(43, course=cast.course, role=Role.LEARNER)
    page = content(client_for("ta").get(f"{BASE}{checkin.pk}/"))
    assert "Not opened yet (45)" in page
    assert page.count("Send a note<span") == 40 and "And 5 more." in page


def test_staff_see_checkin_conversations_and_who_is_waiting(cast, client_for, checkin):
    services.reply_post(
        message=checkin, thread_learner=cast.learner, author=cast.learner, body="Q?"
    )
    response = client_for("instructor").get(f"{BASE}{checkin.pk}/")
    (person,) = response.context["threads"]
    assert (person, person.reply_count, person.waiting) == (cast.learner, 1, True)
    assert f"{BASE}{checkin.pk}/with/{cast.learner.pk}/" in content(response)


def test_other_staff_see_a_note_but_not_its_replies(cast, client_for, note):
    services.reply_post(
        message=note, thread_learner=cast.learner, author=cast.learner, body="A secret reply"
    )
    response = client_for("ta").get(f"{BASE}{note.pk}/")
    assert response.status_code == 200
    page = content(response)
    assert "Thinking of you this week" in page
    assert "A secret reply" not in page
    assert "stay between Learner and Instructor" in page


# --- conversations -------------------------------------------------------------------------


def test_learner_replies_to_a_checkin(cast, client_for, checkin):
    client = client_for("learner")
    url = f"{BASE}{checkin.pk}/with/{cast.learner.pk}/"
    response = client.post(url, {"body": "Thanks, Maya!"})
    reply = Reply.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url}#reply-{reply.pk}"
    assert "Thanks, Maya!" in content(client.get(url))


def test_staff_answer_in_a_learners_checkin_conversation(cast, client_for, checkin):
    url = f"{BASE}{checkin.pk}/with/{cast.learner.pk}/"
    client_for("ta").post(url, {"body": "Any time"})
    assert Reply.objects.get().author == cast.ta


def test_htmx_reply_gets_the_conversation_back(cast, client_for, note):
    url = f"{BASE}{note.pk}/with/{cast.learner.pk}/"
    response = client_for("learner").post(url, {"body": "Hello"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.templates[0].name == "presence/_thread.html"
    assert "Hello" in content(response)


def test_empty_reply_gets_a_clear_message(cast, client_for, note):
    url = f"{BASE}{note.pk}/with/{cast.learner.pk}/"
    response = client_for("learner").post(url, {})
    assert response.status_code == 200
    assert "Write a reply, or record or upload" in content(response)
    assert not Reply.objects.exists()


# --- watched and reactions ---------------------------------------------------------------


def test_presence_js_marks_a_video_watched(cast, client_for, media_for):
    checkin = services.checkin_post(
        course=cast.course, author=cast.instructor, title="W", media_id=media_for().public_id
    )
    page = content(client_for("learner").get(BASE))
    assert f'data-watch-url="{BASE}{checkin.pk}/watched/"' in page
    assert "rapport/js/presence.js" in page
    response = client_for("learner").post(
        f"{BASE}{checkin.pk}/watched/", headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 204
    assert Touchpoint.objects.filter(kind=TouchpointKind.CHECKIN_WATCHED).count() == 1


def test_watched_without_script_goes_back_to_the_message(cast, client_for, checkin):
    response = client_for("learner").post(f"{BASE}{checkin.pk}/watched/")
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{checkin.pk}/"


def test_htmx_reaction_swaps_the_bar_in_place(cast, client_for, checkin):
    response = client_for("learner").post(
        f"{BASE}{checkin.pk}/react/", {"emoji": "🎉"}, headers={"HX-Request": "true"}
    )
    assert response.templates[0].name == "presence/_reactions.html"
    assert 'aria-pressed="true"' in content(response)
    assert Reaction.objects.filter(user=cast.learner, emoji="🎉").exists()


def test_reaction_without_htmx_goes_back_where_it_came_from(cast, client_for, checkin):
    response = client_for("learner").post(
        f"{BASE}{checkin.pk}/react/", {"emoji": "❤️", "next": f"{BASE}#message-{checkin.pk}"}
    )
    assert response["Location"] == f"{BASE}#message-{checkin.pk}"
    offsite = client_for("learner").post(
        f"{BASE}{checkin.pk}/react/", {"emoji": "❤️", "next": "https://evil.example/"}
    )
    assert offsite["Location"] == f"{BASE}{checkin.pk}/"


def test_unknown_reaction_gets_a_message(cast, client_for, checkin):
    response = client_for("learner").post(
        f"{BASE}{checkin.pk}/react/", {"emoji": "💩"}, follow=True
    )
    assert "Choose one of the reactions shown." in content(response)
    assert not Reaction.objects.exists()
