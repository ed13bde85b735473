"""The sockets' answers, written in batches: one per process, in the event loop that runs
the sockets (``bind``).

A socket's answer is queued with a future and the socket waits for it. While a batch is
being written on the database thread, the answers that arrive queue up; as soon as it is
done, everything queued (at most BATCH_MAX) goes in the next one. No fixed delay: a lone
answer is written at once, and a class answering together is written in a few large
batches, each one transaction of a fixed number of queries
(``services.answers_give_many``), instead of one transaction of some ten queries per
answer queued on that one thread."""

import asyncio
import logging
from contextvars import Context

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from rapport.core.realtime import pushes_collected
from rapport.core.refusals import Refused
from rapport.live import selectors, services
from rapport.live.services import AnswerItem

logger = logging.getLogger(__name__)

# Large enough for a class's burst, small enough that each bulk insert is one statement.
BATCH_MAX = 100
FAILED = {"type": "error", "message": "That didn't work. Try again.", "code": "failed"}


def replies(items: list[AnswerItem]) -> tuple[list[dict], list]:
    """Give the answers of ``items``: each one's reply (``answered`` with ``mine``, or
    ``error``), and the pushes made meanwhile, to send after."""
    with pushes_collected() as pushes:
        given = services.answers_give_many(items)
        mine = iter(selectors.own_answers([a for a in given if not isinstance(a, Refused)]))
    answers = []
    for outcome in given:
        if isinstance(outcome, Refused):
            answers.append({"type": "error", "message": outcome.message, "code": outcome.code})
        else:
            answers.append({"type": "answered", "mine": next(mine)})
    return answers, pushes


def _nothing() -> None:
    """Run through ``database_sync_to_async``, which closes the thread's old connections."""


class AnswerBatcher:
    """The answers waiting for the database, in this process."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.queue: list[tuple[AnswerItem, asyncio.Future]] = []
        self.task: asyncio.Task | None = None
        self.batches = 0

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        if loop is not self.loop:
            self.loop, self.queue, self.task = loop, [], None

    async def give(self, item: AnswerItem) -> dict:
        """The reply to ``item``, once the batch it went in is written."""
        future = asyncio.get_running_loop().create_future()
        self.queue.append((item, future))
        if self.task is None or self.task.done():
            # A fresh context, like the coalescer's flush: the batch runs on the sockets'
            # one database thread, as every socket action does.
            self.task = asyncio.get_running_loop().create_task(self._drain(), context=Context())
        return await future

    async def _drain(self) -> None:
        while self.queue:  # (again: answers may come while the connection closes)
            try:
                while self.queue:
                    batch, self.queue = self.queue[:BATCH_MAX], self.queue[BATCH_MAX:]
                    await self._write(batch)
            finally:
                # One connection for a burst's batches, closed after the last as every
                # socket action's is: a connection opened for each batch made the class's
                # answers wait several times longer (bench/live_session.py).
                await database_sync_to_async(_nothing)()

    async def _write(self, batch: list[tuple[AnswerItem, asyncio.Future]]) -> None:
        pushes = []
        try:
            answers, pushes = await sync_to_async(replies)([i for i, _ in batch])
        except Exception:
            logger.exception("Writing a batch of %s live answers failed", len(batch))
            answers = [FAILED] * len(batch)
        self.batches += 1
        for (_, future), answer in zip(batch, answers, strict=True):
            if not future.done():  # its socket may have gone meanwhile
                future.set_result(answer)
        for group, event in pushes:
            await get_channel_layer().group_send(group, event)


batcher = AnswerBatcher()
