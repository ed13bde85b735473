"""Every discussion URL walked as every role — the rows core's role matrix carries for
discussions, checked here too. Ids point at things of ``cast.learner``: ``topic_id`` is a
topic the learner started and ``post_id`` its opening post, which carries a photo."""

import pytest
from django.urls import reverse

from rapport.community.discussions.testing import learners_photo_post
from rapport.community.urls_discussions import urlpatterns

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "learner", "other_learner", "ta", "instructor")
LOGIN = "login"


def members_only(status=200, **overrides):
    statuses = {"anonymous": LOGIN, "outsider": 404} | dict.fromkeys(
        ("learner", "other_learner", "ta", "instructor"), status
    )
    return statuses | overrides


def staff_only(status=200, **overrides):
    statuses = {"anonymous": LOGIN, "outsider": 404, "learner": 404, "other_learner": 404}
    return statuses | {"ta": status, "instructor": status} | overrides


def owner_only(status=200):
    return dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN, "learner": status}


EXPECTED = {
    "community:topics": {"GET": members_only(), "POST": members_only(405)},
    # An empty form is shown again with its errors.
    "community:topic_new": {"GET": members_only(), "POST": members_only(200)},
    "community:discussion_settings": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:waiting": {"GET": staff_only(), "POST": staff_only(405)},
    "community:moderation": {"GET": staff_only(), "POST": staff_only(405)},
    "community:mention_search": {"GET": members_only(), "POST": members_only(405)},
    "community:topic": {"GET": members_only(), "POST": members_only(405)},
    "community:topic_newer": {"GET": members_only(), "POST": members_only(405)},
    "community:topic_pin": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:topic_lock": {"GET": staff_only(405), "POST": staff_only(302)},
    # The permalink sends everyone who may see the post to its place in the thread.
    "community:post": {"GET": members_only(302), "POST": members_only(405)},
    "community:post_reply": {"GET": members_only(), "POST": members_only(200)},
    # Only the author edits; the author and the teaching team read the history.
    "community:post_edit": {"GET": owner_only(), "POST": owner_only(200)},
    "community:post_history": {
        "GET": members_only(200, other_learner=404),
        "POST": members_only(405),
    },
    "community:post_react": {"GET": members_only(405), "POST": members_only(302)},
    "community:post_report": {"GET": members_only(), "POST": members_only(200)},
    "community:post_image": {"GET": members_only(), "POST": members_only(405)},
    "community:post_hide": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:report_resolve": {"GET": staff_only(405), "POST": staff_only(302)},
}


def url_kwargs(cast) -> dict:
    post = learners_photo_post(cast)
    return {"course_slug": cast.course.slug, "topic_id": post.topic_id, "post_id": post.pk}


def test_every_discussion_url_has_expectations():
    assert {f"community:{pattern.name}" for pattern in urlpatterns} == set(EXPECTED)


CASES = [
    (name, method, role)
    for name, methods in sorted(EXPECTED.items())
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_role_matrix(name, method, role, cast, client_for):
    kwargs = url_kwargs(cast)
    route = next(str(p.pattern) for p in urlpatterns if f"community:{p.name}" == name)
    needed = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    url = reverse(name, kwargs={key: kwargs[key] for key in needed})
    client = client_for(role)
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = EXPECTED[name][method][role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} {method} {url}"
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} {method} {url}"
