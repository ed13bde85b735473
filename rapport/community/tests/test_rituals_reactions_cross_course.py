"""A ritual post is reacted to only from its own course: the id of another course's post,
sent to this course's address or handed to the service with this course, changes nothing."""

import pytest
from django.urls import reverse

from rapport.community.models.rituals import RitualPost, RitualReaction
from rapport.community.rituals import services
from rapport.community.rituals.testing import ritual_make, round_open
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import Role
from rapport.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poetry_post(cast) -> RitualPost:
    """An answer in the other course (Poetry Workshop), where cast.learner is a learner too."""
    MembershipFactory(course=cast.other_course, user=cast.learner, role=Role.LEARNER)
    poet = MembershipFactory(course=cast.other_course, role=Role.LEARNER).user
    ritual = ritual_make(course=cast.other_course, author=cast.outsider)
    round_ = round_open(ritual, actor=cast.outsider)
    return services.ritual_answer_post(round=round_, author=poet, body="A haiku about rain")


def test_reacting_to_another_courses_post_through_this_course_is_not_found(
    cast, client_for, poetry_post
):
    address = reverse("community:ritual_react", args=[cast.course.slug, poetry_post.pk])
    response = client_for("learner").post(address, {"emoji": "🎉"})
    assert response.status_code == 404
    assert not RitualReaction.objects.exists()
    assert not Touchpoint.objects.filter(actor=cast.learner).exists()


def test_the_service_refuses_a_post_from_another_course(cast, poetry_post):
    with pytest.raises(Refused, match="isn't in this course"):
        services.post_react(post=poetry_post, user=cast.learner, emoji="🎉", course=cast.course)
    assert not RitualReaction.objects.exists()
    assert not Touchpoint.objects.filter(actor=cast.learner).exists()
