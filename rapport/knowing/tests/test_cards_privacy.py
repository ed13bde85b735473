"""Staff notes, birthdays and staff-only milestones never reach a page a learner can open:
every course page reachable with only the course and a person in its URL is walked as each
learner, about themselves and about their classmate."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rapport.core.tests.test_role_matrix import COURSE_URLS
from rapport.knowing import services
from rapport.knowing.models.milestones import MilestoneVisibility

pytestmark = pytest.mark.django_db

NOTE_ABOUT_LEARNER = "Lost their grandmother in week 2"
NOTE_ABOUT_CLASSMATE = "Works night shifts at the clinic"
STAFF_ONLY_NEWS = "Got an interview for a climate data role"


@pytest.fixture
def secrets(cast):
    for learner, body in (
        (cast.learner, NOTE_ABOUT_LEARNER),
        (cast.other_learner, NOTE_ABOUT_CLASSMATE),
    ):
        services.staff_note_add(course=cast.course, author=cast.ta, learner=learner, body=body)
    services.birthday_share(user=cast.other_learner, month=timezone.localdate().month, day=1)
    services.personal_milestone_share(
        course=cast.course,
        user=cast.other_learner,
        text=STAFF_ONLY_NEWS,
        happened_on=timezone.localdate(),
        visibility=MilestoneVisibility.STAFF,
    )


def simple_course_urls(cast) -> list[str]:
    """Every course URL that needs nothing but the course and (maybe) a person."""
    urls = []
    for name, route in sorted(COURSE_URLS.items()):
        params = {part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]}
        if params == {"course_slug"}:
            urls.append(reverse(name, kwargs={"course_slug": cast.course.slug}))
        elif params == {"course_slug", "user_id"}:
            for person in (cast.learner, cast.other_learner):
                kwargs = {"course_slug": cast.course.slug, "user_id": person.pk}
                urls.append(reverse(name, kwargs=kwargs))
    return urls


@pytest.mark.parametrize("role", ["learner", "other_learner"])
def test_no_learner_reachable_page_shows_notes_or_staff_only_news(cast, client_for, secrets, role):
    client = client_for(role)
    urls = simple_course_urls(cast)
    assert "/c/env-sci/milestones/" in urls and "/c/env-sci/learners/" in urls
    for url in urls:
        page = client.get(url).content.decode()
        assert NOTE_ABOUT_LEARNER not in page, url
        assert NOTE_ABOUT_CLASSMATE not in page, url
        if role == "learner":
            assert STAFF_ONLY_NEWS not in page, url


@pytest.mark.parametrize(
    "url",
    ["/c/env-sci/learners/", "/c/env-sci/celebrate/"],
)
@pytest.mark.parametrize("role", ["learner", "other_learner", "outsider"])
def test_learners_and_outsiders_get_404_on_staff_pages(cast, client_for, role, url):
    assert client_for(role).get(url).status_code == 404


def test_the_team_sees_them(cast, client_for, secrets):
    card = client_for("instructor").get(f"/c/env-sci/learners/{cast.other_learner.pk}/")
    page = card.content.decode()
    assert NOTE_ABOUT_CLASSMATE in page and STAFF_ONLY_NEWS in page
    assert NOTE_ABOUT_LEARNER not in page  # each card holds only its own learner's notes
