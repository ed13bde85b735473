"""The role-matrix rows for reflections and moods, walked here in the shared test's own
terms until they join ``rapport/core/tests/test_role_matrix.py``. Ids name cast.learner
(user_id) and the open prompt cast.learner answered (prompt_id)."""

import pytest
from django.urls import reverse

from rapport.community.checkins.testing import learners_private_things
from rapport.community.urls_checkins import urlpatterns
from rapport.core.tests.test_role_matrix import (
    LOGIN,
    ROLES,
    instructor_only,
    members_only,
    staff_only,
)

pytestmark = pytest.mark.django_db

# Learners see the class's prompt and answer it (POST {} is an "empty reflection" 200);
# staff read every answer there but do not post to it (405).
EXPECTED = {
    "community:reflections": {"GET": members_only(), "POST": members_only(405)},
    "community:reflection_prompt_new": {"GET": staff_only(), "POST": staff_only(200)},
    "community:reflection_prompt": {
        "GET": members_only(),
        "POST": members_only(200) | {"ta": 405, "instructor": 405},
    },
    "community:reflection_prompt_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "community:reflection_answer": {"GET": staff_only(), "POST": staff_only(200)},
    # A learner's own mood page; staff are sent on to the class overview.
    "community:mood": {
        "GET": members_only() | {"ta": 302, "instructor": 302},
        "POST": members_only(200) | {"ta": 302, "instructor": 302},
    },
    "community:mood_overview": {"GET": staff_only(), "POST": staff_only(405)},
    "community:mood_learner": {"GET": staff_only(), "POST": staff_only(405)},
    "community:mood_follow_up": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:wellbeing_audit": {"GET": instructor_only(), "POST": instructor_only(405)},
}


def test_every_checkin_url_has_expectations():
    assert {f"community:{p.name}" for p in urlpatterns} == set(EXPECTED)


CASES = [
    (name, method, role)
    for name, methods in sorted(EXPECTED.items())
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_checkin_role_matrix(name, method, role, cast, client_for):
    prompt = learners_private_things(cast)["prompt"]
    available = {
        "course_slug": cast.course.slug,
        "user_id": cast.learner.pk,
        "prompt_id": prompt.pk,
    }
    route = next(str(p.pattern) for p in urlpatterns if f"community:{p.name}" == name)
    kwargs = {key: value for key, value in available.items() if f":{key}>" in route}
    client = client_for(role)
    url = reverse(name, kwargs=kwargs)
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = EXPECTED[name][method][role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} {method} {url}"
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} {method} {url}"
