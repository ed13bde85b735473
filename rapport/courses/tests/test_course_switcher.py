"""The page shell's course switcher (courses' context processor) and unread badge (core's)."""

import re

import pytest
from django.urls import reverse

from rapport.core import notifications
from rapport.core.kinds import NotificationKind
from rapport.courses.models import MembershipStatus

pytestmark = pytest.mark.django_db


def _switcher(client) -> str:
    page = client.get(reverse("courses:dashboard")).content.decode()
    return re.search(r'<details class="menu switcher">.*?</details>', page, re.S).group(0)


def test_the_switcher_lists_the_persons_active_courses_with_their_role(cast, client_for):
    switcher = _switcher(client_for("learner"))
    assert 'href="/c/env-sci/"' in switcher
    assert re.search(r"Environmental Science 101\s*<small[^>]*>Learner", switcher)
    assert "/c/poetry/" not in switcher


def test_the_switcher_leaves_out_courses_the_person_has_left(cast, client_for):
    cast.learner.memberships.update(status=MembershipStatus.LEFT)
    switcher = _switcher(client_for("learner"))
    assert "/c/env-sci/" not in switcher
    assert "No courses yet" in switcher


def test_the_bell_counts_unread_notifications(cast, client_for):
    notifications.notify(
        recipient=cast.instructor,
        kind=NotificationKind.MEMBER_JOINED,
        title="Someone joined",
        course=cast.course,
    )
    page = client_for("instructor").get(reverse("courses:dashboard")).content.decode()
    assert re.search(r'<span class="bell__count" data-unread-count\s*>1</span>', page)
