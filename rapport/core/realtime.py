"""Push events to browsers over the channel layer — always after the transaction commits,
so nobody is told about a row that a rollback then erases.

When the task consumer runs as threads of the web server (the default setup, where the
channel layer is in-memory), a push made by a task is handed to the web server's event
loop: the in-memory layer's queues belong to that loop, and a group_send run on a loop of
the task's own thread would leave the web server's sockets asleep until something else
woke the loop.

A socket's action (a move on a wall) runs in the database thread, which every socket's
actions share; its pushes are collected there (``pushes_collected``) and sent by the socket
from the event loop, so the thread goes on to the next action instead of waiting for a
change to reach hundreds of followers."""

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

# Long enough for a busy loop; a push never holds a task hostage beyond it.
PUSH_TIMEOUT_SECONDS = 5.0

_web_server_loop: asyncio.AbstractEventLoop | None = None
_collecting = threading.local()


def bind_web_server_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    """Send pushes made on other threads through ``loop`` (None: stop doing so)."""
    global _web_server_loop
    _web_server_loop = loop


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def course_group(course_id: int) -> str:
    return f"course.{course_id}"


def member_group(course_id: int, user_id: int) -> str:
    """One person's sockets on one course (told when their place in it changes)."""
    return f"course.{course_id}.member.{user_id}"


def stream_group(course_id: int, stream: str, object_id: int) -> str:
    """Everyone on a course's socket following one thing of it (a discussion topic)."""
    return f"course.{course_id}.{stream}.{object_id}"


@contextmanager
def pushes_collected() -> Iterator[list[tuple[str, dict]]]:
    """Within the block, pushes made on this thread are kept, as (group, event), in the
    list it gives, for the caller to send after it (``group_send`` each, in order)."""
    pushes: list[tuple[str, dict]] = []
    outer = getattr(_collecting, "pushes", None)
    _collecting.pushes = pushes
    try:
        yield pushes
    finally:
        _collecting.pushes = outer


def _send(group: str, event: dict) -> None:
    collected = getattr(_collecting, "pushes", None)
    if collected is not None:
        collected.append((group, event))
        return
    layer = get_channel_layer()
    if layer is None:
        return
    loop = _web_server_loop
    if loop is not None and loop.is_running() and not _running_on(loop):
        pushed = asyncio.run_coroutine_threadsafe(layer.group_send(group, event), loop)
        pushed.result(timeout=PUSH_TIMEOUT_SECONDS)
    else:
        async_to_sync(layer.group_send)(group, event)


def _running_on(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def send_to_user_on_commit(user_id: int, event: dict) -> None:
    transaction.on_commit(lambda: _send(user_group(user_id), event))


def send_to_course_on_commit(course_id: int, event: dict) -> None:
    transaction.on_commit(lambda: _send(course_group(course_id), event))


def membership_changed_on_commit(course_id: int, user_id: int) -> None:
    """Close ``user_id``'s open sockets on the course once the change commits: each page
    then connects again, as whatever the person now is there (or not at all)."""
    event = {"type": "membership.changed"}
    transaction.on_commit(lambda: _send(member_group(course_id, user_id), event))


def stream_changed_on_commit(course_id: int, stream: str, object_id: int) -> None:
    """Tell whoever follows ``stream`` ``object_id`` of the course that it changed. The
    event carries no content: each page asks for what it may see, as it would by polling."""
    event = {"type": "stream.changed", "stream": stream, "id": object_id}
    transaction.on_commit(lambda: _send(stream_group(course_id, stream, object_id), event))


def stream_event_on_commit(
    course_id: int, stream: str, object_id: int, payload: Callable[[], dict | None]
) -> None:
    """Hand whoever follows ``stream`` ``object_id`` of the course the dict ``payload()``
    builds after the commit (None: nothing to say). Each socket shapes it for its reader
    before sending (the stream's ``shape``), so a payload may hold what some readers must
    not see."""

    def send() -> None:
        body = payload()
        if body is not None:
            event = {"type": "stream.event", "stream": stream, "id": object_id, "payload": body}
            _send(stream_group(course_id, stream, object_id), event)

    transaction.on_commit(send)
