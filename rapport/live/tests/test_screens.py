"""A flush reaches this process's sockets of a session through one channel-layer message:
hosts get the hosts' text, everyone else the public one; a socket still connecting gets
the latest results only after its first texts; a socket whose network stalls holds nobody
up and gets the latest results when it catches up; the relay leaves the session's group
with its last socket."""

import asyncio

import pytest

from rapport.core.channel_layer import InMemoryChannelLayer
from rapport.live import screens as screens_module
from rapport.live.screens import LocalScreens, relay_group, relay_message

pytestmark = pytest.mark.asyncio
COURSE, SESSION = 7, 70


@pytest.fixture(autouse=True)
def layer(monkeypatch) -> InMemoryChannelLayer:
    """A layer of these tests' own (whatever the settings' layer is), whose groups they
    can look into."""
    own = InMemoryChannelLayer()
    monkeypatch.setattr(screens_module, "get_channel_layer", lambda: own)
    return own


def get_channel_layer() -> InMemoryChannelLayer:
    return screens_module.get_channel_layer()


class Socket:
    def __init__(self):
        self.texts: list[str] = []

    async def base_send(self, message: dict) -> None:
        assert message["type"] == "websocket.send"
        self.texts.append(message["text"])


class StalledSocket(Socket):
    """A phone whose network takes nothing until ``resume``."""

    def __init__(self):
        super().__init__()
        self.open = asyncio.Event()

    async def base_send(self, message: dict) -> None:
        await self.open.wait()
        await super().base_send(message)


async def _until(condition, seconds: float = 5) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0.005)


async def _flush(public: str, host: str | None = None) -> None:
    message = relay_message(SESSION, public, host or f"host:{public}")
    await get_channel_layer().group_send(relay_group(COURSE, SESSION), message)


async def _joined(screens: LocalScreens, socket, host: bool = False):
    await screens.join(socket, COURSE, SESSION, host)
    await screens.ready(socket)
    return socket


async def test_one_message_per_process_reaches_each_socket_with_its_own_text():
    screens = LocalScreens()
    learners = [await _joined(screens, Socket()) for _ in range(3)]
    host = await _joined(screens, Socket(), host=True)
    assert len(get_channel_layer().groups[relay_group(COURSE, SESSION)]) == 1
    await _flush("r1")
    await _until(lambda: host.texts)
    assert [s.texts for s in learners] == [["r1"]] * 3 and host.texts == ["host:r1"]
    for socket in (*learners, host):
        await screens.leave(socket, COURSE, SESSION)


async def test_a_socket_still_connecting_gets_only_the_latest_after_its_first_texts():
    screens = LocalScreens()
    watcher = await _joined(screens, Socket())
    joining = Socket()
    await screens.join(joining, COURSE, SESSION, False)
    await _flush("r1")
    await _flush("r2")
    await _until(lambda: len(watcher.texts) == 2)
    assert joining.texts == []
    joining.texts.append("activity")  # what the socket sends first when it connects
    await screens.ready(joining)
    assert joining.texts == ["activity", "r2"]
    await _flush("r3")
    await _until(lambda: joining.texts[-1] == "r3")
    for socket in (watcher, joining):
        await screens.leave(socket, COURSE, SESSION)


async def test_a_stalled_socket_holds_nobody_up_and_catches_up_with_the_latest(monkeypatch):
    monkeypatch.setattr(screens_module, "SEND_SECONDS", 0.01)
    screens = LocalScreens()
    stalled = await _joined(screens, StalledSocket())
    others = [await _joined(screens, Socket()) for _ in range(2)]
    for n in range(3):
        await _flush(f"r{n}")
        await _until(lambda n=n: all(s.texts[-1:] == [f"r{n}"] for s in others))
    assert stalled.texts == []
    stalled.open.set()
    await _until(lambda: stalled.texts and stalled.texts[-1] == "r2")
    assert len(stalled.texts) <= 2  # the one it was stuck on, then only the latest
    await _flush("r3")
    await _until(lambda: stalled.texts[-1] == "r3")
    for socket in (stalled, *others):
        await screens.leave(socket, COURSE, SESSION)


async def test_the_relay_leaves_the_sessions_group_with_its_last_socket():
    screens = LocalScreens()
    first, second = await _joined(screens, Socket()), await _joined(screens, Socket())
    group = relay_group(COURSE, SESSION)
    await screens.leave(first, COURSE, SESSION)
    assert len(get_channel_layer().groups.get(group, {})) == 1
    await screens.leave(second, COURSE, SESSION)
    assert not get_channel_layer().groups.get(group)
    await _flush("nobody")
    await asyncio.sleep(0.02)
    assert first.texts == second.texts == []
