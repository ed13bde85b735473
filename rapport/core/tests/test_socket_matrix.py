"""Every WebSocket route of rapport/routing.py, opened through the whole socket stack the
server runs (the Origin check, the session cookie, routing) as every role: who is let in and
who is refused, with which close code. A socket from a page of another site (a foreign or
missing Origin) is refused on every route, whoever's cookie it carries.

A new route without a row in EXPECTED fails ``test_every_socket_route_has_expectations``."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from rapport.live.testing import session_make
from rapport.routing import websocket_application, websocket_urlpatterns


def on_a_socket(test):
    """A socket test: run in an event loop, on a database it reaches from there (the
    check of the routes below needs neither)."""
    return pytest.mark.django_db(transaction=True)(pytest.mark.asyncio(test))


ROLES = ("anonymous", "outsider", "learner", "other_learner", "ta", "instructor")
OPEN = "open"
SITE = "http://testserver"


MEMBERS = dict.fromkeys(("learner", "other_learner", "ta", "instructor"), OPEN)

# route -> role -> OPEN, or the close code it is refused with
EXPECTED = {
    # anyone signed in: their own notifications
    "ws/me/": {"anonymous": 4401, "outsider": OPEN} | MEMBERS,
    # the course's members only (4401 signed out, 4403 not a member)
    "ws/c/<slug:course_slug>/": {"anonymous": 4401, "outsider": 4403} | MEMBERS,
    # a live class: its course's members, or a guest whose session holds a place (none here)
    "ws/live/<str:code>/": {"anonymous": 4403, "outsider": 4403} | MEMBERS,
}


def test_every_socket_route_has_expectations():
    routes = {str(pattern.pattern) for pattern in websocket_urlpatterns}
    assert routes == set(EXPECTED), f"Add socket-matrix expectations for: {routes - set(EXPECTED)}"


def path_for(route: str, cast, live_code: str) -> str:
    return "/" + route.replace("<slug:course_slug>", cast.course.slug).replace(
        "<str:code>", live_code
    )


@sync_to_async
def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def open_socket(path: str, *, cookie: str | None, origin: str | None):
    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if cookie is not None:
        headers.append((b"cookie", cookie.encode()))
    communicator = WebsocketCommunicator(websocket_application, path, headers=headers)
    connected, code = await communicator.connect(timeout=5)
    await communicator.disconnect()
    return OPEN if connected else code


@pytest.fixture
def live_code(cast):
    return session_make(cast).join_code


@pytest.mark.parametrize("route", sorted(EXPECTED))
@on_a_socket
async def test_socket_role_matrix(route, cast, live_code):
    path = path_for(route, cast, live_code)
    found = {}
    for role in ROLES:
        person = cast.by_role(role)
        cookie = await session_cookie(person) if person is not None else None
        found[role] = await open_socket(path, cookie=cookie, origin=SITE)
    assert found == EXPECTED[route]


@pytest.mark.parametrize("route", sorted(EXPECTED))
@pytest.mark.parametrize("origin", ["https://evil.example", "http://testserver.evil.example", None])
@on_a_socket
async def test_a_socket_from_another_site_is_refused(route, origin, cast, live_code):
    """The instructor's own cookie, sent by a page elsewhere (cross-site WebSocket
    hijacking), opens nothing."""
    cookie = await session_cookie(cast.instructor)
    path = path_for(route, cast, live_code)
    assert await open_socket(path, cookie=cookie, origin=SITE) == OPEN
    assert await open_socket(path, cookie=cookie, origin=origin) != OPEN
