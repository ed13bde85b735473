"""Redis restarted in the middle of a live session: the participants' pages carry on (they
reconnect if their socket dropped, as the live page does), and the poll's results stay whole,
since the answers are in the database.

Two servers share the private Redis (channel layer, cache, task queue) and PostgreSQL; 20
learners have the session open, half on each server. Ten answer the poll; Redis is killed
and started again, empty; the other ten answer. It passes when every answer was accepted,
every participant (on either server) is shown results counting all 20 answers, and the
database holds exactly 20."""

import asyncio
import contextlib
import json
import tempfile
import time
from pathlib import Path

from common import run_alone, shell
from harness import COURSE_SETUP, servers_running, socket_open

NAME = "redis_restarted"
PARTICIPANTS = 20
SETTLE_SECONDS = 30  # for every participant to be shown a count

SETUP = """
from rapport.live import services as live
from rapport.live.models import ActivityKind

host = members[instructor.pk]
live_session = live.session_create(course=course, member=host, title="Thursday class")
poll = live.activity_add(session=live_session, member=host, kind=ActivityKind.POLL,
                         prompt="Ready?", choices=["Yes", "Nearly"])
live.activity_reveal(activity=poll, member=host, visible=True)
print(json.dumps({"code": live_session.join_code, "activity": poll.pk,
                  "sessions": [session(user) for user in learners]}))
"""

ANSWERS = """
import json
from rapport.live.models import Answer
print(json.dumps({"answers": Answer.objects.filter(activity_id=%(activity)d).count()}))
"""


class Page:
    """One participant's live page: keeps its socket open (connecting again a second after
    a drop), notes the highest ``answered`` it was shown, and answers when told to."""

    def __init__(self, port: int, session: str, setup: dict):
        self.port, self.session, self.setup = port, session, setup
        self.shown = -1
        self.reconnects = 0
        self.answered = asyncio.Event()
        self.wants_to_answer = False
        self.socket = None
        self.problem = ""

    def note(self, message: str) -> None:
        data = json.loads(message)
        results = data.get("results")
        if isinstance(results, dict):
            self.shown = max(self.shown, results.get("answered", -1))
        if data.get("type") == "answered":
            self.answered.set()
        elif data.get("type") == "error" and data.get("ref"):
            self.problem = message[:200]

    async def keep_open(self) -> None:
        import websockets

        path = f"/ws/live/{self.setup['code']}/"
        while True:
            try:
                self.socket = await socket_open(self.port, path, self.session, 10)
                if self.wants_to_answer and not self.answered.is_set():
                    await self.send_answer()
                async for message in self.socket:
                    self.note(message)
            except (OSError, TimeoutError, websockets.WebSocketException):
                pass
            self.socket = None
            self.reconnects += 1
            await asyncio.sleep(1)

    async def send_answer(self) -> None:
        self.wants_to_answer = True
        if self.socket is not None:
            answer = {"type": "answer", "activity": self.setup["activity"], "value": "Yes"}
            # A socket dropping meanwhile sends it again once reconnected.
            with contextlib.suppress(Exception):
                await self.socket.send(json.dumps({**answer, "ref": 1}))


async def session_with_restart(setup: dict, ports: list[int], services) -> str | None:
    pages = [
        Page(ports[n % len(ports)], session, setup) for n, session in enumerate(setup["sessions"])
    ]
    keeping = [asyncio.create_task(page.keep_open()) for page in pages]
    try:
        if not await shown_at_least(pages, 0):
            return "not every participant was shown the poll"
        first, second = pages[: PARTICIPANTS // 2], pages[PARTICIPANTS // 2 :]
        for page in first:
            await page.send_answer()
        if not await shown_at_least(pages, len(first)):
            return f"before the restart, not all were shown {len(first)}: {counts(pages)}"
        services.redis.stop()
        await asyncio.sleep(1)
        await asyncio.to_thread(services.redis.start)
        restarted = time.monotonic()
        for page in second:
            await page.send_answer()
        if not await shown_at_least(pages, PARTICIPANTS):
            replied = sum(page.answered.is_set() for page in second)
            problems = sorted({page.problem for page in pages if page.problem})
            return (
                f"after the restart, not all were shown {PARTICIPANTS}: {counts(pages)}; "
                f"{replied} of {len(second)} answers accepted; "
                f"{sum(page.reconnects for page in pages)} reconnections; refusals {problems}"
            )
        problems = [page.problem for page in pages if page.problem]
        print(
            f"  every participant shown all {PARTICIPANTS} answers "
            f"{time.monotonic() - restarted:.1f} s after Redis came back; "
            f"{sum(page.reconnects for page in pages)} reconnections; "
            f"{len(problems)} answers refused along the way"
        )
        return None
    finally:
        for task in keeping:
            task.cancel()
        await asyncio.gather(*keeping, return_exceptions=True)


async def shown_at_least(pages: list[Page], count: int) -> bool:
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        if all(page.shown >= count for page in pages):
            return True
        await asyncio.sleep(0.2)
    return False


def counts(pages: list[Page]) -> list[int]:
    return sorted(page.shown for page in pages)


def run(services) -> str | None:
    with tempfile.TemporaryDirectory(prefix="rapport-fault-redis-") as var_dir:
        env = services.environment(var_dir)
        names = {"token": "r", "name": "redis", "title": "Redis", "learners": PARTICIPANTS}
        setup = shell(env, COURSE_SETUP % names + SETUP)
        with servers_running(env, 2) as (ports, _):
            failure = asyncio.run(session_with_restart(setup, ports, services))
        if failure:
            logs = "".join(path.read_text()[-1500:] for path in Path(var_dir).glob("server-*.log"))
            return f"{failure}; the servers said: {logs!r}"
        stored = shell(env, ANSWERS % setup)["answers"]
        if stored != PARTICIPANTS:
            return f"{stored} answers in the database for {PARTICIPANTS} participants"
        return None


if __name__ == "__main__":
    import sys

    run_alone(sys.modules[__name__])
