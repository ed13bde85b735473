import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from rapport.core import notifications
from rapport.core.consumers import PersonalConsumer
from rapport.core.kinds import NotificationKind

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def _communicator(user):
    communicator = WebsocketCommunicator(PersonalConsumer.as_asgi(), "/ws/me/")
    communicator.scope["user"] = user
    return communicator


async def test_anonymous_socket_is_refused():
    communicator = _communicator(AnonymousUser())
    connected, code = await communicator.connect()
    assert not connected
    assert code == 4401


async def test_new_notification_pushes_the_unread_count_to_its_recipient_only(cast):
    mine, theirs = _communicator(cast.instructor), _communicator(cast.learner)
    assert (await mine.connect())[0]
    assert (await theirs.connect())[0]
    await sync_to_async(notifications.notify)(
        recipient=cast.instructor, kind=NotificationKind.MEMBER_JOINED, title="Hello"
    )
    assert await mine.receive_json_from(timeout=2) == {
        "type": "notifications.unread",
        "count": 1,
    }
    assert await theirs.receive_nothing(timeout=0.2)
    await mine.disconnect()
    await theirs.disconnect()


async def test_messages_from_the_browser_are_answered_not_acted_on(cast):
    communicator = _communicator(cast.learner)
    await communicator.connect()
    await communicator.send_json_to({"type": "notifications.unread", "count": 99})
    reply = await communicator.receive_json_from(timeout=2)
    assert reply["type"] == "error"
    await communicator.send_to(text_data="not json")
    assert (await communicator.receive_json_from(timeout=2))["message"] == (
        "That message was not valid JSON."
    )
    await communicator.send_to(text_data="x" * 20000)
    assert "16 KB" in (await communicator.receive_json_from(timeout=2))["message"]
    await communicator.disconnect()


async def test_media_status_reaches_the_owner(cast):
    from channels.layers import get_channel_layer

    from rapport.core.realtime import user_group

    communicator = _communicator(cast.learner)
    await communicator.connect()
    await get_channel_layer().group_send(
        user_group(cast.learner.pk), {"type": "media.status", "id": "abc", "status": "ready"}
    )
    assert await communicator.receive_json_from(timeout=2) == {
        "type": "media.status",
        "id": "abc",
        "status": "ready",
    }
    await communicator.disconnect()
