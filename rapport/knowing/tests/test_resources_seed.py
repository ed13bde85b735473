"""The demo's library and picks: added once on top of the demo, seen by the right people."""

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.seeders.resources import PICKS, RESOURCES, seed_resources
from rapport.demo.testing import demo_on_a_saturday, seeding_at
from rapport.knowing.models.resources import Recommendation, Resource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


def build():
    now = demo_on_a_saturday(with_features=False).now
    course = Course.objects.get(slug="env-sci-101")
    users = {user.email: user for user in get_user_model().objects.all()}
    with seeding_at(now):
        return course, users, seed_resources(course=course, users=users, now=now)


demo = module_data(build, name="demo")


def test_the_demo_library_and_picks_are_added_once_and_dated_in_the_past(demo):
    course, users, added = demo
    assert added == len(RESOURCES) + len(PICKS)
    assert seed_resources(course=course, users=users, now=timezone.now()) == 0
    resources = Resource.objects.filter(course=course)
    assert resources.count() == 8
    assert all(r.url.startswith("https://example.org/") and r.tag_list for r in resources)
    picks = Recommendation.objects.filter(course=course)
    assert picks.count() == len(PICKS)
    assert all(pick.note.startswith("Thought of you because") for pick in picks)
    assert Touchpoint.objects.filter(
        course=course, kind=TouchpointKind.RESOURCE_RECOMMENDED
    ).count() == len(PICKS)
    # Dated in the past, and only the recent ones still unread.
    sam = users["learner@rapport.test"]
    pick = Recommendation.objects.get(course=course, learner=sam)
    assert (timezone.now() - pick.sent_at).days == 6
    notification = Notification.objects.get(
        recipient=sam, kind=NotificationKind.RESOURCE_RECOMMENDED
    )
    assert notification.created_at == pick.sent_at and notification.read_at is not None
    lan = Notification.objects.get(
        recipient=users["lan@rapport.test"], kind=NotificationKind.RESOURCE_RECOMMENDED
    )
    assert lan.read_at is None


def test_sam_sees_their_pick_and_the_library_in_the_demo(demo, client):
    course, users, _ = demo
    client.force_login(users["learner@rapport.test"])
    picked = unescape(client.get(f"/c/{course.slug}/picked/").content.decode())
    assert "Wildfire smoke and your lungs" in picked and "Maya" in picked
    assert "Testing lake water at home" not in picked
    library = unescape(client.get(f"/c/{course.slug}/resources/").content.decode())
    assert "Coral bleaching explained" in library
    client.force_login(users["instructor@rapport.test"])
    page = client.get(f"/c/{course.slug}/learners/{users['learner@rapport.test'].pk}/recommend/")
    assert page.status_code == 200
    assert client.get(f"/c/{course.slug}/insights/").status_code == 200
