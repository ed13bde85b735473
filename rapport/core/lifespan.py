"""The web server's lifespan: with ``settings.TASKS_IN_WEB_SERVER`` the task consumer runs
as threads of the web server process.

Why: without Redis the channel layer is in-memory, so only code running in the web server's
process reaches open sockets. A consumer in a separate process (``run_huey``) would make
every push from a task — a check-in's notifications, "your recording is ready" — vanish,
leaving the bell to catch up on its next fallback poll. ``manage.py serve`` sets the flag
whenever REDIS_URL is unset; with Redis, channels-redis carries pushes between processes and
the worker stays a process of its own.
"""

import asyncio
import gc
import logging
import threading

from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from huey.consumer import Consumer, ConsumerStopped
from huey.consumer_options import ConsumerConfig

from rapport.core import realtime

logger = logging.getLogger(__name__)


class ThreadedConsumer(Consumer):
    """huey's consumer (workers and the periodic scheduler) as threads of a process that
    owns its signals: the web server handles Ctrl-C and calls ``stop``."""

    def _set_signal_handlers(self) -> None:
        pass  # huey's handlers would replace uvicorn's, and Ctrl-C would no longer stop it

    def watch(self) -> None:
        """Restart dead workers until stopped (what ``Consumer.run`` does besides starting)."""
        checked_at = None
        try:
            while True:
                checked_at = self.loop(checked_at)
        except ConsumerStopped:
            pass


class TaskConsumerThreads:
    def __init__(self, huey):
        self.huey = huey
        self.consumer: ThreadedConsumer | None = None
        self.watcher: threading.Thread | None = None

    def start(self) -> None:
        autodiscover_modules("tasks")  # as run_huey does: each app's tasks.py registers its own
        # The same options and log lines as run_huey, read from settings.HUEY.
        config = ConsumerConfig(**{**settings.HUEY.get("consumer", {}), "worker_type": "thread"})
        config.validate()
        logger = logging.getLogger("huey")
        if not logger.handlers:
            config.setup_logger(logger)
        self.consumer = ThreadedConsumer(self.huey, **config.values)
        self.consumer.start()
        self.watcher = threading.Thread(
            target=self.consumer.watch, name="huey-watcher", daemon=True
        )
        self.watcher.start()

    def stop(self) -> None:
        """Let running tasks finish (the caller bounds how long it waits)."""
        if self.consumer is None:
            return
        self.consumer.stop(graceful=True)
        self.watcher.join()
        self.huey.notify_interrupted_tasks()
        self.consumer = None


def freeze_what_startup_made() -> None:
    """Leave everything the process holds once started (Django, the apps, their modules: about
    170,000 objects) out of the garbage collector's full collections from now on. A page's
    own objects hang off its template context, a reference cycle (Django's ``Context`` and its
    each ``ContextDict`` point at each other), so freeing them needs a full collection, which
    otherwise walks all of the process, every few big pages: 90 ms each on the radar's course
    of 500 learners (bench/radar.py), against a few milliseconds once frozen."""
    gc.collect()
    gc.freeze()


class Lifespan:
    """Wraps the ASGI application: answers the lifespan protocol and passes everything else
    on. Starts the task consumer threads when asked to, binds the running event loop
    for pushes made on those threads (see core.realtime), and leaves what startup made out of
    later garbage collections."""

    def __init__(self, app, *, tasks: TaskConsumerThreads | None):
        self.app = app
        self.tasks = tasks

    async def __call__(self, scope, receive, send):
        if scope["type"] != "lifespan":
            return await self.app(scope, receive, send)
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    if self.tasks is not None:
                        realtime.bind_web_server_loop(asyncio.get_running_loop())
                        self.tasks.start()
                except Exception as error:
                    logger.exception("The task consumer could not start")
                    await send({"type": "lifespan.startup.failed", "message": str(error)})
                    return
                freeze_what_startup_made()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.tasks is not None:
                    # In a thread: tasks finishing now still push through this loop.
                    await asyncio.to_thread(self.tasks.stop)
                    realtime.bind_web_server_loop(None)
                await send({"type": "lifespan.shutdown.complete"})
                return
