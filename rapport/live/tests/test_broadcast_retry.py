"""Results that could not be sent (the channel layer out of reach: Redis restarting) are
gathered and sent again on a later flush, so the pages that stayed open catch up."""

import asyncio

import pytest

from rapport.live import broadcast

pytestmark = pytest.mark.asyncio


class LayerBackAfterOneFailure:
    def __init__(self):
        self.calls, self.sent = 0, []

    async def group_send(self, group, message):
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("Connection refused")
        self.sent.append(group)


async def test_results_that_could_not_be_sent_are_sent_on_a_later_flush(monkeypatch):
    layer = LayerBackAfterOneFailure()
    gathered = []

    def results_push(session_id):
        gathered.append(session_id)
        return {"public": f"results {len(gathered)}", "host": f"results {len(gathered)}"}

    monkeypatch.setattr(broadcast, "get_channel_layer", lambda: layer)
    monkeypatch.setattr(broadcast, "results_push", results_push)
    monkeypatch.setattr(broadcast, "FLUSH_SECONDS", 0.01)
    coalescer = broadcast.Coalescer()
    coalescer.bind(asyncio.get_running_loop())
    assert coalescer.mark(7, 42)
    async with asyncio.timeout(5):
        while not layer.sent:
            await asyncio.sleep(0.01)
    assert layer.sent == [broadcast.relay_group(7, 42)]
    assert gathered == [42, 42]  # gathered afresh for the retry
    assert coalescer.flushes == 1
