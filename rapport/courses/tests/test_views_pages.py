"""People, one person's page and leaving (the course home is tested in rapport/home)."""

import pytest
from django.urls import reverse

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"
PEOPLE = "/c/env-sci/people/"


def person_url(user):
    return f"/c/env-sci/people/{user.pk}/"


# --- people ---------------------------------------------------------------------------


def test_people_lists_staff_first_with_pronouns_when_allowed(cast, client_for):
    cast.other_learner.pronouns = "she/her"
    cast.other_learner.save()
    cast.ta.pronouns = "they/them"
    cast.ta.show_pronouns_to_peers = False
    cast.ta.save()
    response = client_for("learner").get(PEOPLE)
    assert response.status_code == 200
    assert [m.user for m in response.context["staff"]] == [cast.instructor, cast.ta]
    content = response.content.decode()
    assert "she/her" in content
    assert "they/them" not in content
    assert content.index("Teaching team") < content.index("Learners</h2>")


def test_staff_see_pronouns_people_hid_from_classmates(cast, client_for):
    cast.learner.pronouns = "he/him"
    cast.learner.show_pronouns_to_peers = False
    cast.learner.save()
    assert "he/him" in client_for("ta").get(PEOPLE, follow=True).content.decode()
    assert "he/him" not in client_for("other_learner").get(PEOPLE).content.decode()


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_staff_have_one_people_page_the_roster(cast, client_for, role):
    """The classmates page is the learners'; staff asking for it get their roster."""
    response = client_for(role).get(PEOPLE)
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/learners/"


def test_learners_can_leave_from_the_people_page(cast, client_for):
    page = client_for("learner").get(PEOPLE).content.decode()
    assert reverse("courses:leave", args=["env-sci"]) in page


def test_people_leaves_out_those_who_are_no_longer_active(cast, client_for):
    Membership.objects.filter(course=cast.course, user=cast.other_learner).update(
        status=MembershipStatus.LEFT
    )
    response = client_for("learner").get(PEOPLE)
    assert cast.other_learner not in [m.user for m in response.context["learners"]]


# --- person ---------------------------------------------------------------------------


def test_person_page_shows_name_pronouns_role_local_time_and_about(cast, client_for):
    person = cast.other_learner
    person.pronouns = "she/her"
    person.pronunciation_text = "oh-THER"
    person.about = "I grow tomatoes."
    person.timezone = "Africa/Lagos"
    person.save()
    response = client_for("learner").get(person_url(person))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Other_Learner" in content or "Other_learner" in content
    assert "she/her" in content and "oh-THER" in content and "I grow tomatoes." in content
    assert " in Lagos" in content
    assert "Learner" in content
    assert "Recent moments" not in content


def test_person_page_respects_what_they_hid_from_classmates(cast, client_for):
    person = cast.other_learner
    person.about = "Private thoughts."
    person.show_about_to_peers = False
    person.timezone = "Africa/Lagos"
    person.show_local_time_to_peers = False
    person.save()
    content = client_for("learner").get(person_url(person)).content.decode()
    assert "Private thoughts." not in content
    assert "Lagos" not in content
    staff_view = client_for("instructor").get(person_url(person)).content.decode()
    assert "Private thoughts." in staff_view and "Lagos" in staff_view


def test_young_learners_course_hides_classmates_about_me(cast, client_for):
    cast.course.young_learners = True
    cast.course.save()
    cast.other_learner.about = "Age ten and a half."
    cast.other_learner.save()
    assert (
        "Age ten" not in client_for("learner").get(person_url(cast.other_learner)).content.decode()
    )


def test_staff_see_the_latest_touchpoints_for_the_person(cast, client_for):
    touchpoints.record(
        course=cast.course,
        kind=TouchpointKind.COURSE_JOINED,
        actor=cast.learner,
        subject=cast.learner,
    )
    response = client_for("ta").get(person_url(cast.learner))
    assert len(response.context["touchpoints"]) == 1
    assert "Joined the course" in response.content.decode()


def test_person_page_is_404_for_people_not_active_in_the_course(cast, client_for):
    client = client_for("instructor")
    assert client.get(person_url(cast.outsider)).status_code == 404
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        status=MembershipStatus.REMOVED
    )
    assert client.get(person_url(cast.learner)).status_code == 404
    assert client.get("/c/env-sci/people/999999/").status_code == 404


def test_person_page_is_404_for_outsiders(cast, client_for):
    assert client_for("outsider").get(person_url(cast.learner)).status_code == 404


# --- leave ----------------------------------------------------------------------------


def test_leave_asks_first_then_leaves(cast, client_for):
    client = client_for("learner")
    response = client.get(reverse("courses:leave", args=["env-sci"]))
    assert response.status_code == 200 and "Leave the course</button>" in response.content.decode()
    response = client.post(reverse("courses:leave", args=["env-sci"]))
    assert response.status_code == 302 and response["Location"] == "/courses/"
    assert Membership.objects.get(course=cast.course, user=cast.learner).status == "left"
    assert client.get(HOME).status_code == 404


def test_the_only_instructor_is_told_they_cannot_leave(cast, client_for):
    client = client_for("instructor")
    response = client.get(reverse("courses:leave", args=["env-sci"]))
    assert "only instructor" in response.content.decode()
    assert "Leave the course</button>" not in response.content.decode()
    response = client.post(reverse("courses:leave", args=["env-sci"]), follow=True)
    assert "only instructor" in response.content.decode()
    assert Membership.objects.get(course=cast.course, user=cast.instructor).is_active


def test_a_second_instructor_can_leave(cast, client_for):
    MembershipFactory(course=cast.course, role=Role.INSTRUCTOR, user=UserFactory())
    client_for("instructor").post(reverse("courses:leave", args=["env-sci"]))
    assert Membership.objects.get(course=cast.course, user=cast.instructor).status == "left"


@pytest.mark.parametrize("url", [HOME, PEOPLE, "/c/env-sci/members/", "/c/env-sci/settings/"])
def test_pages_that_only_show_things_refuse_posts(cast, client_for, url):
    assert client_for("instructor").post(url).status_code == 405


def test_a_big_class_is_read_a_page_at_a_time_or_found_by_name(cast, client_for):
    from rapport.courses.views.pages import CLASSMATES_PER_PAGE

    for n in range(CLASSMATES_PER_PAGE):
        MembershipFactory(
            course=cast.course, user=UserFactory(preferred_name=f"Zoe {n:02d}"), role=Role.LEARNER
        )
    client = client_for("learner")
    first = client.get(PEOPLE)
    content = first.content.decode()
    assert f"{CLASSMATES_PER_PAGE + 2} learners" in content
    assert len(first.context["learners"]) == CLASSMATES_PER_PAGE
    assert "Page 1 of 2" in content and 'role="search"' in content
    last = client.get(PEOPLE, {"page": 2}).context["learners"]
    assert [m.user.preferred_name for m in last] == ["Zoe 58", "Zoe 59"]
    # Found by name, any case, every word; a classmate's email is never searched.
    found = client.get(PEOPLE, {"q": "zoe 07"})
    assert [m.user.preferred_name for m in found.context["learners"]] == ["Zoe 07"]
    assert "1 of 62 learners match" in found.content.decode()
    assert not client.get(PEOPLE, {"q": cast.other_learner.email}).context["learners"]
    # htmx gets the list alone, its page links keeping the words.
    partial = client.get(PEOPLE, {"q": "E"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="classmates"' in partial and "<html" not in partial
    assert 'href="?page=2&amp;q=E"' in partial
