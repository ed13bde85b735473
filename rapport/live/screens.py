"""This process's sockets of each live session, to hand a flush's text to each directly.

A flush of results goes to the session's relay group (``relay_group``), which holds one
channel per process with sockets of that session: one channel-layer message per process,
not one per socket. That process's relay reader hands the text to each of its sockets of
the session in turn. Before, every socket was in the group itself, and each flush woke
2,000 consumers, each receiving from the layer and dispatching on its own
(bench/live_session.py).

A socket is held while it connects (``join`` … ``ready``): a flush meanwhile is kept and
sent after the socket's first texts, so results never arrive before the activity they
belong to. A socket whose network does not take a text at once (a phone on a bad line)
is not waited for: it gets the latest results when it catches up, and nobody else waits.

Sockets are kept per event loop: each test's loop starts with none."""

import asyncio
import logging
from collections import deque
from contextvars import Context

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from rapport.core.redis_channel_layer import when_resubscribed

logger = logging.getLogger(__name__)

RELAY_PREFIX = "live.relay."
RELAY_MESSAGE = "live.results"
# A socket whose network takes nothing for this long is set aside to catch up alone.
SEND_SECONDS = 0.05


def relay_group(course_id: int, session_id: int) -> str:
    return f"course.{course_id}.live-relay.{session_id}"


def relay_message(session_id: int, public: str, host: str) -> dict:
    return {"type": RELAY_MESSAGE, "session": session_id, "public": public, "host": host}


class LocalScreens:
    def __init__(self):
        self._start(None)

    def _start(self, loop: asyncio.AbstractEventLoop | None) -> None:
        self.loop = loop
        self.sockets: dict[int, dict[object, bool]] = {}  # session -> {consumer: is host}
        self.held: dict[object, str | None] = {}  # connecting: the latest text for them
        self.behind: dict[object, str] = {}  # a send still waiting: the latest text after it
        self.channel: str | None = None
        self.handed = 0  # texts handed to sockets, for tests

    async def join(self, consumer, course_id: int, session_id: int, host: bool) -> None:
        """Hold ``consumer`` for the session's flushes until ``ready``."""
        loop = asyncio.get_running_loop()
        if loop is not self.loop:
            self._start(loop)
        layer = get_channel_layer()
        if self.channel is None:
            self.channel = await layer.new_channel(RELAY_PREFIX)
            loop.create_task(self._relay(layer, self.channel), context=Context())
        self.held[consumer] = None
        self.sockets.setdefault(session_id, {})[consumer] = host
        await layer.group_add(relay_group(course_id, session_id), self.channel)

    async def ready(self, consumer) -> None:
        """``consumer`` sent its first texts: send it what came meanwhile, then each flush."""
        text = self.held.pop(consumer, None)
        if text is not None:
            await self._send(consumer, text)

    async def leave(self, consumer, course_id: int, session_id: int) -> None:
        self.held.pop(consumer, None)
        self.behind.pop(consumer, None)
        here = self.sockets.get(session_id)
        if here is None or here.pop(consumer, None) is None or here:
            return
        del self.sockets[session_id]
        group = relay_group(course_id, session_id)
        await get_channel_layer().group_discard(group, self.channel)
        if self.sockets.get(session_id):  # a socket joined while the group was left
            await get_channel_layer().group_add(group, self.channel)

    async def _relay(self, layer, channel: str) -> None:
        while True:
            try:
                message = await layer.receive(channel)
            except Exception:  # the layer's server restarting, say: try again shortly
                logger.exception("The live relay could not receive; trying again")
                await asyncio.sleep(1)
                continue
            try:
                await self.hand_out(message["session"], message["public"], message["host"])
            except Exception:
                logger.exception("Handing out live session %s's results failed", message)

    async def hand_out(self, session_id: int, public: str, host: str) -> None:
        messages = {
            False: {"type": "websocket.send", "text": public},
            True: {"type": "websocket.send", "text": host},
        }
        waiting = deque()
        for consumer, is_host in list(self.sockets.get(session_id, {}).items()):
            message = messages[is_host]
            if consumer in self.held:
                self.held[consumer] = message["text"]
            elif consumer in self.behind:
                self.behind[consumer] = message["text"]
            else:
                waiting.append((consumer, message))
        # One sender goes down the line; a watchdog (not a timer per send: that was a
        # tenth of the fan-out) sets aside a socket it finds the sender stuck on.
        while waiting:
            sender = asyncio.get_running_loop().create_task(self._send_in_turn(waiting))
            while not sender.done():
                left = len(waiting)
                await asyncio.wait((sender,), timeout=SEND_SECONDS)
                if not sender.done() and len(waiting) == left:
                    sender.cancel()
                    consumer, message = waiting.popleft()
                    self.behind[consumer] = message["text"]
                    self._start_catching_up(consumer)

    async def _send_in_turn(self, waiting: deque) -> None:
        while waiting:
            consumer, message = waiting[0]
            try:
                await consumer.base_send(message)
            except asyncio.CancelledError:
                raise
            except Exception:  # gone meanwhile: its consumer leaves on its own
                logger.debug("A live socket went while results were sent", exc_info=True)
            else:
                self.handed += 1
            waiting.popleft()

    async def _send(self, consumer, text: str) -> None:
        try:
            await consumer.base_send({"type": "websocket.send", "text": text})
            self.handed += 1
        except Exception:
            logger.debug("A live socket went while results were sent", exc_info=True)

    def _start_catching_up(self, consumer) -> None:
        asyncio.get_running_loop().create_task(self._catch_up(consumer), context=Context())

    async def _catch_up(self, consumer) -> None:
        """Send ``consumer`` its latest text, as often as a newer one came meanwhile."""
        while (text := self.behind.get(consumer)) is not None:
            try:
                await consumer.base_send({"type": "websocket.send", "text": text})
            except Exception:
                self.behind.pop(consumer, None)
                return
            self.handed += 1
            if self.behind.get(consumer) is text:
                del self.behind[consumer]


screens = LocalScreens()


@when_resubscribed
async def catch_up_after_redis_returned() -> None:
    """Redis came back: results flushed while this process was not listening were lost, so
    its sockets get each of their sessions' results afresh from the database."""
    from rapport.live.broadcast import results_push

    gather = database_sync_to_async(results_push, thread_sensitive=False)
    for session_id in list(screens.sockets):
        push = await gather(session_id)
        if push is not None:
            await screens.hand_out(session_id, push["public"], push["host"])
