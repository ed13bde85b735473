"""Requests take turns: at most ``REQUESTS_AT_ONCE`` HTTP requests run in Django at once
in a web process, the others wait in the order they came.

Under ASGI every request runs its view on a thread of its own, and all of a process's threads
share one interpreter lock. When a whole class clicks at once, 25 views running together each
get a 25th of the processor, so every page takes 25 times as long, and a heavy page far longer
than the rest. Taking turns serves the same requests in the same total time, but each one
waits only for those ahead of it: latency follows arrival, not luck.

A request joins the queue once its body has arrived (a slow upload holds no place while it
trickles in) and leaves as soon as its response starts (a long download holds none either).
WebSockets and lifespan events pass straight through.
"""

import asyncio
from collections import deque


class RequestQueue:
    """ASGI middleware around the HTTP application (install it in ``rapport/asgi.py``)."""

    def __init__(self, app, *, at_once: int):
        if at_once < 1:
            raise ValueError("at_once must be at least 1")
        self.app = app
        self.at_once = at_once
        self.running = 0
        self.waiting: deque[asyncio.Future] = deque()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        turn = _Turn(self)

        async def receive_then_queue():
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                await turn.take()
            return message

        async def send_and_leave(message):
            if message["type"] == "http.response.start":
                turn.give_back()
            await send(message)

        try:
            await self.app(scope, receive_then_queue, send_and_leave)
        finally:
            turn.give_back()

    async def _enter(self) -> None:
        if self.running < self.at_once and not self.waiting:
            self.running += 1
            return
        place = asyncio.get_running_loop().create_future()
        self.waiting.append(place)
        try:
            await place  # the place is handed over by _leave, already counted as running
        except asyncio.CancelledError:
            if place.done() and not place.cancelled():
                self._leave()  # handed a place just as it was cancelled: pass it on
            else:
                self.waiting.remove(place)
            raise

    def _leave(self) -> None:
        while self.waiting:
            place = self.waiting.popleft()
            if not place.done():
                place.set_result(None)
                return
        self.running -= 1


class _Turn:
    """One request's place: taken at most once, given back at most once."""

    def __init__(self, queue: RequestQueue):
        self.queue = queue
        self.held = False
        self.done = False

    async def take(self) -> None:
        if not (self.held or self.done):
            await self.queue._enter()
            self.held = True

    def give_back(self) -> None:
        if self.held and not self.done:
            self.done = True
            self.held = False
            self.queue._leave()
