"""Push events to browsers over the channel layer — always after the transaction commits,
so nobody is told about a row that a rollback then erases."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def course_group(course_id: int) -> str:
    return f"course.{course_id}"


def _send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


def send_to_user_on_commit(user_id: int, event: dict) -> None:
    transaction.on_commit(lambda: _send(user_group(user_id), event))


def send_to_course_on_commit(course_id: int, event: dict) -> None:
    transaction.on_commit(lambda: _send(course_group(course_id), event))
