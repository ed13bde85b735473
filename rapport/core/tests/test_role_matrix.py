"""Every URL under /c/<course_slug>/, walked as every role.

A new course URL without a row in EXPECTED fails ``test_every_course_url_has_expectations``
— decide who may reach it before it ships. Object ids in URLs point at things belonging to
``cast.learner`` (their profile, their membership...), so ``other_learner`` rows show that
one learner cannot reach another's private pages."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
    return {"anonymous": LOGIN, "outsider": 404} | {
        role: status for role in ("learner", "other_learner", "ta", "instructor")
    }


def staff_only(status=200, ta=None):
    return {
        "anonymous": LOGIN,
        "outsider": 404,
        "learner": 404,
        "other_learner": 404,
        "ta": status if ta is None else ta,
        "instructor": status,
    }


# url name -> {method: {role: expected status}}
EXPECTED: dict[str, dict[str, dict[str, int | str]]] = {
    "courses:home": {"GET": members_only()},
    "courses:people": {"GET": members_only()},
    "courses:members": {"GET": staff_only()},
    "courses:settings": {"GET": staff_only()},
}


def url_kwargs(cast, route: str) -> dict:
    """Values for every URL parameter a course URL may take."""
    available = {
        "course_slug": cast.course.slug,
        "user_id": cast.learner.pk,
        "membership_id": cast.course.memberships.get(user=cast.learner).pk,
    }
    needed = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    missing = [name for name in needed if name not in available]
    assert not missing, f"Teach url_kwargs about URL parameter(s) {missing} used by {route}"
    return {name: available[name] for name in needed}


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
