"""Every presence URL walked as every role — the rows core's role matrix carries for
presence, checked here too. Ids point at things of ``cast.learner``: ``message_id`` is a
personal note from the instructor to the learner, ``user_id`` the learner, and
``template_id`` a template the instructor made."""

import pytest
from django.urls import reverse

from rapport.presence import services
from rapport.presence.models import MessageKind, MessageTemplate, Tone
from rapport.presence.urls import urlpatterns

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


# The note's learner, the whole staff; never another learner.
NOTE = {"other_learner": 404}
# A note's conversation: only its learner and its author.
CONVERSATION = {"other_learner": 404, "ta": 404}

EXPECTED = {
    "presence:feed": {"GET": members_only(), "POST": members_only(405)},
    "presence:checkin_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:note_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:feedback_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:message": {"GET": members_only(200, **NOTE), "POST": members_only(405)},
    "presence:message_watched": {"GET": members_only(405), "POST": members_only(302, **NOTE)},
    "presence:react": {"GET": members_only(405), "POST": members_only(302, **NOTE)},
    "presence:thread": {
        "GET": members_only(200, **CONVERSATION),
        "POST": members_only(200, **CONVERSATION),
    },
    "presence:templates": {"GET": staff_only(), "POST": staff_only(405)},
    "presence:template_new": {"GET": staff_only(), "POST": staff_only(200)},
    # Templates are the team's to use, but only their owner edits or deletes one.
    "presence:template_edit": {"GET": staff_only(ta=404), "POST": staff_only(ta=404)},
    "presence:template_delete": {"GET": staff_only(405), "POST": staff_only(302, ta=404)},
    "presence:template_send": {"GET": staff_only(), "POST": staff_only(200)},
}


def url_kwargs(cast) -> dict:
    note = services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you",
    )
    template = MessageTemplate.objects.create(
        course=cast.course, owner=cast.instructor, name="Hi", kind=MessageKind.NOTE, body="Hi"
    )
    return {
        "course_slug": cast.course.slug,
        "message_id": note.pk,
        "user_id": cast.learner.pk,
        "template_id": template.pk,
    }


def test_every_presence_url_has_expectations():
    assert {f"presence:{pattern.name}" for pattern in urlpatterns} == set(EXPECTED)


CASES = [
    (name, method, role)
    for name, methods in sorted(EXPECTED.items())
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_role_matrix(name, method, role, cast, client_for):
    kwargs = url_kwargs(cast)
    route = next(str(p.pattern) for p in urlpatterns if f"presence:{p.name}" == name)
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
