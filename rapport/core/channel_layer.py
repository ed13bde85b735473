"""The in-memory channel layer of ``make run``'s default setup (one process, no Redis),
made to keep up with a busy class wall.

Channels' own in-memory layer sweeps every channel and group for expired messages on every
receive — one receive per follower per change, so a change on a wall of 200 followers cost
200 sweeps of some 600 entries each, and its group send deep-copied the message in a task
per follower. Measured with ``bench/wall_fanout.py`` (200 followers, 20 changes a second):
p99 1.4–2.6 s with Channels' layer, 141 ms with this one. The differences:

- the sweep runs at most once a second (an expired message can linger that much longer);
- a group send copies the message by pickling it once and unpickling a copy per member,
  and puts it straight on each queue (a full queue drops it, as before);
- a channel's queue is made once, not once per message: Channels' receive built a new
  queue for each call (and dropped the channel's queue whenever it ran empty), a tenth of
  the web server's time in a live session's fan-out (bench/live_session.py). The queue
  goes when its receiver stops waiting on it empty (a consumer's socket closing).

Each member still gets its own copy, so a consumer changing its message changes nobody
else's. Messages are plain data, as the Redis layer (msgpack) requires anyway."""

import asyncio
import contextlib
import pickle
import time

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryLayer

SWEEP_SECONDS = 1.0


class InMemoryChannelLayer(ChannelsInMemoryLayer):
    _swept_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._swept_at < SWEEP_SECONDS:
            return
        self._swept_at = now
        super()._clean_expired()

    async def group_send(self, group: str, message: dict) -> None:
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        members = list(self.groups.get(group, {}))
        if not members:
            return
        packed = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        expires = time.time() + self.expiry
        for channel in members:
            with contextlib.suppress(asyncio.QueueFull):
                self._queue(channel).put_nowait((expires, pickle.loads(packed)))

    def _queue(self, channel: str) -> asyncio.Queue:
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        return queue

    async def receive(self, channel: str) -> dict:
        self.require_valid_channel_name(channel)
        self._clean_expired()
        queue = self._queue(channel)
        try:
            _, message = await queue.get()
        except BaseException:
            if queue.empty() and self.channels.get(channel) is queue:
                del self.channels[channel]
            raise
        return message
