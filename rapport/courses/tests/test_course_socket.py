"""The course socket, /ws/c/<slug>/: only an active member of the course gets in (from an
allowed origin); a page follows a topic it may see and hears when a reply lands, after the
reply commits; bad messages get a clear answer and nothing else."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from rapport.community.discussions import moderation
from rapport.community.discussions.testing import opening, reply, start
from rapport.core.refusals import Refused
from rapport.courses import consumers
from rapport.courses.models import Membership, MembershipStatus
from rapport.courses.testing import course_socket
from rapport.routing import websocket_application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def topic(cast):
    return start(cast.course, cast.instructor, "Field trip", "Who is coming?")


async def _follow(socket, topic_id, stream="topic"):
    await socket.send_json_to({"type": "follow", "stream": stream, "id": topic_id})
    return await socket.receive_json_from(timeout=2)


async def test_strangers_are_refused(cast):
    for user, slug, code in [
        (AnonymousUser(), cast.course.slug, 4401),
        (cast.outsider, cast.course.slug, 4403),
        (cast.learner, "no-such-course", 4403),
    ]:
        connected, closed_with = await course_socket(user, slug).connect()
        assert (connected, closed_with) == (False, code)


async def test_a_member_who_left_is_refused(cast):
    await sync_to_async(Membership.objects.filter(course=cast.course, user=cast.learner).update)(
        status=MembershipStatus.REMOVED, status_changed_at=timezone.now()
    )
    connected, code = await course_socket(cast.learner, cast.course.slug).connect()
    assert (connected, code) == (False, 4403)


async def test_a_socket_from_another_site_is_refused(cast):
    socket = WebsocketCommunicator(
        websocket_application,
        f"/ws/c/{cast.course.slug}/",
        headers=[(b"origin", b"https://evil.example")],
    )
    connected, _ = await socket.connect()
    assert not connected


async def test_a_follower_hears_of_a_reply_once_it_is_saved(cast, topic):
    follower = course_socket(cast.learner, cast.course.slug)
    bystander = course_socket(cast.other_learner, cast.course.slug)
    assert (await follower.connect())[0] and (await bystander.connect())[0]
    assert await _follow(follower, topic.pk) == {
        "type": "following",
        "stream": "topic",
        "id": topic.pk,
    }
    await sync_to_async(reply)(await sync_to_async(opening)(topic), cast.other_learner, "Me!")
    assert await follower.receive_json_from(timeout=2) == {
        "type": "changed",
        "stream": "topic",
        "id": topic.pk,
    }
    assert await bystander.receive_nothing(timeout=0.2)
    await follower.disconnect()
    await bystander.disconnect()


async def test_news_for_followers_takes_no_trip_to_the_database_thread(cast, topic, monkeypatch):
    """Channels closes stale database connections, in the database thread, before each
    message it hands a socket; news for followers needs no database, and one change told to
    hundreds of followers would queue hundreds of those trips ahead of the next action."""
    import channels.consumer

    trips = []

    async def trip():
        trips.append(1)

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", trip)
    follower = course_socket(cast.learner, cast.course.slug)
    assert (await follower.connect())[0]
    await _follow(follower, topic.pk)
    before = len(trips)
    await sync_to_async(reply)(await sync_to_async(opening)(topic), cast.other_learner, "Me!")
    assert (await follower.receive_json_from(timeout=2))["type"] == "changed"
    assert before and len(trips) == before
    await follower.disconnect()


async def test_a_reply_that_fails_tells_nobody(cast, topic):
    follower = course_socket(cast.learner, cast.course.slug)
    await follower.connect()
    await _follow(follower, topic.pk)
    await sync_to_async(moderation.topic_lock)(topic=topic, staff=cast.instructor, locked=True)
    with pytest.raises(Refused, match="locked"):
        await sync_to_async(lambda: reply(opening(topic), cast.learner, "Too late?"))()
    assert await follower.receive_nothing(timeout=0.3)
    await follower.disconnect()


async def test_only_topics_a_member_may_see_can_be_followed(cast, topic):
    elsewhere = await sync_to_async(start)(cast.other_course, cast.outsider, "Theirs")
    await sync_to_async(type(topic).objects.filter(pk=topic.pk).update)(hidden_at=timezone.now())
    learner = course_socket(cast.learner, cast.course.slug)
    await learner.connect()
    for topic_id in (elsewhere.pk, topic.pk, 999_999):
        reply = await _follow(learner, topic_id)
        assert reply["type"] == "error", topic_id
    await learner.disconnect()
    # Staff see hidden topics, so they may follow one.
    staff = course_socket(cast.instructor, cast.course.slug)
    await staff.connect()
    assert (await _follow(staff, topic.pk))["type"] == "following"
    await staff.disconnect()


async def test_bad_messages_are_answered_and_change_nothing(cast, topic):
    socket = course_socket(cast.learner, cast.course.slug)
    await socket.connect()
    for message in [
        {"type": "shout"},
        {"type": "follow", "stream": "board", "id": 1},
        {"type": "follow", "stream": "topic", "id": "1"},
        {"type": "follow", "stream": "topic", "id": True},
        {"type": "follow", "stream": ["topic"], "id": 1},
    ]:
        await socket.send_json_to(message)
        assert (await socket.receive_json_from(timeout=2))["type"] == "error", message
    await socket.send_to(text_data="not json")
    assert (await socket.receive_json_from(timeout=2))["type"] == "error"
    await socket.disconnect()


async def test_a_page_cannot_follow_without_end(cast, topic, monkeypatch):
    monkeypatch.setattr(consumers, "MAX_FOLLOWED", 2)
    more = [await sync_to_async(start)(cast.course, cast.instructor, f"More {n}") for n in (1, 2)]
    socket = course_socket(cast.learner, cast.course.slug)
    await socket.connect()
    replies = [(await _follow(socket, t.pk))["type"] for t in (topic, topic, *more)]
    # The same topic again is no new follow; the third topic is one too many.
    assert replies == ["following", "following", "following", "error"]
    await socket.disconnect()


async def test_a_socket_closes_when_its_person_is_removed_and_cannot_come_back(cast):
    from rapport.courses.services import membership_end

    socket = course_socket(cast.learner, cast.course.slug)
    assert (await socket.connect())[0]
    membership = await sync_to_async(Membership.objects.select_related("course", "user").get)(
        course=cast.course, user=cast.learner
    )
    await sync_to_async(membership_end)(
        membership=membership, status=MembershipStatus.REMOVED, actor=cast.instructor
    )
    assert (await socket.receive_output(timeout=2)) == {"type": "websocket.close", "code": 4409}
    connected, code = await course_socket(cast.learner, cast.course.slug).connect()
    assert (connected, code) == (False, 4403)


async def test_a_role_change_makes_the_page_connect_again(cast):
    from rapport.courses.models import Role
    from rapport.courses.services import membership_role_change

    socket = course_socket(cast.learner, cast.course.slug)
    assert (await socket.connect())[0]
    membership = await sync_to_async(Membership.objects.select_related("course", "user").get)(
        course=cast.course, user=cast.learner
    )
    await sync_to_async(membership_role_change)(
        membership=membership, role=Role.TA, actor=cast.instructor
    )
    assert (await socket.receive_output(timeout=2)) == {"type": "websocket.close", "code": 4409}
    assert (await course_socket(cast.learner, cast.course.slug).connect())[0]
