"""A learner's own connections page: their classmates, shout-outs, personal contacts and
trend — and nobody else's; and their choice to be left out of partner suggestions."""

import re

import pytest
import time_machine
from django.urls import reverse

from rapport.core.kinds import TouchpointKind as K
from rapport.courses.models import Membership, Role
from rapport.courses.services import membership_peer_suggestions_set
from rapport.factories import MembershipFactory, UserFactory
from rapport.radar.mine import my_connections
from rapport.radar.tests.ledgers import NOW, joined, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def classmates(cast):
    """cast.learner talks with Ada; Ben and Cleo talk with each other only."""
    course = cast.course
    ada, ben, cleo = (
        UserFactory(preferred_name=name, full_name=f"{name} Example")
        for name in ("Ada", "Ben", "Cleo")
    )
    for person in (ada, ben, cleo):
        MembershipFactory(course=course, user=person, role=Role.LEARNER)
    joined(course, cast.learner, cast.other_learner, ada, ben, cleo, days=30)
    moment(course, K.POST_REPLY, cast.learner, ada, days=2)
    moment(course, K.SHOUTOUT, ada, cast.learner, days=3)
    moment(course, K.POST_REACTION, ada, cast.learner, days=9)
    moment(course, K.SHOUTOUT, cast.instructor, cast.learner, days=4)
    moment(course, K.PERSONAL_MESSAGE, cast.ta, cast.learner, days=6.5)
    moment(course, K.POST_REPLY, cast.instructor, cast.learner, days=20)
    moment(course, K.SHOUTOUT, ben, cleo, days=1)
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, ben, days=1)
    moment(course, K.MOOD_CHECKIN, ben, ben, days=1, value=1)
    for days in (1, 2, 8, 9, 10, 16):
        moment(course, K.RITUAL_ANSWERED, cast.learner, days=days)
    return ada, ben, cleo


def mine_of(cast):
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    return my_connections(course=cast.course, membership=membership, now=NOW)


def test_the_summary_holds_the_learners_own_figures(cast, classmates):
    ada, _, _ = classmates
    mine = mine_of(cast)
    assert [(c.user, c.given, c.received) for c in mine.classmates] == [(ada, 1, 2)]
    assert (mine.shoutouts_from_classmates, mine.shoutouts_from_team) == (1, 1)
    assert mine.personal_contacts_this_term == 3
    assert mine.days_since_personal_contact == 4
    assert mine.weeks == [3, 3, 1, 0, 0]  # week 0 holds the reply and two rituals
    assert mine.usual_week == 1
    assert mine.trend_sentence().startswith("You took part 3 times this week, more than")
    assert mine.contact_sentence() == (
        "Your teachers reached out to you personally 3 times this term, most recently 4 days ago."
    )


def _page(client, cast):
    with time_machine.travel(NOW, tick=False):
        client.force_login(cast.learner)
        response = client.get(reverse("radar:my_connections", args=[cast.course.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_names_only_the_learners_own_classmates_and_no_one_elses_figures(
    cast, classmates, client
):
    page = _page(client, cast)
    assert "Ada" in page
    assert "Ben" not in page and "Cleo" not in page
    assert "you reached out 1 time, they reached out 2 times" in page
    assert "1 from classmates and 1 from your teachers" in page
    # no one else's mood, contacts or ranking reasons
    main = page.split("<main", 1)[1].split("</main>", 1)[0].lower()
    assert "mood" not in main and "reach out" not in main


def test_the_page_is_friendly_before_anything_happened(cast, client):
    joined(cast.course, cast.learner, days=2)
    page = _page(client, cast)
    assert "No classmate yet" in page
    assert "haven&#x27;t written to you personally yet" in page
    assert "Welcome aboard!" in page


def test_staff_are_sent_to_the_radar(cast, client):
    client.force_login(cast.instructor)
    response = client.get(reverse("radar:my_connections", args=[cast.course.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("radar:radar", args=[cast.course.slug])


def test_a_learner_opts_out_of_partner_suggestions_and_back_in(cast, client):
    client.force_login(cast.learner)
    url = reverse("radar:my_connections", args=[cast.course.slug])
    response = client.post(url, {"opted_out": "on"}, follow=True)
    assert "you won&#x27;t be suggested as a partner" in response.content.decode()
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    assert membership.peer_suggestions_opted_out
    assert re.search(
        r'<input type="checkbox" name="opted_out"[^>]* checked', response.content.decode()
    )
    client.post(url, {})
    membership.refresh_from_db()
    assert not membership.peer_suggestions_opted_out
    # another learner's choice is untouched
    assert not Membership.objects.get(
        course=cast.course, user=cast.other_learner
    ).peer_suggestions_opted_out


def test_only_a_learner_chooses_for_themselves(cast):
    from rapport.core.refusals import Refused

    with pytest.raises(Refused):
        membership_peer_suggestions_set(course=cast.course, user=cast.ta, opted_out=True)
    with pytest.raises(Refused):
        membership_peer_suggestions_set(course=cast.course, user=cast.outsider, opted_out=True)


def test_the_reach_out_list_never_offers_an_opted_out_classmate_as_a_partner(cast):
    from rapport.radar.indicators import course_indicators
    from rapport.radar.ranking import _partners
    from rapport.surveys.intro import IntroAnswers

    course = cast.course
    joined(course, cast.learner, cast.other_learner)
    third = UserFactory()
    MembershipFactory(course=course, user=third, role=Role.LEARNER)
    joined(course, third)
    moment(course, K.POST_REPLY, cast.other_learner, third)
    intros = {u.pk: IntroAnswers(interests=["Jazz"]) for u in (cast.learner, cast.other_learner)}
    indicators = course_indicators(course=course, now=NOW)
    assert _partners(indicators, intros)[cast.learner.pk] == cast.other_learner
    Membership.objects.filter(course=course, user=cast.other_learner).update(
        peer_suggestions_opted_out=True
    )
    indicators = course_indicators(course=course, now=NOW)
    assert cast.learner.pk not in _partners(indicators, intros)
