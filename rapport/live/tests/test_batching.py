"""The answer batcher writes a burst's answers on one connection, closes it after the last,
and an answer that comes while it closes is still written and replied to."""

import asyncio

import pytest

from rapport.live import batching
from rapport.live.batching import AnswerBatcher

pytestmark = pytest.mark.asyncio


async def test_an_answer_coming_while_the_connection_closes_is_still_answered(monkeypatch):
    written, closing, closed = [], asyncio.Event(), asyncio.Event()

    def replies(items):
        written.append(list(items))
        return [{"type": "answered", "mine": item} for item in items], []

    def closes(function):
        async def close():
            closing.set()
            await closed.wait()

        return close

    monkeypatch.setattr(batching, "replies", replies)
    monkeypatch.setattr(batching, "database_sync_to_async", closes)
    batcher = AnswerBatcher()
    batcher.bind(asyncio.get_running_loop())
    first = asyncio.ensure_future(batcher.give("first"))
    await closing.wait()  # the first batch is written; its connection is closing
    second = asyncio.ensure_future(batcher.give("second"))
    await asyncio.sleep(0)
    closed.set()
    async with asyncio.timeout(5):
        assert (await first)["mine"] == "first" and (await second)["mine"] == "second"
    assert written == [["first"], ["second"]]
