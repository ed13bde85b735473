"""One learner's card: the glance, what they told us, best times, milestones, the ledger
and quick actions."""

import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from rapport.core.kinds import TouchpointKind
from rapport.courses.models import MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.knowing import services
from rapport.knowing.tests.test_cards_helpers import give_intro_answers, touch
from rapport.knowing.views.cards import optional_url

pytestmark = pytest.mark.django_db

# Wednesday 14 July 2027, 18:42 UTC: 7:42 pm in Lagos, 1:42 pm in Chicago.
NOW = dt.datetime(2027, 7, 14, 18, 42, tzinfo=dt.UTC)


def card_url(cast, user_id=None) -> str:
    return f"/c/env-sci/learners/{user_id or cast.learner.pk}/"


@pytest.fixture
def sam(cast):
    learner = cast.learner
    learner.preferred_name = "Sam"
    learner.full_name = "Samira Haddad"
    learner.pronouns = "they/them"
    learner.timezone = "Africa/Lagos"
    learner.save()
    give_intro_answers(
        cast.course,
        learner,
        goals="Understand wildfire smoke",
        interests=["Birds", "Wetlands"],
        channel="Text message",
        feedback_style=["Written", "Gentle"],
        best_times=[[1, 17 * 60, 19 * 60]],
        in_the_way="Night shifts",
        name_pronunciation="SAM",
    )
    cast.instructor.timezone = "America/Chicago"
    cast.instructor.save()
    return learner


@time_machine.travel(NOW, tick=False)
def test_card_shows_who_they_are_at_a_glance(cast, client_for, sam):
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert "Sam" in page and "Samira Haddad" in page and "they/them" in page
    assert "7:42 pm in Lagos" in page
    assert "SAM" in page  # the intro answer, as there is no typed pronunciation
    assert "Understand wildfire smoke" in page
    assert "Birds" in page and "Wetlands" in page
    assert "Text message" in page
    assert "Written, Gentle" in page
    assert "Night shifts" in page


@time_machine.travel(NOW, tick=False)
def test_best_times_are_shown_in_their_time_and_the_viewers(cast, client_for, sam):
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert "Tue 6:00 pm – 8:00 pm" in page  # Lagos
    assert "Tue 12:00 pm – 2:00 pm" in page  # Chicago, the instructor's zone
    assert "Your time (America/Chicago)" in page


def test_a_viewer_in_the_same_zone_sees_one_column(cast, client_for, sam):
    cast.ta.timezone = "Africa/Lagos"
    cast.ta.save()
    page = client_for("ta").get(card_url(cast)).content.decode()
    assert "They're in your time zone." in page
    assert "Your time" not in page


def test_typed_pronunciation_and_the_recording_come_first(cast, client_for, sam):
    sam.pronunciation_text = "sah-MEE-rah"
    sam.pronunciation_audio = "profiles/1/pronunciation-20270101.webm"
    sam.save()
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert "sah-MEE-rah" in page
    recording = reverse("accounts:pronunciation", args=[sam.pk])
    assert f'<audio controls preload="none" src="{recording}"' in page


def test_no_recording_no_player(cast, client_for, sam):
    assert "<audio" not in client_for("instructor").get(card_url(cast)).content.decode()


def test_a_learner_who_has_not_answered_is_flagged(cast, client_for):
    page = client_for("instructor").get(card_url(cast, cast.other_learner.pk)).content.decode()
    assert "Hasn't answered the intro survey yet" in page
    assert "No best times shared yet." in page


def test_latest_moments_from_the_ledger_in_words(cast, client_for, sam):
    touch(
        cast.course,
        kind=TouchpointKind.PERSONAL_MESSAGE,
        actor=cast.instructor,
        subject=sam,
    )
    touch(cast.course, kind=TouchpointKind.POST_REPLY, actor=cast.other_learner, subject=sam)
    page = client_for("ta").get(card_url(cast)).content.decode()
    assert "Instructor sent a personal message" in page
    assert "Other_Learner replied to a post" in page
    assert "Last contact from the team" in page


def test_birthday_and_milestones_are_on_the_card(cast, client_for, sam):
    services.birthday_share(user=sam, month=3, day=14)
    services.personal_milestone_share(
        course=cast.course, user=sam, text="Ran my first 10K", happened_on=dt.date(2020, 1, 1)
    )
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert "14 March" in page
    assert "Ran my first 10K" in page
    assert "Celebrate this" in page


def test_quick_actions(cast, client_for, sam):
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert f"/c/env-sci/messages/notes/new/?to={sam.pk}" in page
    assert f"/c/env-sci/celebrate/{sam.pk}/" in page
    recommend = optional_url("knowing:recommend", course_slug="env-sci", user_id=sam.pk)
    assert ("Recommend a resource" in page) == bool(recommend)


def test_optional_url_is_empty_for_a_page_that_does_not_exist():
    assert optional_url("knowing:no_such_page", course_slug="env-sci") == ""


@pytest.mark.parametrize("who", ["ta", "instructor", "outsider"])
def test_only_learners_of_this_course_have_cards(cast, client_for, who):
    user_id = getattr(cast, who).pk
    assert client_for("instructor").get(card_url(cast, user_id)).status_code == 404


def test_a_former_learner_has_no_card(cast, client_for):
    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.REMOVED)
    response = client_for("instructor").get(card_url(cast, cast.other_learner.pk))
    assert response.status_code == 404


def test_no_such_person(cast, client_for):
    assert client_for("instructor").get(card_url(cast, 987654)).status_code == 404


def test_learners_never_see_a_card_not_even_their_own(cast, client_for):
    assert client_for("learner").get(card_url(cast)).status_code == 404
    assert client_for("other_learner").get(card_url(cast)).status_code == 404


def test_learner_of_two_courses_shows_only_this_courses_ledger(cast, client_for):
    MembershipFactory(course=cast.other_course, user=cast.learner, role=Role.LEARNER)
    touch(
        cast.other_course,
        kind=TouchpointKind.FEEDBACK_GIVEN,
        actor=cast.outsider,
        subject=cast.learner,
    )
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert "gave feedback" not in page
    assert "Outsider" not in page


def test_staff_of_another_course_cannot_open_this_card(cast, client_for):
    other_staff = UserFactory()
    MembershipFactory(course=cast.other_course, user=other_staff, role=Role.INSTRUCTOR)
    client = client_for("anonymous")
    client.force_login(other_staff)
    assert client.get(card_url(cast)).status_code == 404


def test_last_contact_ignores_old_team_members_gone_quiet(cast, client_for, sam):
    touch(
        cast.course,
        kind=TouchpointKind.PERSONAL_MESSAGE,
        actor=cast.ta,
        subject=sam,
        at=dt.datetime.now(dt.UTC) - timedelta(days=1),
    )
    cast.course.memberships.filter(user=cast.ta).update(status=MembershipStatus.REMOVED)
    page = client_for("instructor").get(card_url(cast)).content.decode()
    assert "No one on the team has reached out yet." in page


def test_best_times_say_they_are_in_utc_only_because_no_zone_was_chosen(cast, client_for):
    cast.learner.timezone, cast.learner.timezone_chosen = "UTC", False
    cast.learner.save()
    give_intro_answers(cast.course, cast.learner, best_times=[[0, 600, 720]])
    card = client_for("instructor").get(f"/c/{cast.course.slug}/learners/{cast.learner.pk}/")
    assert "Their time (UTC: no zone chosen yet)" in card.content.decode()


def test_the_card_offers_times_to_talk_and_shows_the_next_meeting(cast, client_for):
    from rapport.officehours import selectors as officehours_selectors
    from rapport.officehours import services as officehours
    from rapport.officehours.testing import member, office_hours_make

    client = client_for("ta")
    page = client.get(card_url(cast)).text
    assert f"/c/env-sci/office-hours/talk/{cast.learner.pk}/" in page
    assert "Let's talk: offer times" in page and "Next meeting" not in page

    office_hours = office_hours_make(cast)
    booking = officehours.booking_make(
        office_hours=office_hours,
        member=member(cast, "learner"),
        choice=officehours.Choice(officehours_selectors.slots_of(office_hours)[0].starts_at),
    )
    page = client.get(card_url(cast)).text
    assert "Next meeting" in page and booking.get_absolute_url() in page
    assert "with Instructor" in page
