"""channels-redis's publish/subscribe layer, made to hear again after Redis restarts.

Its receiving task reads the subscriptions' messages and, when the connection breaks, only
logs and tries again — on a connection redis-py then reopens without subscribing again, so
the process publishes as before but hears nothing more: a live session's results, a wall's
changes, a bell's count never reach this process's sockets until it restarts
(bench/faults/redis_restarted.py). Here, once a read fails, the receiving task opens a new
connection and subscribes to every channel and group again, retrying until Redis is back.
Messages published while it was away are lost, as they always were (delivery is at most
once): features that keep sockets up to date register a ``when_resubscribed`` hook to
send this process's sockets what they may have missed."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from channels_redis.pubsub import RedisPubSubChannelLayer, RedisSingleShardConnection
from channels_redis.utils import _close_redis

logger = logging.getLogger(__name__)

RETRY_SECONDS = 0.5

_resubscribed_hooks: list[Callable[[], Awaitable[None]]] = []


def when_resubscribed(hook: Callable[[], Awaitable[None]]):
    """Run ``hook`` (a coroutine function, in the web server's loop) each time this process
    hears its channels again after losing Redis."""
    _resubscribed_hooks.append(hook)
    return hook


async def _run_resubscribed_hooks() -> None:
    for hook in list(_resubscribed_hooks):
        try:
            await hook()
        except Exception:
            logger.exception("Catching up after Redis came back failed: %s", hook.__name__)


class ResubscribingShardConnection(RedisSingleShardConnection):
    async def _do_receiving(self):
        lost = False
        while True:
            try:
                if lost:
                    await self._subscribe_afresh()
                    lost = False
                    logger.warning(
                        "Redis is back: subscribed again to %d channels", len(self._subscribed_to)
                    )
                    await _run_resubscribed_hooks()
                if self._pubsub and self._pubsub.subscribed:
                    message = await self._pubsub.get_message(
                        ignore_subscribe_messages=True, timeout=0.1
                    )
                    self._receive_message(message)
                else:
                    await asyncio.sleep(0.1)
            except (TimeoutError, asyncio.CancelledError, GeneratorExit):
                raise
            except Exception as error:
                if not lost:
                    logger.warning("Redis connection lost, subscribing again: %s", error)
                lost = True
                await asyncio.sleep(RETRY_SECONDS)

    async def _subscribe_afresh(self) -> None:
        async with self._lock:
            broken, self._redis, self._pubsub = self._redis, None, None
            if broken is not None:
                with contextlib.suppress(Exception):
                    await _close_redis(broken)
            self._ensure_redis()
            if self._subscribed_to:
                await self._pubsub.subscribe(*self._subscribed_to)


class ResubscribingRedisPubSubChannelLayer(RedisPubSubChannelLayer):
    def _get_layer(self):
        layer = super()._get_layer()  # one per event loop, made on first use
        if not all(isinstance(s, ResubscribingShardConnection) for s in layer._shards):
            layer._shards = [ResubscribingShardConnection(s.host, layer) for s in layer._shards]
        return layer
