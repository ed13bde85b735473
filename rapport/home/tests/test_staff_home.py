"""The staff home, "This week": the reach-out list first with one prefilled action each,
then what waits for the teaching team."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from rapport.community.checkins.services import mood_record
from rapport.presence import services as presence
from rapport.presence.models import Tone

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def reach_out_ids(response) -> list[int]:
    return [item.user.pk for item, _ in response.context["home"].reach_out]


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_staff_see_this_week_with_the_reach_out_list_first(drifting, client_for, role):
    response = client_for(role).get(HOME)
    assert response.status_code == 200
    assert response.templates[0].name == "home/staff.html"
    content = response.content.decode()
    assert content.index("Reach out this week") < content.index("Help requests waiting")
    assert set(reach_out_ids(response)) == {drifting.learner.pk, drifting.other_learner.pk}
    assert "No personal contact yet" in content
    assert "Next step:" in content


def test_membership_matters_are_no_longer_on_the_home(drifting, client_for):
    content = client_for("instructor").get(HOME).content.decode()
    assert drifting.course.join_code not in content
    assert "Invite people" not in content


def test_each_learner_on_the_list_has_one_link_opening_a_prefilled_note(drifting, client_for):
    response = client_for("instructor").get(HOME)
    item, action = next(
        pair for pair in response.context["home"].reach_out if pair[0].user == drifting.learner
    )
    url = urlparse(action.url)
    query = parse_qs(url.query)
    assert url.path == reverse("presence:note_new", args=[drifting.course.slug])
    assert query["to"] == [str(drifting.learner.pk)]
    assert query["next"] == [HOME]
    assert "{preferred_name}" in query["body"][0]
    assert action.url.replace("&", "&amp;") in response.content.decode()

    form = client_for("instructor").get(action.url)
    assert form.status_code == 200
    assert form.context["form"].initial["recipient"] == drifting.learner.pk
    assert form.context["form"].initial["body"] == query["body"][0]
    assert f'name="next" value="{HOME}"' in form.content.decode()


def test_sending_the_prefilled_note_returns_home_and_takes_them_off_the_list(drifting, client_for):
    client = client_for("instructor")
    response = client.post(
        reverse("presence:note_new", args=[drifting.course.slug]),
        {
            "recipient": drifting.learner.pk,
            "tone": Tone.THINKING_OF_YOU,
            "body": "Hi {preferred_name}, thinking of you.",
            "next": HOME,
        },
    )
    assert response.status_code == 302 and response["Location"] == HOME
    home = client.get(HOME)
    assert reach_out_ids(home) == [drifting.other_learner.pk]
    assert [item.user for item in home.context["home"].week.reached] == [drifting.learner]
    assert "Reached this week, so off the list" in home.content.decode()


def test_an_open_help_request_keeps_them_on_the_list_until_it_is_followed_up(drifting, client_for):
    mood_record(course=drifting.course, learner=drifting.learner, score=2, wants_help=True)
    client = client_for("instructor")
    home = client.get(HOME)
    assert reach_out_ids(home)[0] == drifting.learner.pk
    assert [learner.user for learner, _ in home.context["home"].help_waiting] == [drifting.learner]
    # A note that leaves the help request open is not enough...
    presence.note_send(
        course=drifting.course,
        author=drifting.instructor,
        recipient=drifting.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Hello",
    )
    assert drifting.learner.pk in reach_out_ids(client.get(HOME))
    # ...answering it is.
    presence.note_send(
        course=drifting.course,
        author=drifting.instructor,
        recipient=drifting.learner,
        tone=Tone.NOTICED,
        body="I'm here to help",
        answer_help_requests=True,
    )
    home = client.get(HOME)
    assert drifting.learner.pk not in reach_out_ids(home)
    assert home.context["home"].help_waiting == []


def test_the_last_checkin_card_counts_who_has_not_opened_it_with_a_note_each(drifting, client_for):
    checkin = presence.checkin_post(
        course=drifting.course, author=drifting.instructor, title="Week 3: wetlands", body="Hi"
    )
    presence.message_open(message=checkin, user=drifting.other_learner)
    response = client_for("instructor").get(HOME)
    reach = response.context["home"].checkin_reach
    assert (len(reach.not_opened), reach.total) == (1, 2)
    assert [member.user for member, _ in reach.nudges] == [drifting.learner]
    action = reach.nudges[0][1]
    assert parse_qs(urlparse(action.url).query)["to"] == [str(drifting.learner.pk)]
    assert "Week 3: wetlands" in parse_qs(urlparse(action.url).query)["body"][0]
    assert "1 of 2</strong> have not opened" in response.content.decode()


def test_scheduled_checkins_are_listed_with_their_release_time(drifting, client_for):
    from datetime import timedelta

    from django.utils import timezone

    presence.checkin_post(
        course=drifting.course,
        author=drifting.instructor,
        title="Next week",
        body="Soon",
        release_at=timezone.now() + timedelta(days=2),
    )
    response = client_for("instructor").get(HOME)
    assert [m.title for m in response.context["home"].scheduled] == ["Next week"]
    assert "Goes out" in response.content.decode()


def test_with_a_note_template_the_checkin_card_offers_one_note_each_to_all_of_them(
    drifting, client_for
):
    from rapport.presence.models import MessageKind, MessageTemplate

    template = MessageTemplate.objects.create(
        course=drifting.course,
        owner=drifting.ta,
        name="Missed you",
        kind=MessageKind.NOTE,
        body="Hi {preferred_name}",
    )
    presence.checkin_post(
        course=drifting.course, author=drifting.instructor, title="Week 3", body="Hi"
    )
    client = client_for("instructor")
    action = client.get(HOME).context["home"].checkin_reach.all_at_once
    assert action.url.startswith(
        reverse("presence:template_send", args=[drifting.course.slug, template.pk])
    )
    chosen = client.get(action.url).context["chosen"]
    assert chosen == {str(drifting.learner.pk), str(drifting.other_learner.pk)}


def test_a_course_nobody_has_joined_shows_the_join_link_first(cast, client_for):
    from rapport.courses.models import Membership, Role

    Membership.objects.filter(course=cast.course, role=Role.LEARNER).delete()
    content = client_for("instructor").get(HOME).content.decode()
    assert "Nobody has joined yet" in content
    assert cast.course.join_code in content
    assert content.index("Nobody has joined yet") < content.index("Reach out this week")


def test_a_newcomer_is_offered_a_welcome_until_someone_writes_to_them(cast, client_for):
    client = client_for("instructor")
    home = client.get(HOME)
    newcomers = {learner.user: action for learner, action in home.context["home"].newcomers}
    assert set(newcomers) == {cast.learner, cast.other_learner}
    action = newcomers[cast.learner]
    assert action.label == f"Welcome {cast.learner.display_name}"
    assert parse_qs(urlparse(action.url).query)["to"] == [str(cast.learner.pk)]
    assert "New this week" in home.content.decode()
    presence.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Welcome!",
    )
    home = client.get(HOME)
    assert [learner.user for learner, _ in home.context["home"].newcomers] == [cast.other_learner]
