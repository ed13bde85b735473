"""The task consumer as threads of the web server, started and stopped by the ASGI lifespan,
and pushes from those threads reaching the web server's event loop."""

import asyncio
import gc
import logging
import signal
import threading
import time

import pytest
from channels.layers import InMemoryChannelLayer
from django.conf import settings
from huey import MemoryHuey

from rapport.core import realtime
from rapport.core.lifespan import Lifespan, TaskConsumerThreads


@pytest.fixture(autouse=True)
def unfrozen():
    """A started lifespan freezes what the process holds; the test process gets it back."""
    yield
    gc.unfreeze()


class FakeTasks:
    def __init__(self):
        self.calls = []

    def start(self):
        self.calls.append(("start", realtime._web_server_loop))

    def stop(self):
        self.calls.append(("stop", realtime._web_server_loop))


async def run_lifespan(app) -> list[dict]:
    incoming = asyncio.Queue()
    for kind in ("lifespan.startup", "lifespan.shutdown"):
        incoming.put_nowait({"type": kind})
    sent = []

    async def send(message):
        sent.append(message)

    await app({"type": "lifespan"}, incoming.get, send)
    return sent


@pytest.mark.asyncio
async def test_the_lifespan_starts_the_task_threads_and_stops_them():
    tasks = FakeTasks()
    sent = await run_lifespan(Lifespan(app=None, tasks=tasks))

    loop = asyncio.get_running_loop()
    assert tasks.calls == [("start", loop), ("stop", loop)]
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert realtime._web_server_loop is None


@pytest.mark.asyncio
async def test_without_task_threads_the_lifespan_only_answers():
    sent = await run_lifespan(Lifespan(app=None, tasks=None))

    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert realtime._web_server_loop is None


@pytest.mark.asyncio
async def test_once_started_what_the_process_holds_is_left_out_of_garbage_collections():
    gc.unfreeze()
    held = object.__new__(FakeTasks)  # tracked by the collector, as Django's objects are

    await run_lifespan(Lifespan(app=None, tasks=None))

    assert gc.get_freeze_count() > 0
    assert not any(found is held for generation in range(3) for found in gc.get_objects(generation))


@pytest.mark.asyncio
async def test_a_consumer_that_cannot_start_fails_the_startup():
    class Broken(FakeTasks):
        def start(self):
            raise RuntimeError("no queue")

    sent = await run_lifespan(Lifespan(app=None, tasks=Broken()))

    assert sent == [{"type": "lifespan.startup.failed", "message": "no queue"}]


@pytest.mark.asyncio
async def test_a_push_from_another_thread_reaches_a_socket_on_the_web_server_loop(monkeypatch):
    layer = InMemoryChannelLayer()
    monkeypatch.setattr(realtime, "get_channel_layer", lambda: layer)
    channel = await layer.new_channel()
    await layer.group_add(realtime.user_group(7), channel)
    realtime.bind_web_server_loop(asyncio.get_running_loop())
    try:
        pusher = threading.Thread(
            target=realtime._send, args=(realtime.user_group(7), {"type": "hello"})
        )
        pusher.start()
        received = await asyncio.wait_for(layer.receive(channel), timeout=2)
        await asyncio.to_thread(pusher.join)
    finally:
        realtime.bind_web_server_loop(None)
    assert received == {"type": "hello"}


def test_the_queue_is_polled_at_least_twice_a_second_when_idle():
    # huey's default back-off stretches an idle worker's polls to 10 s: a check-in's
    # notifications waited that long before the fan-out task even began.
    assert settings.HUEY["consumer"]["max_delay"] <= 0.5


def test_task_threads_run_tasks_and_leave_the_signal_handlers_alone(monkeypatch):
    huey = MemoryHuey("lifespan-test", immediate=False)
    ran = threading.Event()

    @huey.task()
    def mark():
        ran.set()

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    huey_logger = logging.getLogger("huey")
    monkeypatch.setattr(huey_logger, "handlers", [logging.NullHandler()])  # keep output quiet
    threads = TaskConsumerThreads(huey)
    threads.start()
    try:
        time.sleep(1.5)  # idle: the workers' polling backs off as far as it goes
        mark()
        assert ran.wait(timeout=1.0)
        assert {sig: signal.getsignal(sig) for sig in handlers} == handlers
        assert threads.consumer.max_delay == settings.HUEY["consumer"]["max_delay"]
    finally:
        threads.stop()
    assert threads.consumer is None
