"""A whole class acting at once on the server `make run` starts.

Starts `manage.py serve` (DEBUG=1, its default configuration: with neither DATABASE_URL nor
REDIS_URL set, SQLite and the task consumer as threads of the web server) on a free local
port against a fresh migrated and seeded database in a temporary folder. 75 more learners
join the demo course (100 in all); each learner's session is created up front, and a topic
with 500 replies is added for the idle baseline. The learners are coroutines of this
process, talking plain HTTP/1.1 over asyncio streams — never in the server's process.

Each learner repeats, in order: the course home, the discussions list, their notifications,
the mood page, a mood check-in (POST), a discussion topic, a reply to its opening post
(POST). Scenarios, each measured in the same run:

- idle: each hot page alone (median of a few), and the topic with 500 replies;
- floor: 25 clients without pause on /favicon.ico, a minimal Django view;
- n25: 25 learners without pause (capacity);
- n100: 100 learners pausing 2–5 s between actions (a real class).

Each scenario starts on an idle server: the bench first waits (and says how long) until the
server's processes use almost no CPU, so the emails and notifications the previous
scenario's replies queued are not counted against the next one.

Errors are 5xx, any other unexpected status, timeouts and "database is locked" anywhere in
a response. Afterwards every reply and mood check-in the server accepted is looked for in
the database. With DATABASE_URL and REDIS_URL set, the same runs against them (the database
must exist and be empty; it is migrated and seeded).

    .venv/bin/python bench/class_burst.py [--seconds 40] [--slow-seconds 40]

Ends with: summary: n25_worst_path_p99_ms=<n> n25_errors=<n> n25_rps=<n> n100_p99_ms=<n>
n100_errors=<n> floor_ratio=<n>
"""

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from harness import http_request as request

from rapport.core.testing.servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIMEOUT_SECONDS = 30.0
EXTRA_LEARNERS = 75
BIG_TOPIC_REPLIES = 500
IDLE_REPEATS = 7
IDLE_WAIT_LIMIT_SECONDS = 120

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from rapport.community.discussions.mentions import prerender
from rapport.community.discussions.services import post_reply, topic_start
from rapport.community.models.discussions import Post, Topic
from rapport.community.models.settings import community_settings_for
from rapport.courses.models import Course, Membership, Role

course = Course.objects.get(slug="env-sci-101")
User = get_user_model()
for n in range(%(extra)d):
    user, _ = User.objects.get_or_create(
        email=f"bench-learner-{n}@example.test", defaults={"full_name": f"Bench Learner {n}"}
    )
    Membership.objects.get_or_create(course=course, user=user, defaults={"role": Role.LEARNER})
settings = community_settings_for(course)
settings.mood_daily_limit = 10_000  # the burst checks in far more often than a person would
settings.save()
learners = [
    m.user for m in Membership.objects.filter(course=course, role=Role.LEARNER).order_by("pk")
]
big = topic_start(course=course, author=learners[0], title="A long thread", body="Opening.")
opening = Post.objects.get(topic=big, parent=None)
bodies = [f"Reply **{i}** with [a link](https://example.org/{i}) and _emphasis_."
          for i in range(%(replies)d)]
Post.objects.bulk_create(
    Post(course=course, topic=big, parent=opening, depth=1, author=learners[i %% 20],
         body=body, body_html=html, body_html_key=key)
    for i, body in enumerate(bodies)
    for html, key in [prerender(body)]
)
topics = [
    {"id": t.pk, "opening": Post.objects.get(topic=t, parent=None).pk}
    for t in Topic.objects.filter(course=course, hidden_at=None, locked_at=None).exclude(pk=big.pk)
]
sessions = []
for user in learners:
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({"course": course.slug, "topics": topics, "big_topic": big.pk,
                  "sessions": sessions}))
"""

FOUND = """
import json, os
from rapport.community.models.checkins import MoodCheckin
from rapport.community.models.discussions import Post
wanted = json.loads(open(os.environ["BENCH_WANTED"]).read())
replies = set(Post.objects.filter(body__in=wanted["replies"]).values_list("body", flat=True))
moods = set(MoodCheckin.objects.filter(word__in=wanted["moods"]).values_list("word", flat=True))
print(json.dumps({"replies": len(replies), "moods": len(moods)}))
"""


def manage(args: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


class Recorder:
    """Per path: how long each request took; and the errors, by kind."""

    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.started = time.perf_counter()
        self.slowest: list[tuple[float, float, str]] = []  # (took, began after, path)
        self.samples: dict[str, str] = {}  # a path's first unexpected answer, for the reader
        self.replies: list[str] = []
        self.moods: list[str] = []

    @property
    def count(self) -> int:
        return sum(len(times) for times in self.times.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


async def timed(
    recorder: Recorder, label: str, port: int, method: str, path: str, ok: set[int], **kwargs
) -> int:
    started = time.perf_counter()
    try:
        status, body = await asyncio.wait_for(
            request(port, method, path, **kwargs), TIMEOUT_SECONDS
        )
    except TimeoutError:
        recorder.errors[f"{label}: timeout"] += 1
        return 0
    except (OSError, IndexError, ValueError) as error:
        recorder.errors[f"{label}: {type(error).__name__}"] += 1
        return 0
    took = time.perf_counter() - started
    recorder.times[label].append(took)
    recorder.slowest.append((took, started - recorder.started, label))
    if b"database is locked" in body:
        recorder.errors[f"{label}: database is locked"] += 1
    elif status not in ok:
        recorder.errors[f"{label}: HTTP {status}"] += 1
        said = re.search(rb'class="errorlist[^>]*>(.*?)</ul>', body, re.S)
        recorder.samples.setdefault(label, said.group(1)[:200].decode() if said else "")
    return status


async def learner(
    n: int, setup: dict, port: int, recorder: Recorder, until: float, pause: tuple[float, float]
) -> None:
    slug, session = setup["course"], setup["sessions"][n]
    rng = random.Random(n)
    steps = 0

    async def act(label, method, path, ok=frozenset({200}), **kwargs):
        if pause[1]:
            await asyncio.sleep(rng.uniform(*pause))
        return await timed(recorder, label, port, method, path, set(ok), session=session, **kwargs)

    while time.monotonic() < until:
        steps += 1
        topic = rng.choice(setup["topics"])
        await act("course home", "GET", f"/c/{slug}/")
        await act("discussions", "GET", f"/c/{slug}/discussions/")
        await act("notifications", "GET", "/notifications/")
        await act("mood page", "GET", f"/c/{slug}/mood/")
        word = f"m{n}x{steps}x{secrets.token_hex(3)}"
        if (
            await act(
                "mood check-in",
                "POST",
                f"/c/{slug}/mood/",
                {302},
                form={"score": str(rng.randint(1, 5)), "word": word},
            )
            == 302
        ):
            recorder.moods.append(word)
        await act("topic", "GET", f"/c/{slug}/discussions/{topic['id']}/")
        body = f"Burst reply {n}-{steps}-{secrets.token_hex(4)}"
        reply = f"/c/{slug}/discussions/posts/{topic['opening']}/reply/"
        if await act("reply", "POST", reply, {302}, form={"body": body.replace(" ", "+")}) == 302:
            recorder.replies.append(body)


async def floor_client(port: int, recorder: Recorder, until: float) -> None:
    while time.monotonic() < until:
        await timed(recorder, "minimal view (/favicon.ico)", port, "GET", "/favicon.ico", {200})


async def run_scenario(setup, port, *, learners: int, seconds: float, pause) -> tuple:
    recorder = Recorder()
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(
        *(learner(n, setup, port, recorder, until, pause) for n in range(learners))
    )
    return recorder, time.monotonic() - started


async def run_floor(port: int, *, clients: int, seconds: float) -> tuple:
    recorder = Recorder()
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(floor_client(port, recorder, until) for _ in range(clients)))
    return recorder, time.monotonic() - started


def ms(seconds: float) -> float:
    return seconds * 1000


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(name: str, recorder: Recorder, elapsed: float) -> dict:
    load = os.getloadavg()[0]
    rps = recorder.count / elapsed
    print(
        f"\n{name}: {recorder.count} requests in {elapsed:.1f} s = {rps:.1f} req/s "
        f"(load average {load:.2f}), errors {recorder.error_count}"
    )
    print(f"  {'path':<30} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    worst = 0.0
    for label, times in recorder.times.items():
        p50, p99 = ms(statistics.median(times)), ms(percentile(times, 0.99))
        worst = max(worst, p99)
        print(f"  {label:<30} {len(times):>6} {p50:>8.0f} {p99:>8.0f} {ms(max(times)):>8.0f}")
    for kind, count in sorted(recorder.errors.items()):
        print(f"  error: {kind} × {count}")
    slow = sorted(recorder.slowest, reverse=True)[:5]
    print(
        "  slowest: "
        + ", ".join(f"{label} {ms(took):.0f} ms at {at:.1f} s" for took, at, label in slow)
    )
    for label, sample in recorder.samples.items():
        print(f"  {label} said: {sample!r}")
    return {"rps": rps, "worst_p99": worst, "errors": recorder.error_count}


def check_nothing_lost(name: str, recorder: Recorder, env) -> int:
    wanted = {"replies": recorder.replies, "moods": recorder.moods}
    path = Path(env["RAPPORT_VAR_DIR"]) / "wanted.json"
    path.write_text(json.dumps(wanted))
    out = manage(["shell", "-v", "0", "-c", FOUND], {**env, "BENCH_WANTED": str(path)})
    found = json.loads(out.strip().splitlines()[-1])
    lost = len(recorder.replies) - found["replies"] + len(recorder.moods) - found["moods"]
    print(
        f"  {name}: {found['replies']} of {len(recorder.replies)} replies and "
        f"{found['moods']} of {len(recorder.moods)} mood check-ins found afterwards"
    )
    return lost


async def idle_baseline(setup, port) -> None:
    slug, session = setup["course"], setup["sessions"][0]
    topic = setup["topics"][0]["id"]
    pages = {
        "course home": f"/c/{slug}/",
        "discussions": f"/c/{slug}/discussions/",
        "topic": f"/c/{slug}/discussions/{topic}/",
        f"topic, {BIG_TOPIC_REPLIES} replies": f"/c/{slug}/discussions/{setup['big_topic']}/",
        f"topic, {BIG_TOPIC_REPLIES} replies, last page": (
            f"/c/{slug}/discussions/{setup['big_topic']}/?page=last"
        ),
    }
    print(
        f"\nidle (one request at a time, median of {IDLE_REPEATS}; load average "
        f"{os.getloadavg()[0]:.2f}):"
    )
    for label, path in pages.items():
        recorder = Recorder()
        for _ in range(IDLE_REPEATS):
            await timed(recorder, label, port, "GET", path, {200}, session=session)
        times = recorder.times[label] or [float("nan")]
        print(
            f"  {label:<30} {ms(statistics.median(times)):>8.0f} ms"
            + (f"  errors {dict(recorder.errors)}" if recorder.errors else "")
        )


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and every descendant still running (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = defaultdict(list)
    usage: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        children[int(fields[1])].append(int(entry.name))
        usage[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += usage.get(current, 0.0)
        todo += children.get(current, [])
    return total


async def until_idle(server_pid: int, label: str) -> None:
    """Wait until the server (and its task worker) used under 3% of a core for a second:
    each scenario starts on an idle server, not on the fan-out work (notifications,
    emails) the scenario before it left in the task queue."""
    started = time.monotonic()
    before = process_tree_cpu_seconds(server_pid)
    while time.monotonic() - started < IDLE_WAIT_LIMIT_SECONDS:
        await asyncio.sleep(1.0)
        now = process_tree_cpu_seconds(server_pid)
        busy, before = now - before, now
        if busy < 0.03:
            break
    print(f"\n(before {label}: the server was idle after {time.monotonic() - started:.1f} s)")


async def bench(setup, port, env, args, server_pid: int) -> str:
    await until_idle(server_pid, "the idle baseline")
    await idle_baseline(setup, port)
    floor, floor_elapsed = await run_floor(port, clients=25, seconds=args.floor_seconds)
    floor_stats = report("floor: 25 clients on a minimal view", floor, floor_elapsed)
    await until_idle(server_pid, "n25")
    n25, n25_elapsed = await run_scenario(
        setup, port, learners=25, seconds=args.seconds, pause=(0, 0)
    )
    n25_stats = report("n25: 25 learners, no pause", n25, n25_elapsed)
    await until_idle(server_pid, "n100")
    n100, n100_elapsed = await run_scenario(
        setup, port, learners=100, seconds=args.slow_seconds, pause=(2, 5)
    )
    n100_stats = report("n100: 100 learners pausing 2–5 s", n100, n100_elapsed)
    print("\nnothing lost:")
    lost = check_nothing_lost("n25", n25, env) + check_nothing_lost("n100", n100, env)
    ratio = n25_stats["rps"] / floor_stats["rps"]
    print(f"mix throughput / minimal view throughput: {ratio:.2f}")
    return (
        f"summary: n25_worst_path_p99_ms={n25_stats['worst_p99']:.0f} "
        f"n25_errors={n25_stats['errors']} n25_rps={n25_stats['rps']:.1f} "
        f"n100_p99_ms={n100_stats['worst_p99']:.0f} n100_errors={n100_stats['errors']} "
        f"floor_ratio={ratio:.2f} lost={lost}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=40, help="n25's length")
    parser.add_argument("--slow-seconds", type=float, default=40, help="n100's length")
    parser.add_argument("--floor-seconds", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rapport-bench-burst-") as var_dir:
        env = {**os.environ, "RAPPORT_VAR_DIR": var_dir, "DEBUG": "1", "LOG_LEVEL": "WARNING"}
        env["PYTHONUTF8"] = "1"
        where = "PostgreSQL + Redis" if env.get("DATABASE_URL") else "SQLite, tasks in the server"
        print(f"setup: {where}; load average {os.getloadavg()[0]:.2f}")
        manage(["migrate", "--no-input", "-v", "0"], env)
        manage(["seed_demo"], env)
        setup = json.loads(
            manage(
                ["shell", "-c", SETUP % {"extra": EXTRA_LEARNERS, "replies": BIG_TOPIC_REPLIES}],
                env,
            )
            .strip()
            .splitlines()[-1]
        )
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(var_dir) / "server.log", "w"),  # noqa: SIM115 - closed with the folder
            process_group=0,
        )
        try:
            wait_for_port(port, server, timeout=60)
            summary = asyncio.run(bench(setup, port, env, args, server.pid))
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        print(summary)


if __name__ == "__main__":
    main()
