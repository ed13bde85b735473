"""A Redis task queue that loses no task when its consumer dies mid-task.

huey's Redis storage pops a message off the queue (BRPOP) before running it, so a consumer
killed while a task runs (kill -9, out of memory, a host going away) takes the task with it.
Here a consumer instead moves the message, in one atomic step (BLMOVE), to a processing list
of its own, and removes it from there once the task has finished, whatever its outcome
(huey has then already queued a retry or recorded the error). A consumer keeps a heartbeat
key alive in Redis while it runs; at its start and every few seconds after, it puts the
messages of any consumer whose heartbeat has lapsed back on the queue, where they run again.

So delivery is at least once: a task may run a second time after a crash, and every task
must be safe to run twice. The fan-outs skip whom they have already told, a notification's
email is marked sent, and emails without a row of their own check ``done_before``.
"""

import logging
import os
import socket
import threading
import uuid

from django.core.cache import cache
from huey import RedisHuey
from huey.storage import RedisStorage
from redis import RedisError

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30  # a consumer silent this long is taken for dead
DONE_MARKER_SECONDS = 7 * 24 * 3600  # how long a finished task's rerun is recognised


class ReliableRedisStorage(RedisStorage):
    def __init__(self, *args, heartbeat_seconds: float = HEARTBEAT_SECONDS, **kwargs):
        super().__init__(*args, **kwargs)
        self.heartbeat_seconds = heartbeat_seconds
        self.consumer_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.consumers_key = f"huey.consumers.{self.name}"
        self.processing_key = self.processing_key_of(self.consumer_id)
        self._beating: threading.Thread | None = None
        self._beating_lock = threading.Lock()
        self._stopped = threading.Event()

    def processing_key_of(self, consumer_id: str) -> str:
        return f"huey.processing.{self.name}.{consumer_id}"

    def alive_key_of(self, consumer_id: str) -> str:
        return f"huey.alive.{self.name}.{consumer_id}"

    # --- Taking and finishing messages -----------------------------------------------------

    def dequeue(self):
        self.start_heartbeat()
        if self.blocking:
            return self.conn.blmove(
                self.queue_key, self.processing_key, self.read_timeout, "RIGHT", "LEFT"
            )
        return self.conn.lmove(self.queue_key, self.processing_key, "RIGHT", "LEFT")

    def finish(self, message: bytes) -> None:
        """The message's task is over: it leaves this consumer's processing list."""
        self.conn.lrem(self.processing_key, 1, message)

    def processing_items(self) -> list[bytes]:
        """Messages taken by consumers and not yet finished, of every consumer."""
        found: list[bytes] = []
        for consumer_id in self.conn.smembers(self.consumers_key):
            found += self.conn.lrange(self.processing_key_of(consumer_id.decode()), 0, -1)
        return found

    def flush_queue(self) -> None:
        super().flush_queue()
        for consumer_id in self.conn.smembers(self.consumers_key):
            self.conn.delete(self.processing_key_of(consumer_id.decode()))
        self.conn.delete(self.consumers_key)

    # --- Heartbeat and recovery ------------------------------------------------------------

    def start_heartbeat(self) -> None:
        """Once per process that consumes (web processes only enqueue): announce this
        consumer, put back what dead ones held, and keep doing both in a thread."""
        if self._beating is not None:
            return
        with self._beating_lock:
            if self._beating is not None:
                return
            self.beat()
            self._beating = threading.Thread(
                target=self._beat_until_stopped, name="huey-heartbeat", daemon=True
            )
            self._beating.start()

    def stop_heartbeat(self) -> None:
        self._stopped.set()

    def _beat_until_stopped(self) -> None:
        while not self._stopped.wait(self.heartbeat_seconds / 3):
            try:
                self.beat()
            except RedisError as error:  # Redis away for a moment: try again on the next beat
                logger.warning("Task queue heartbeat failed: %s", error)

    def beat(self) -> int:
        """Says this consumer is alive, then requeues the messages of consumers that are
        not; returns how many were requeued."""
        alive = max(1, round(self.heartbeat_seconds * 1000))
        pipe = self.conn.pipeline()
        pipe.set(self.alive_key_of(self.consumer_id), b"1", px=alive)
        pipe.sadd(self.consumers_key, self.consumer_id)
        pipe.execute()
        return self.recover()

    def recover(self) -> int:
        requeued = 0
        for raw in self.conn.smembers(self.consumers_key):
            consumer_id = raw.decode()
            if consumer_id == self.consumer_id or self.conn.exists(self.alive_key_of(consumer_id)):
                continue
            held = self.processing_key_of(consumer_id)
            # One message at a time, atomically: a recovery cut short loses nothing.
            while self.conn.lmove(held, self.queue_key, "RIGHT", "RIGHT") is not None:
                requeued += 1
            self.conn.srem(self.consumers_key, consumer_id)
        if requeued:
            logger.warning("Requeued %d task(s) left by stopped consumers", requeued)
        return requeued


class ReliableRedisHuey(RedisHuey):
    """RedisHuey on ReliableRedisStorage: a worker thread remembers the raw message of the
    task it took and finishes it once ``execute`` returns (huey's workers run ``dequeue``
    then ``execute`` on the same thread)."""

    storage_class = ReliableRedisStorage

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._taken = threading.local()

    def dequeue(self):
        message = self.storage.dequeue()
        if message is None:
            return None
        try:
            task = self.deserialize_task(message)
        except Exception:
            self.storage.finish(message)  # it would fail the same way on every rerun
            raise
        self._taken.message = message
        return task

    def execute(self, task, timestamp=None):
        message = getattr(self._taken, "message", None)
        self._taken.message = None
        try:
            return super().execute(task, timestamp)
        finally:
            if message is not None:
                try:
                    self.storage.finish(message)
                except RedisError:
                    logger.exception("Task %s ran but stays taken; it may run again", task.id)


def done_before(task) -> bool:
    """Whether this very message already did its work (it is being rerun because its
    consumer died before finishing it): for tasks with no row to mark their work done, such
    as a plain email. Call ``mark_done`` once the work is done."""
    return task is not None and cache.get(_done_key(task)) is not None


def mark_done(task) -> None:
    if task is not None:
        cache.set(_done_key(task), 1, DONE_MARKER_SECONDS)


def _done_key(task) -> str:
    return f"task-done:{task.id}"
