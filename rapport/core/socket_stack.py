"""What every socket's scope holds: its cookies, its Django session and the signed-in
person — Channels' ``AuthMiddlewareStack``, with one difference: the socket's messages go
straight to the web server.

Channels' session middleware wraps ``send`` to save a changed session on an HTTP response.
A socket sends none, yet the wrapper looked the session over (two lazy lookups, each by a
caught exception) before each of its messages: a live class's fan-out of 2,000 results
texts spent a fifth of its time there (bench/live_session.py). A consumer that changes the
session saves it itself, as Channels asks of sockets anyway."""

from channels.auth import AuthMiddleware
from channels.sessions import CookieMiddleware, InstanceSessionWrapper, SessionMiddleware


class SocketSessionMiddleware(SessionMiddleware):
    async def __call__(self, scope, receive, send):
        wrapper = InstanceSessionWrapper(scope, send)
        await wrapper.resolve_session()
        return await self.inner(wrapper.scope, receive, send)


def socket_stack(inner):
    return CookieMiddleware(SocketSessionMiddleware(AuthMiddleware(inner)))
