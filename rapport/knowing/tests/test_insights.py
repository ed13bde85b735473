"""Class insights: who may see them, the charts (server-drawn SVG, no script, nothing
fetched from elsewhere) and their table alternatives, the groupings, and the best hours for
a live session across four time zones."""

import re
import zoneinfo
from datetime import UTC, datetime

import pytest
import time_machine

from rapport.core.testing.queries import count_queries
from rapport.courses.models import Membership, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.knowing.insights import selectors
from rapport.knowing.recommend.testing import intro_answer
from rapport.surveys.intro import IntroAnswers
from rapport.surveys.models import Answer

pytestmark = pytest.mark.django_db

URL = "/c/env-sci/insights/"
# A Wednesday in January: Chicago is UTC-6, Oslo UTC+1, Tokyo UTC+9, Sydney UTC+11.
WINTER = datetime(2027, 1, 13, 12, 0, tzinfo=UTC)
TUESDAY = 1


def charts_in(page: str) -> list[str]:
    return re.findall(r'<svg[^>]*class="pygal-chart".*?</svg>', page, flags=re.S)


def hours(weekday: int, first: int, last: int) -> list[int]:
    """A UTC slot as the survey stores it."""
    return [weekday, first * 60, last * 60]


@pytest.fixture
def four_zones(cast):
    """Four learners in four zones, free on Tuesday (UTC) at overlapping times: all four
    only at 21:00 UTC."""
    people = {}
    for name, zone, slot in [
        ("Chicago", "America/Chicago", hours(TUESDAY, 20, 23)),
        ("Oslo", "Europe/Oslo", hours(TUESDAY, 21, 22)),
        ("Tokyo", "Asia/Tokyo", hours(TUESDAY, 21, 23)),
        ("Sydney", "Australia/Sydney", hours(TUESDAY, 19, 22)),
    ]:
        person = UserFactory(preferred_name=name, timezone=zone)
        MembershipFactory(course=cast.course, user=person, role=Role.LEARNER)
        intro_answer(cast.course, person, best_times=[slot])
        people[name] = person
    return people


def test_learners_cannot_see_class_insights(client_for):
    assert client_for("learner").get(URL).status_code == 404
    assert client_for("ta").get(URL).status_code == 200


@pytest.fixture
def answered(cast):
    intro_answer(
        cast.course,
        cast.learner,
        goals="Understand what wildfire smoke does to our lungs.",
        interests=["Birds", "hiking"],
        channel="Email",
        best_times=[hours(TUESDAY, 14, 16)],
    )
    intro_answer(
        cast.course,
        cast.other_learner,
        goals="Learn why wildfire smoke travels so far; help my lungs.",
        interests=["birds ", "Photography"],
        channel="In Rapport",
        best_times=[hours(TUESDAY, 15, 17)],
    )


def test_the_page_has_charts_as_inline_svg_with_titles_and_table_alternatives(answered, client_for):
    page = client_for("instructor").get(URL).content.decode()
    svgs = charts_in(page)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg
        assert re.search(r"<title id=\"[^\"]+-title\">", svg)
        assert re.search(r"<desc id=\"[^\"]+-desc\">", svg)
    assert "<title>Birds: 2 learners — Learner, Other_Learner</title>" in svgs[0]
    assert page.count("<summary>Show as a table</summary>") == 2
    table = page.split("<summary>Show as a table</summary>", 1)[1].split("</table>", 1)[0]
    assert re.search(r'<th scope="row">Birds</th>\s*<td[^>]*>2</td>', table)


def test_the_page_runs_no_script_from_pygal_and_references_no_other_host(answered, client_for):
    page = client_for("instructor").get(URL).content.decode()
    for svg in charts_in(page):
        assert "<script" not in svg
        assert "href" not in svg
    assert "kozea" not in page.lower() and "pygal.org" not in page
    # Namespaces name the SVG vocabulary; they are never fetched.
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page)) - {"http://www.w3.org/2000/svg"}
    assert urls == set()
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)


def test_interests_are_grouped_whatever_their_spelling(answered, cast):
    data = selectors.class_insights(course=cast.course, zone=cast.course.zone())
    interests = {group.label: group.people for group in data.interests}
    assert interests["Birds"] == [cast.learner, cast.other_learner]
    assert interests["hiking"] == [cast.learner]
    assert len(interests) == 3


def test_goals_are_grouped_by_shared_words_and_phrases_without_stopwords(answered, cast):
    data = selectors.class_insights(course=cast.course, zone=cast.course.zone())
    goals = {group.label: group.people for group in data.goals}
    # "wildfire" and "smoke" only ever came together: the phrase stands for them.
    assert goals == {
        "wildfire smoke": [cast.learner, cast.other_learner],
        "lungs": [cast.learner, cast.other_learner],
    }


def test_a_word_is_left_out_when_everyone_used_it_inside_a_phrase_shown():
    pairs = []
    for index, goal in enumerate(["Air quality at home", "air quality in cities", "Water"]):
        person = UserFactory(preferred_name=f"P{index}")
        pairs.append((person, IntroAnswers(goals=goal, submitted=True)))
    pairs.append((UserFactory(), IntroAnswers(goals="Quality of soil", submitted=True)))
    labels = {group.label: group.count for group in selectors.goal_groups(pairs)}
    # "quality" also stands alone once ("Quality of soil"), so it stays, with its 3 people.
    assert labels == {"air quality": 2, "quality": 3}
    labels = {group.label: group.count for group in selectors.goal_groups(pairs[:3])}
    assert labels == {"air quality": 2}


def test_channel_preferences_are_counted(answered, cast):
    data = selectors.class_insights(course=cast.course, zone=cast.course.zone())
    assert {group.label: group.count for group in data.channels} == {"Email": 1, "In Rapport": 1}


def test_drafts_staff_and_people_who_left_are_not_counted(answered, cast):
    intro_answer(cast.course, cast.ta, interests=["Staff things"])
    leaver = UserFactory()
    MembershipFactory(course=cast.course, user=leaver, role=Role.LEARNER, status="left")
    intro_answer(cast.course, leaver, interests=["Leaving"])
    drafter = UserFactory()
    MembershipFactory(course=cast.course, user=drafter, role=Role.LEARNER)
    intro_answer(cast.course, drafter, interests=["Drafts"], submitted=False)
    data = selectors.class_insights(course=cast.course, zone=cast.course.zone())
    labels = {group.label for group in data.interests}
    assert labels == {"Birds", "hiking", "Photography"}
    assert drafter in data.not_answered


@time_machine.travel(WINTER, tick=False)
def test_the_best_hour_suits_learners_in_four_time_zones(four_zones, cast):
    data = selectors.class_insights(course=cast.course, zone=cast.course.zone())
    best = data.best[0]
    assert best.count == 4
    assert best.cell.utc_start == datetime(2027, 1, 12, 21, 0, tzinfo=UTC)
    assert (best.cell.start.strftime("%a %H:%M")) == "Tue 15:00"  # the course's Chicago
    local = {a.key.preferred_name: a.local_start.strftime("%a %H:%M") for a in best.attendees}
    assert local == {
        "Chicago": "Tue 15:00",
        "Oslo": "Tue 22:00",
        "Tokyo": "Wed 06:00",
        "Sydney": "Wed 08:00",
    }
    # Then the two hours either side, each suiting two of them.
    runners_up = [(slot.cell.start.strftime("%a %H:%M"), slot.count) for slot in data.best[1:]]
    assert runners_up == [("Tue 14:00", 2), ("Tue 16:00", 2)]


@time_machine.travel(WINTER, tick=False)
def test_the_best_hours_show_each_learners_local_time_on_the_page(four_zones, client_for):
    page = client_for("instructor").get(URL).content.decode()
    best = page.split('class="best-hours"', 1)[1].split("</ol>", 1)[0]
    first = best.split('class="best-hour"')[1]
    assert "Tuesday 15:00" in first and "Tue 21:00 UTC" in first
    for text in [
        "Tue 15:00 their time · America/Chicago",
        "Wed 08:00 their time · Australia/Sydney",
    ]:
        assert text in first
    assert "4 of 4 can come" in first


@time_machine.travel(WINTER, tick=False)
def test_the_heat_map_counts_learners_per_hour_in_the_chosen_zone(four_zones, cast):
    chicago = selectors.class_insights(course=cast.course, zone=cast.course.zone()).week
    cells = {(c.day, c.hour): c.count for c in chicago.cells}
    assert cells[(TUESDAY, 15)] == 4 and cells[(TUESDAY, 13)] == 1 and cells[(TUESDAY, 17)] == 0
    assert sum(cells.values()) == 3 + 1 + 2 + 3
    tokyo = selectors.class_insights(course=cast.course, zone=zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert {(c.day, c.hour): c.count for c in tokyo.week.cells}[(TUESDAY + 1, 6)] == 4
    assert tokyo.week.most == 4


@time_machine.travel(WINTER, tick=False)
def test_staff_can_switch_the_heat_map_to_their_own_zone(four_zones, cast, client_for):
    cast.instructor.timezone = "Asia/Tokyo"
    cast.instructor.save()
    client = client_for("instructor")
    page = client.get(URL + "?zone=mine").content.decode()
    assert '<option value="mine" selected>My time (Asia/Tokyo)</option>' in page
    assert "Wednesday 06:00" in page
    partial = client.get(URL + "?zone=mine", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="availability")
    html = partial.content.decode()
    assert html.lstrip().startswith('<section class="card" id="availability"')
    assert "<html" not in html and "Wednesday 06:00" in html


def test_with_no_answers_the_page_says_so_kindly(client_for):
    page = client_for("instructor").get(URL).content.decode()
    assert "No interests yet" in page
    assert "No one has shared their best times yet" in page
    assert charts_in(page) == []


def add_answered_learners(course, count: int, start: int = 0) -> None:
    """``count`` learners, each with interests, goals, a channel and best times."""
    users = [UserFactory.build(email=f"many{start + i}@example.test") for i in range(count)]
    for user in users:
        user.save()
    Membership.objects.bulk_create(
        Membership(course=course, user=user, role=Role.LEARNER) for user in users
    )
    for index, user in enumerate(users):
        intro_answer(
            course,
            user,
            goals=f"Study wetland birds and river number {index % 7}",
            interests=[f"Topic {index % 9}", "Birds"],
            channel="Email" if index % 2 else "In Rapport",
            best_times=[hours(index % 7, 10 + index % 5, 14 + index % 5)],
        )
    assert Answer.objects.filter(response__respondent__in=users).count() == 4 * count


def test_the_page_costs_the_same_queries_for_10_or_200_learners(cast, client_for):
    client = client_for("instructor")
    add_answered_learners(cast.course, 10)
    small = count_queries(client, URL)
    add_answered_learners(cast.course, 190, start=10)
    assert count_queries(client, URL) == small


def test_a_big_group_names_a_dozen_and_links_the_rest_to_the_roster(cast, client_for):
    from rapport.knowing.tests.test_cards_helpers import add_learners, give_intro_answers

    for learner in add_learners(cast.course, 15, preferred_name="Kit"):
        give_intro_answers(cast.course, learner, interests=["Kayaks"], goals="Paddle far")
    page = client_for("instructor").get(URL).content.decode()
    row = page.split('<th scope="row">Kayaks</th>')[1].split("</tr>")[0]
    assert row.count(">Kit</a>") == 12
    assert '/c/env-sci/learners/?interest=Kayaks">and 3 more' in row
