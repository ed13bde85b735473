"""The course navigation (rapport/navigation.py): what each role is offered, where the
current place is marked, and that drawing it costs no query however big the course."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from rapport.courses.models import Membership, Role
from rapport.factories import MembershipFactory
from rapport.navigation import LEARNER, STAFF, build_course_nav, course_nav

pytestmark = pytest.mark.django_db

SLUG = "env-sci"


def nav_for(role: str, path: str):
    return build_course_nav(slug=SLUG, is_staff=role != "learner", path=path)


def current(nav) -> list[tuple[str, str, str]]:
    return [
        (group.label, link.label, link.current)
        for group in nav.groups
        for link in group.links
        if link.current
    ]


def test_staff_get_five_groups_and_learners_at_most_six_entries():
    assert [group.label for group in STAFF] == [
        "This week",
        "Messages",
        "Community",
        "Learners",
        "Course",
    ]
    assert len(LEARNER) <= 6
    assert [group.label for group in LEARNER] == [
        "Home",
        "Messages",
        "Community",
        "Me",
        "Course",
        "People",
    ]
    me = next(group for group in LEARNER if group.label == "Me")
    assert [page.label for page in me.pages] == [
        "My mood",
        "My milestones",
        "Picked for you",
        "My connections",
    ]


def test_one_roster_for_staff_in_the_learners_group():
    nav = nav_for("ta", "/c/env-sci/")
    labels = [link.label for group in nav.groups for link in group.links]
    assert labels.count("People") == 1 and "Members" not in labels
    learners = next(group for group in nav.groups if group.label == "Learners")
    assert learners.links[0].url == "/c/env-sci/learners/"


@pytest.mark.parametrize("role", ["instructor", "ta", "learner"])
def test_every_link_opens_for_the_role_it_is_offered_to(cast, client_for, role):
    client = client_for(role)
    nav = nav_for(role, "/c/env-sci/")
    for group in nav.groups:
        for link in group.links:
            assert client.get(link.url).status_code == 200, (role, link.url)


@pytest.mark.parametrize(
    "role,path,expected,here",
    [
        ("instructor", "/c/env-sci/", ("This week", "This week", "page"), "This week"),
        ("learner", "/c/env-sci/", ("Home", "Home", "page"), "Home"),
        # A page's own sub-pages mark it too, as "true" rather than "page".
        (
            "instructor",
            "/c/env-sci/learners/7/",
            ("Learners", "People", "true"),
            "Learners › People",
        ),
        (
            "instructor",
            "/c/env-sci/discussions/3/",
            ("Community", "Discussions", "true"),
            "Community › Discussions",
        ),
        ("ta", "/c/env-sci/messages/notes/new/", ("Messages", "Messages", "true"), "Messages"),
        # The pages a page claims: invitations and person pages are People's; a learner's
        # mood page under the class mood's.
        (
            "instructor",
            "/c/env-sci/members/invite/",
            ("Learners", "People", "true"),
            "Learners › People",
        ),
        ("ta", "/c/env-sci/people/4/", ("Learners", "People", "true"), "Learners › People"),
        (
            "ta",
            "/c/env-sci/mood/learners/4/",
            ("Learners", "Class mood", "true"),
            "Learners › Class mood",
        ),
        (
            "instructor",
            "/c/env-sci/wellbeing/audit/",
            ("Learners", "Class mood", "true"),
            "Learners › Class mood",
        ),
        # A meeting, a booking page and a staff member's own hours are office hours'.
        (
            "learner",
            "/c/env-sci/office-hours/meetings/3/",
            ("Community", "Office hours", "true"),
            "Community › Office hours",
        ),
        (
            "ta",
            "/c/env-sci/office-hours/mine/",
            ("Community", "Office hours", "true"),
            "Community › Office hours",
        ),
        ("learner", "/c/env-sci/people/4/", ("People", "People", "true"), "People"),
        ("learner", "/c/env-sci/mood/", ("Me", "My mood", "page"), "Me › My mood"),
        ("learner", "/c/env-sci/surveys/12/", ("Course", "Surveys", "true"), "Course › Surveys"),
    ],
)
def test_the_current_page_and_its_group_are_marked(role, path, expected, here):
    nav = nav_for(role, path)
    assert current(nav) == [expected]
    group = next(group for group in nav.groups if group.label == expected[0])
    assert group.current
    assert nav.here == here


def test_a_page_off_the_map_marks_nothing_not_even_home():
    nav = nav_for("instructor", "/c/env-sci/somewhere-new/")
    assert current(nav) == [] and nav.here == ""
    assert not any(group.current for group in nav.groups)


def test_the_markup_marks_the_page_the_group_and_names_what_each_button_opens(cast):
    html = render_nav(cast, "instructor", "/c/env-sci/learners/")
    assert 'href="/c/env-sci/learners/" aria-current="page">People</a>' in html
    assert 'aria-controls="navgroup-4" aria-current="true">Learners</button>' in html
    assert 'id="navgroup-4"' in html
    assert 'aria-controls="coursenav-menu"' in html and 'id="coursenav-menu"' in html
    assert '<nav class="coursenav" aria-label="Course"' in html
    assert "Members" not in html


def course_request(cast, role: str, path: str):
    """A request as the course-access check leaves it: course and membership loaded."""
    request = RequestFactory().get(path)
    request.user = cast.by_role(role)
    request.membership = Membership.objects.select_related("course").get(
        course=cast.course, user=request.user
    )
    request.course = request.membership.course
    return request


def render_nav(cast, role: str, path: str) -> str:
    request = course_request(cast, role, path)
    return render_to_string("_course_nav.html", course_nav(request), request=request)


@pytest.mark.parametrize("role", ["instructor", "learner"])
def test_drawing_the_nav_costs_no_query_however_big_the_course(
    cast, role, django_assert_num_queries
):
    request = course_request(cast, role, "/c/env-sci/surveys/")
    with django_assert_num_queries(0):
        small = render_to_string("_course_nav.html", course_nav(request), request=request)
    MembershipFactory.create_batch(30, course=cast.course, role=Role.LEARNER)
    request = course_request(cast, role, "/c/env-sci/surveys/")
    with django_assert_num_queries(0):
        large = render_to_string("_course_nav.html", course_nav(request), request=request)
    assert small == large
