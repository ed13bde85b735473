"""News a learner shares "with classmates" reaches the class on the course home, with
their face and name; news shared only with the teachers never does."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from rapport.knowing import services
from rapport.knowing.models.milestones import MilestoneVisibility

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def _share(cast, person, text, visibility):
    return services.personal_milestone_share(
        course=cast.course,
        user=person,
        text=text,
        happened_on=timezone.localdate(),
        visibility=visibility,
    )


def _news(page: str) -> str:
    return page.split('id="class-news-heading"')[1].split("</section>")[0]


def test_classmates_see_shared_news_with_face_and_name(cast, client_for):
    _share(cast, cast.other_learner, "Adopted a puppy", MilestoneVisibility.CLASS)
    news = _news(client_for("learner").get(HOME).content.decode())
    assert "Adopted a puppy" in news
    assert cast.other_learner.display_name in news
    assert 'class="face' in news


def test_news_shared_only_with_teachers_never_reaches_classmates(cast, client_for):
    _share(cast, cast.other_learner, "Got a diagnosis", MilestoneVisibility.STAFF)
    page = client_for("learner").get(HOME).content.decode()
    assert "Got a diagnosis" not in page
    assert "No news yet" in _news(page)


def test_old_news_drops_off_the_home(cast, client_for):
    with time_machine.travel(timezone.now() - timedelta(days=45)):
        _share(cast, cast.other_learner, "Moved house", MilestoneVisibility.CLASS)
    assert "Moved house" not in client_for("learner").get(HOME).content.decode()


def test_news_is_per_course(cast, client_for):
    _share(cast, cast.other_learner, "Adopted a puppy", MilestoneVisibility.CLASS)
    page = client_for("outsider").get("/c/poetry/").content.decode()
    assert "Adopted a puppy" not in page
