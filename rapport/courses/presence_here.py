"""Who is looking at a followed thing right now (a board's "here now"), kept in the cache
so every server process shares it: one entry per open socket, each renewed by the page
every ``RENEW_SECONDS`` and forgotten ``FORGET_SECONDS`` after its last renewal, so a
socket that vanished without saying goodbye drops out on its own."""

import time

from django.core.cache import cache

RENEW_SECONDS = 30
FORGET_SECONDS = 75


def _key(group: str) -> str:
    return f"here:{group}"


def _live(entries: dict, now: float) -> dict:
    return {channel: entry for channel, entry in entries.items() if entry[2] > now}


async def arrive(group: str, channel: str, user_id: int, name: str) -> tuple[list[dict], bool]:
    """Note (or renew) ``channel`` here: who is here now, and whether that changed (a
    renewal, or another tab of someone here already, changes nothing to tell)."""
    now = time.time()
    entries = _live(await cache.aget(_key(group), {}), now)
    before = people(entries)
    entries[channel] = (user_id, name, now + FORGET_SECONDS)
    await cache.aset(_key(group), entries, FORGET_SECONDS)
    after = people(entries)
    return after, after != before


async def leave(group: str, channel: str) -> list[dict]:
    entries = _live(await cache.aget(_key(group), {}), time.time())
    entries.pop(channel, None)
    await cache.aset(_key(group), entries, FORGET_SECONDS)
    return people(entries)


def people(entries: dict) -> list[dict]:
    """Each person once (several tabs count once), by name."""
    found = {user_id: name for user_id, name, _ in entries.values()}
    return [
        {"name": name}
        for user_id, name in sorted(found.items(), key=lambda item: (item[1].casefold(), item[0]))
    ]
