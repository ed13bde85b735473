"""A socket's scope holds its session and signed-in person, and its messages go to the
web server's own send, not through a session-saving wrapper."""

import pytest
from django.contrib.auth.models import AnonymousUser

from rapport.core.socket_stack import socket_stack

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def test_a_sockets_scope_has_session_and_user_and_its_sends_go_straight_out():
    seen = {}

    async def app(scope, receive, send):
        seen.update(send=send, session=scope["session"], user=scope["user"])

    async def server_send(message):
        pass

    scope = {"type": "websocket", "path": "/ws/me/", "headers": [(b"cookie", b"x=1")]}
    await socket_stack(app)(scope, None, server_send)
    assert seen["send"] is server_send
    assert seen["session"].is_empty()
    assert isinstance(seen["user"]._wrapped, AnonymousUser)
