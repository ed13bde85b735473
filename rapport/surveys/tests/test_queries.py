"""Survey lists, results and the export cost the same number of queries with 5 learners as
with 50."""

import pytest
from django.urls import reverse

from rapport.core.testing.queries import count_queries
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.surveys import services
from rapport.surveys.models import QuestionType

pytestmark = pytest.mark.django_db


def grow(cast, survey, questions, count: int) -> None:
    """``count`` more learners: most send every answer, a few only start."""
    q = questions
    for index in range(count):
        learner = UserFactory(
            photo="profiles/p.jpg" if index % 2 else "",
            photo_thumb=f"profiles/{index}/thumb-20270101.jpg" if index % 2 else "",
        )
        MembershipFactory(course=cast.course, user=learner, role=Role.LEARNER)
        values = {
            q[QuestionType.SHORT_TEXT].pk: f"Nick {index}",
            q[QuestionType.LONG_TEXT].pk: "Words",
            q[QuestionType.SINGLE_CHOICE].pk: "Tea",
            q[QuestionType.MULTIPLE_CHOICE].pk: ["Mon"],
            q[QuestionType.SCALE].pk: 1 + index % 5,
            q[QuestionType.RANKING].pk: ["Live", "Videos", "Readings"],
            q[QuestionType.TAGS].pk: ["hiking", f"tag {index}"],
            q[QuestionType.AVAILABILITY].pk: [[index % 7, 600, 720]],
        }
        if index % 4:
            services.answers_send(survey=survey, user=learner, values=values)
        else:
            services.answers_save(survey=survey, user=learner, values=values)


PAGES = [
    ("instructor", "results"),
    ("ta", "export"),
    ("ta", "list"),
    ("learner", "list"),
    ("learner", "answer"),
    ("instructor", "edit"),
]


@pytest.mark.parametrize("role,name", PAGES)
def test_query_count_does_not_grow_with_the_course(cast, client_for, every_kind, pace, role, name):
    survey, questions = every_kind
    client = client_for(role)
    args = ["env-sci"] if name == "list" else ["env-sci", survey.pk]
    url = reverse(f"surveys:{name}", args=args)
    grow(cast, survey, questions, 5)
    with_five = count_queries(client, url)
    grow(cast, survey, questions, 45)
    with_fifty = count_queries(client, url)
    assert with_fifty == with_five, f"{url} as {role}: {with_five} → {with_fifty}"
