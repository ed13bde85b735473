"""Hot pages cost the same number of queries with 5 learners as with 50."""

import pytest

from rapport.core.testing.queries import count_queries
from rapport.courses.models import Invitation, MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_learners(course, count: int) -> None:
    for index in range(count):
        # Alternate complete and incomplete profiles, photos and pronouns, so every branch
        # of the face and visibility code runs.
        user = UserFactory(
            pronouns="they/them" if index % 2 else "",
            about="Hello" if index % 3 else "",
            photo="profiles/p.jpg" if index % 2 else "",
            photo_thumb=f"profiles/{index}/thumb-20270101.jpg" if index % 2 else "",
            show_pronouns_to_peers=bool(index % 4),
        )
        MembershipFactory(
            course=course,
            user=user,
            role=Role.LEARNER,
            status=MembershipStatus.ARCHIVED if index % 5 == 4 else MembershipStatus.ACTIVE,
        )
    Invitation.objects.create(course=course, email=f"invitee{count}@example.org")


@pytest.mark.parametrize(
    "role,url",
    [
        ("instructor", "/c/env-sci/"),
        ("learner", "/c/env-sci/"),
        ("learner", "/c/env-sci/people/"),
        ("learner", "/c/env-sci/people/?q=a&page=2"),
        # The staff's people page: each tab of the roster (the learners' tab is measured
        # with the learner cards' pages in knowing).
        ("instructor", "/c/env-sci/learners/"),
        ("ta", "/c/env-sci/learners/?tab=team"),
        ("instructor", "/c/env-sci/learners/?tab=team"),
        ("instructor", "/c/env-sci/learners/?tab=invitations"),
        ("ta", "/c/env-sci/learners/?tab=former"),
    ],
)
def test_query_count_does_not_grow_with_the_course(cast, client_for, role, url):
    client = client_for(role)
    add_learners(cast.course, 5)
    with_five = count_queries(client, url)
    add_learners(cast.course, 45)
    with_fifty = count_queries(client, url)
    assert with_fifty == with_five, f"{url} as {role}: {with_five} → {with_fifty} queries"
