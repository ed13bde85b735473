"""The roster of learner cards: who is on it, what each card shows, search and filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.courses.models import MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.knowing.tests.test_cards_helpers import (
    HX,
    add_learners,
    give_intro_answers,
    staff_note_touch,
    touch,
)

pytestmark = pytest.mark.django_db

URL = "/c/env-sci/learners/"


def names(response) -> list[str]:
    return [entry.person.display_name for entry in response.context["entries"]]


@pytest.fixture
def class_of_three(cast):
    """Sam in Lagos who loves birds, Ana in Bucharest who loves books, and cast's learners."""
    sam = UserFactory(
        preferred_name="Sam",
        email="sam@example.test",
        pronouns="they/them",
        timezone="Africa/Lagos",
    )
    ana = UserFactory(
        preferred_name="Ana",
        email="ana@bookshop.test",
        timezone="Europe/Bucharest",
        preferred_channel=Channel.EMAIL,
    )
    for person in (sam, ana):
        MembershipFactory(course=cast.course, user=person, role=Role.LEARNER)
    give_intro_answers(
        cast.course,
        sam,
        goals="Understand wildfire smoke",
        interests=["Birds", "Wetlands", "Maps", "Poetry"],
        channel="Text message",
    )
    give_intro_answers(
        cast.course, ana, goals="Read about ecosystems", interests=["books", "birds"]
    )
    return sam, ana


def test_staff_see_every_active_learner_and_no_one_else(cast, client_for, class_of_three):
    gone = UserFactory(preferred_name="Gone")
    MembershipFactory(
        course=cast.course, user=gone, role=Role.LEARNER, status=MembershipStatus.LEFT
    )
    response = client_for("ta").get(URL)
    assert response.status_code == 200
    assert names(response) == ["Ana", "Learner", "Other_Learner", "Sam"]


def test_each_card_shows_a_glance(cast, client_for, class_of_three):
    sam, _ = class_of_three
    staff_note_touch(cast.course, cast.instructor, sam, at=timezone.now() - timedelta(days=3))
    # The results alone: the filter selects list every interest.
    page = client_for("instructor").get(URL, headers=HX).content.decode()
    assert "they/them" in page
    assert " in Lagos" in page
    # The top three interests only.
    assert "Birds" in page and "Maps" in page and "Poetry" not in page
    assert "Text message" in page  # the intro answer wins over the profile setting
    assert "3\xa0days ago" in page
    assert "None yet" in page  # Ana: nobody has reached her


def test_channel_falls_back_to_the_profile_setting(cast, client_for, class_of_three):
    response = client_for("instructor").get(URL)
    ana = next(e for e in response.context["entries"] if e.person.display_name == "Ana")
    assert ana.channel == "Email"


@pytest.mark.parametrize(
    "query,expected",
    [
        ("sam", ["Sam"]),
        ("BOOKSHOP", ["Ana"]),  # email, any case
        ("wildfire", ["Sam"]),  # goals
        ("birds", ["Ana", "Sam"]),  # interests
        ("read ecosystems", ["Ana"]),  # every word must match
        ("nobody-here", []),
    ],
)
def test_search_looks_at_names_emails_goals_and_interests(
    cast, client_for, class_of_three, query, expected
):
    response = client_for("instructor").get(URL, {"q": query})
    assert names(response) == expected


def test_interest_filter_offers_everyones_interests_ignoring_case(cast, client_for, class_of_three):
    response = client_for("instructor").get(URL)
    choices = dict(response.context["form"].fields["interest"].choices)
    birds = [value for value in choices if value.casefold() == "birds"]
    assert len(birds) == 1 and choices[birds[0]].endswith("(2)")
    filtered = client_for("instructor").get(URL, {"interest": birds[0]})
    assert names(filtered) == ["Ana", "Sam"]
    assert names(client_for("instructor").get(URL, {"interest": "Maps"})) == ["Sam"]


def test_an_interest_nobody_has_any_more_is_dropped_with_a_message(
    cast, client_for, class_of_three
):
    response = client_for("instructor").get(URL, {"interest": "Knitting", "q": "a"})
    assert names(response) == ["Ana", "Learner", "Other_Learner", "Sam"]
    assert "That filter was left out" in response.content.decode()


def test_time_zone_filter(cast, client_for, class_of_three):
    response = client_for("instructor").get(URL)
    zones = dict(response.context["form"].fields["timezone"].choices)
    assert zones["Africa/Lagos"].startswith("Africa/Lagos (UTC+1)")
    assert names(client_for("instructor").get(URL, {"timezone": "Africa/Lagos"})) == ["Sam"]


def test_channel_filter(cast, client_for, class_of_three):
    assert names(client_for("instructor").get(URL, {"channel": "Text message"})) == ["Sam"]
    assert names(client_for("instructor").get(URL, {"channel": "Email"})) == ["Ana"]


def test_has_not_answered_filter(cast, client_for, class_of_three):
    give_intro_answers(cast.course, cast.learner, submitted=False, goals="Half written")
    response = client_for("instructor").get(URL, {"not_answered": "on"})
    assert names(response) == ["Learner", "Other_Learner"]


def test_no_contact_filter_counts_only_staff_reaching_the_learner_in_14_days(
    cast, client_for, class_of_three
):
    sam, ana = class_of_three
    now = timezone.now()
    staff_note_touch(cast.course, cast.ta, sam, at=now - timedelta(days=2))
    # Too long ago.
    staff_note_touch(cast.course, cast.instructor, ana, at=now - timedelta(days=20))
    # A classmate's reply is not the team reaching out.
    touch(cast.course, kind=TouchpointKind.POST_REPLY, actor=ana, subject=cast.learner)
    # Staff of another course do not count here.
    staff_note_touch(cast.other_course, cast.outsider, cast.other_learner)
    response = client_for("instructor").get(URL, {"no_contact": "on"})
    assert names(response) == ["Ana", "Learner", "Other_Learner"]


def test_filters_combine(cast, client_for, class_of_three):
    response = client_for("instructor").get(URL, {"interest": "birds", "q": "wildfire"})
    assert names(response) == ["Sam"]


def test_htmx_gets_only_the_results_and_a_plain_request_the_whole_page(
    cast, client_for, class_of_three
):
    client = client_for("instructor")
    partial = client.get(URL, {"q": "sam"}, headers=HX).content.decode()
    assert 'id="roster-results"' in partial
    assert "<html" not in partial and 'role="search"' not in partial
    full = client.get(URL, {"q": "sam"}).content.decode()
    assert "<html" in full and 'role="search"' in full and 'id="roster-results"' in full


def test_empty_course_explains_itself(cast, client_for):
    cast.course.memberships.filter(role=Role.LEARNER).delete()
    assert "No learners yet" in client_for("instructor").get(URL).content.decode()


def test_learners_cannot_open_the_roster(cast, client_for):
    assert client_for("learner").get(URL).status_code == 404


def test_big_class_is_listed_in_name_order(cast, client_for):
    add_learners(cast.course, 3, preferred_name="Zed")
    assert names(client_for("instructor").get(URL))[-1] == "Zed"


def test_a_big_class_is_read_a_page_at_a_time_and_filters_survive_turning_it(cast, client_for):
    from rapport.knowing.views.cards import CARDS_PER_PAGE

    add_learners(cast.course, CARDS_PER_PAGE, preferred_name="Yara")
    client = client_for("instructor")
    first = client.get(URL)
    assert len(names(first)) == CARDS_PER_PAGE
    assert f"{CARDS_PER_PAGE + 2} learners" in first.content.decode()
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert names(second) == ["Yara", "Yara"]  # the last two by name, after Learner, Other_…
    assert set(names(first)) | set(names(second)) == {"Learner", "Other_Learner", "Yara"}
    # A search with a next page keeps its words in the link to it.
    searched = client.get(URL, {"q": "yara"}, headers=HX).content.decode()
    assert f"{CARDS_PER_PAGE} of {CARDS_PER_PAGE + 2} learners" in searched
    assert "Page 1 of 1" not in searched and "?page=2" not in searched
    add_learners(cast.course, 1, preferred_name="Yara")
    searched = client.get(URL, {"q": "yara"}, headers=HX).content.decode()
    assert 'href="?page=2&amp;q=yara"' in searched
    assert names(client.get(URL, {"q": "yara", "page": 2})) == ["Yara"]
    # A page past the end shows the last one.
    assert names(client.get(URL, {"q": "yara", "page": 99})) == ["Yara"]
