"""Every URL under /c/<course_slug>/, walked as every role.

A new course URL without a row in EXPECTED fails ``test_every_course_url_has_expectations``
— decide who may reach it before it ships. Object ids in URLs point at things belonging to
``cast.learner`` (their profile, their membership...), so ``other_learner`` rows show that
one learner cannot reach another's private pages."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rapport.courses.models import Invitation, Role
from rapport.media.models import Caption
from rapport.media.testing import media_item_ready
from rapport.presence import services as presence_services
from rapport.presence.models import MessageKind, MessageTemplate, Tone

ROLES = ("anonymous", "outsider", "learner", "other_learner", "ta", "instructor")
LOGIN = "login"  # redirected to sign in


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, route


COURSE_URLS = {
    name: route for name, route in _walk(get_resolver().url_patterns) if route.startswith("c/")
}


def everyone(status):
    return {role: status for role in ROLES if role != "anonymous"} | {"anonymous": LOGIN}


def members_only(status=200):
    return {"anonymous": LOGIN, "outsider": 404} | dict.fromkeys(
        ("learner", "other_learner", "ta", "instructor"), status
    )


def staff_only(status=200, ta=None):
    return {
        "anonymous": LOGIN,
        "outsider": 404,
        "learner": 404,
        "other_learner": 404,
        "ta": status if ta is None else ta,
        "instructor": status,
    }


def instructor_only(status=200):
    return staff_only(status, ta=404)


def owner_only(status=200):
    """Only cast.learner, whose private recording the URL names."""
    return dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN, "learner": status}


# url name -> {method: {role: expected status}}
EXPECTED: dict[str, dict[str, dict[str, int | str]]] = {
    "courses:home": {"GET": members_only(), "POST": members_only(405)},
    "courses:people": {"GET": members_only(), "POST": members_only(405)},
    "courses:person": {"GET": members_only(), "POST": members_only(405)},
    # Leaving: the course's only instructor is told why they cannot (200, nothing changes).
    "courses:leave": {
        "GET": members_only(),
        "POST": members_only(302) | {"instructor": 200},
    },
    "courses:members": {"GET": staff_only(), "POST": staff_only(405)},
    "courses:invite": {"GET": staff_only(), "POST": staff_only(200)},
    "courses:member_role": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:member_remove": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:member_archive": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:member_restore": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:invitation_resend": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:invitation_revoke": {"GET": staff_only(405), "POST": staff_only(302)},
    # TAs see the settings read-only; every change is the instructor's.
    "courses:settings": {"GET": staff_only(), "POST": staff_only(405)},
    "courses:edit": {"GET": instructor_only(405), "POST": instructor_only(200)},
    "courses:join_settings": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:join_code_rotate": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:archive": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:unarchive": {"GET": instructor_only(405), "POST": instructor_only(302)},
    # A learner's own recording not yet shared with anyone: only they may reach it, even staff
    # (sharing it with a message decides who else may).
    "media:upload": {"GET": members_only(405), "POST": members_only(400)},
    "media:status": {"GET": owner_only(), "POST": members_only(405)},
    "media:file": {"GET": owner_only(), "POST": members_only(405)},
    "media:captions": {"GET": owner_only(), "POST": owner_only(200)},
    "media:captions_vtt": {"GET": owner_only(), "POST": members_only(405)},
    # message_id is a personal note from the instructor to cast.learner: the learner and the
    # course's staff may read it; the conversation under it is the learner's and the author's.
    "presence:feed": {"GET": members_only(), "POST": members_only(405)},
    "presence:checkin_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:note_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:feedback_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:message": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "presence:message_watched": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    "presence:react": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    "presence:thread": {
        "GET": members_only() | {"other_learner": 404, "ta": 404},
        "POST": members_only() | {"other_learner": 404, "ta": 404},
    },
    "presence:templates": {"GET": staff_only(), "POST": staff_only(405)},
    "presence:template_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:template_edit": {"GET": instructor_only(), "POST": instructor_only(200)},
    "presence:template_delete": {"GET": staff_only(405), "POST": instructor_only(302)},
    "presence:template_send": {"GET": staff_only(), "POST": staff_only(200)},
}


def url_kwargs(cast, route: str) -> dict:
    """Values for every URL parameter a course URL may take."""
    available = {
        "course_slug": cast.course.slug,
        "user_id": cast.learner.pk,
        "membership_id": cast.course.memberships.get(user=cast.learner).pk,
        "media_id": _learners_recording(cast).public_id,
        "variant": "playback",
        "language": "en",
        "message_id": _note_to_learner(cast).pk,
        "template_id": MessageTemplate.objects.get_or_create(
            course=cast.course,
            owner=cast.instructor,
            name="Thinking of you",
            defaults={"kind": MessageKind.NOTE, "body": "Hi {preferred_name}"},
        )[0].pk,
        "invitation_id": Invitation.objects.get_or_create(
            course=cast.course, email="invited@example.test", defaults={"role": Role.LEARNER}
        )[0].pk,
    }
    needed = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    missing = [name for name in needed if name not in available]
    assert not missing, f"Teach url_kwargs about URL parameter(s) {missing} used by {route}"
    return {name: available[name] for name in needed}


def _learners_recording(cast):
    media = media_item_ready(course=cast.course, owner=cast.learner)
    Caption.objects.create(media=media, vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    return media


def _note_to_learner(cast):
    return presence_services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you",
    )


def test_every_course_url_has_expectations():
    missing = sorted(set(COURSE_URLS) - set(EXPECTED))
    assert not missing, f"Add role-matrix expectations for: {missing}"
    stale = sorted(set(EXPECTED) - set(COURSE_URLS))
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"


CASES = [
    (name, method, role)
    for name, methods in sorted(EXPECTED.items())
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_role_matrix(name, method, role, cast, client_for):
    client = client_for(role)
    url = reverse(name, kwargs=url_kwargs(cast, COURSE_URLS[name]))
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = EXPECTED[name][method][role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} {method} {url}"
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} {method} {url}"
