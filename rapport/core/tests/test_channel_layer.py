"""The default in-memory channel layer: a group send reaches every member with a copy of
its own, skips a member whose queue is full, and sweeps expired messages at most once a
second."""

import asyncio

import pytest

from rapport.core import channel_layer
from rapport.core.channel_layer import InMemoryChannelLayer

pytestmark = pytest.mark.asyncio


async def test_each_member_gets_a_copy_of_its_own():
    layer = InMemoryChannelLayer()
    names = [await layer.new_channel() for _ in range(3)]
    for name in names:
        await layer.group_add("board.1", name)
    await layer.group_send("board.1", {"type": "stream.event", "card": {"x": 1}})
    first, second, third = [await layer.receive(name) for name in names]
    first["card"]["x"] = 99
    assert second == third == {"type": "stream.event", "card": {"x": 1}}


async def test_a_full_member_is_skipped_and_the_others_still_hear():
    layer = InMemoryChannelLayer(capacity=1)
    full, free = await layer.new_channel(), await layer.new_channel()
    for name in (full, free):
        await layer.group_add("g", name)
    await layer.send(full, {"type": "first"})
    await layer.group_send("g", {"type": "second"})
    assert (await layer.receive(full))["type"] == "first"
    assert (await layer.receive(free))["type"] == "second"


async def test_expired_messages_are_swept_at_most_once_a_second(monkeypatch):
    layer = InMemoryChannelLayer(expiry=1)
    stale, live = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("g", stale)
    await layer.group_add("g", live)
    clock = {"now": 1000.0, "mono": 50.0}
    monkeypatch.setattr(channel_layer.time, "time", lambda: clock["now"])
    monkeypatch.setattr(channel_layer.time, "monotonic", lambda: clock["mono"])
    await layer.send(stale, {"type": "old"})
    clock["now"] += 5  # the message is past its expiry...
    layer._clean_expired()
    assert stale not in layer.groups["g"]  # ...and the sweep took its channel out
    await layer.group_add("g", stale)
    await layer.send(stale, {"type": "old again"})
    clock["now"] += 5
    clock["mono"] += 0.5  # within a second of the last sweep: no sweep
    layer._clean_expired()
    assert stale in layer.groups["g"]
    clock["mono"] += 1
    layer._clean_expired()
    assert stale not in layer.groups["g"] and live in layer.groups["g"]


async def test_a_channel_keeps_one_queue_while_received_from_and_drops_it_when_left():
    layer = InMemoryChannelLayer()
    name = await layer.new_channel()
    await layer.send(name, {"type": "first"})
    assert (await layer.receive(name))["type"] == "first"
    queue = layer.channels[name]  # kept, empty, for the next message
    waiting = asyncio.ensure_future(layer.receive(name))
    await asyncio.sleep(0)
    await layer.group_add("g", name)
    await layer.group_send("g", {"type": "second"})
    assert (await waiting)["type"] == "second" and layer.channels[name] is queue
    waiting = asyncio.ensure_future(layer.receive(name))
    await asyncio.sleep(0)
    waiting.cancel()  # the consumer's socket closed
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert name not in layer.channels
