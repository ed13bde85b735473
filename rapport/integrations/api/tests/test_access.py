"""Who reaches what through the API: every operation × every kind of caller.

A new operation without a row in OPERATIONS fails ``test_every_operation_has_a_row`` —
decide who may call it before it ships. Every object is reached through a course the token
is scoped to and its owner is an active member of; anything else is 404, as in the app."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Role
from rapport.factories import CourseFactory, MembershipFactory, make_cast
from rapport.integrations.api.models import ApiToken
from rapport.integrations.api.testing import api_url, bearer, token_make
from rapport.integrations.api.v1.api import api

CALLERS = (
    "no_token",
    "revoked",
    "expired",
    "out_of_scope",
    "read_only",
    "outsider",
    "learner",
    "other_learner",
    "ta",
    "instructor",
)
MEMBERS = ("learner", "other_learner", "ta", "instructor")


@dataclass
class Call:
    method: str
    path: str  # under /api/v1, with {slug} for the cast's course
    staff_only: bool = False

    @property
    def writes(self) -> bool:
        return self.method == "POST"


# (METHOD, path in the schema) -> how to call it
OPERATIONS = {
    ("GET", "/api/v1/courses"): Call("GET", "/courses"),
    ("GET", "/api/v1/courses/{slug}"): Call("GET", "/courses/{slug}"),
    ("GET", "/api/v1/courses/{slug}/members"): Call("GET", "/courses/{slug}/members"),
    ("GET", "/api/v1/courses/{slug}/touchpoints"): Call(
        "GET", "/courses/{slug}/touchpoints", staff_only=True
    ),
    ("GET", "/api/v1/courses/{slug}/radar"): Call("GET", "/courses/{slug}/radar", staff_only=True),
    ("POST", "/api/v1/courses/{slug}/messages"): Call(
        "POST", "/courses/{slug}/messages", staff_only=True
    ),
    ("POST", "/api/v1/courses/{slug}/shoutouts"): Call("POST", "/courses/{slug}/shoutouts"),
}


def expected(call: Call, caller: str) -> int:
    if caller in ("no_token", "revoked", "expired"):
        return 401
    if caller == "read_only" and call.writes:
        return 403
    if call.path == "/courses":
        return 200  # the token's own courses: none of this course for these two
    if caller in ("out_of_scope", "outsider"):
        return 404
    if call.staff_only and caller in ("learner", "other_learner"):
        return 404
    return 201 if call.writes else 200


def build_world():
    """The cast, a third course the instructor also teaches, and each caller's token."""
    cast = make_cast()
    elsewhere = CourseFactory(title="Marine Biology", slug="marine")
    MembershipFactory(course=elsewhere, user=cast.instructor, role=Role.INSTRUCTOR)
    secrets = {role: token_make(getattr(cast, role), cast.course) for role in MEMBERS}
    secrets["outsider"] = token_make(cast.outsider, cast.other_course)
    secrets["out_of_scope"] = token_make(cast.instructor, elsewhere)
    secrets["read_only"] = token_make(cast.instructor, cast.course, can_write=False)
    secrets["revoked"] = token_make(cast.instructor, cast.course, name="Revoked")
    ApiToken.objects.filter(name="Revoked").update(revoked_at=timezone.now())
    secrets["expired"] = token_make(
        cast.instructor,
        cast.course,
        name="Expired",
        expires_at=timezone.now() + timedelta(seconds=1),
    )
    ApiToken.objects.filter(name="Expired").update(expires_at=timezone.now() - timedelta(days=1))
    secrets["no_token"] = None
    return cast, secrets


world = module_data(build_world, name="world")


def body_for(call: Call, caller: str, cast) -> dict | None:
    if call.path.endswith("/messages"):
        return {"learner_id": cast.learner.pk, "text": "Loved your wetlands photo!"}
    if call.path.endswith("/shoutouts"):
        receiver = cast.other_learner if caller == "learner" else cast.learner
        return {"receiver_id": receiver.pk, "message": "Thanks for the field notes!"}
    return None


def send(client, call: Call, secret, cast, caller: str):
    url = api_url(call.path.format(slug=cast.course.slug))
    body = body_for(call, caller, cast)
    if call.method == "GET":
        return client.get(url, **bearer(secret))
    return client.post(url, body, content_type="application/json", **bearer(secret))


def test_every_operation_has_a_row():
    schema = api.get_openapi_schema()
    in_schema = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    assert in_schema == set(OPERATIONS)


CASES = [(key, caller) for key in OPERATIONS for caller in CALLERS]


@pytest.mark.parametrize(
    ("operation", "caller"), CASES, ids=[f"{m} {p} {c}" for (m, p), c in CASES]
)
def test_access_matrix(operation, caller, world, db, client):
    cast, secrets = world
    call = OPERATIONS[operation]
    writes_before = Touchpoint.objects.count(), Notification.objects.count()
    response = send(client, call, secrets[caller], cast, caller)
    status = expected(call, caller)
    assert response.status_code == status, response.content
    body = response.json()
    if status >= 400:
        assert set(body) == {"error"} and body["error"]["code"]
        assert (Touchpoint.objects.count(), Notification.objects.count()) == writes_before
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    if call.path == "/courses":
        slugs = [course["slug"] for course in body.get("items", [])]
        assert (cast.course.slug in slugs) == (caller in MEMBERS or caller == "read_only")


def test_the_session_cookie_never_authenticates_the_api(world, db, client):
    cast, _ = world
    client.force_login(cast.instructor)
    for call in OPERATIONS.values():
        response = send(client, call, None, cast, "instructor")
        assert response.status_code == 401, call.path
    assert not Notification.objects.filter(recipient=cast.learner).exists()


def test_a_caller_who_left_the_course_reaches_nothing_in_it(world, db, client):
    cast, secrets = world
    cast.ta.memberships.update(status="left")
    for call in OPERATIONS.values():
        if call.path != "/courses":
            assert send(client, call, secrets["ta"], cast, "ta").status_code == 404, call.path
    listed = client.get(api_url("/courses"), **bearer(secrets["ta"])).json()
    assert listed == {"items": [], "count": 0}


def test_a_deactivated_account_s_tokens_stop_working(world, db, client):
    cast, secrets = world
    cast.instructor.is_active = False
    cast.instructor.save(update_fields=["is_active"])
    assert client.get(api_url("/courses"), **bearer(secrets["instructor"])).status_code == 401


def test_private_learner_data_never_reaches_learners(world, db, client):
    cast, secrets = world
    cast.learner.email = "sam.private@example.test"
    cast.learner.save(update_fields=["email"])
    for caller in ("learner", "other_learner"):
        for path in ("/touchpoints", "/radar"):
            response = client.get(
                api_url(f"/courses/{cast.course.slug}{path}"), **bearer(secrets[caller])
            )
            assert response.status_code == 404
        members = client.get(
            api_url(f"/courses/{cast.course.slug}/members"), **bearer(secrets["other_learner"])
        )
        assert "sam.private@example.test" not in members.content.decode()
        assert all(m["email"] is None and m["status"] is None for m in members.json()["items"])


def test_a_learner_cannot_send_a_personal_note(world, db, client):
    cast, secrets = world
    response = send(
        client,
        OPERATIONS[("POST", "/api/v1/courses/{slug}/messages")],
        secrets["learner"],
        cast,
        "",
    )
    assert response.status_code == 404
    assert not Touchpoint.objects.filter(kind="personal_message").exists()


def test_token_calls_need_no_csrf_token_and_cookies_get_no_further(world, db):
    from django.test import Client

    cast, secrets = world
    browser = Client(enforce_csrf_checks=True)
    call = OPERATIONS[("POST", "/api/v1/courses/{slug}/shoutouts")]
    assert send(browser, call, secrets["learner"], cast, "learner").status_code == 201
    browser.force_login(cast.learner)
    assert send(browser, call, None, cast, "learner").status_code == 401
