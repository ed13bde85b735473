"""A whole school hour on two web processes: learners browsing and posting while a large
class answers a live poll.

Two ``manage.py serve`` (each a uvicorn web process and its task worker) on two ports share
PostgreSQL (a new database on the local server, ``rapport_bench_load``, dropped after) and
Redis (``--redis-url``, by default database 13 of 127.0.0.1:6379, emptied before and after)
as channel layer, cache and task queue, as several servers are deployed. The course has
1,000 learners, each with a session made up front, a few discussion topics, a class wall,
an event and an open live session whose poll is on screen with its results revealed.

For ``--seconds`` (60 by default), all at once, from client processes of their own
(asyncio: plain HTTP/1.1, one fresh connection per request as a browser opening a page;
``websockets`` for the sockets):

- 300 learners (``--learners``), each pausing 5–15 s between actions (``--think``; a page
  or a post every 10 s or so, some 30 requests a second from the class): the course home, the
  discussions, a topic, the wall, the events and an event, the mood page, notifications,
  and writes — a reply to a topic, a card on the wall, a mood check-in;
- 1,000 participants (``--participants``) join the live session over the first half of
  the run (a WebSocket each, ``/ws/live/<code>/``), receive the poll, answer it once at a
  random moment and keep listening to its results until the end.

Learners and participants are spread evenly over the two servers. Errors (target 0) are any
answer other than 2xx/3xx (a write must redirect: a form shown again is an error too), a
timeout (30 s), a socket that fails to open, closes early or is refused its answer.

Then the same servers, one after the other for ``--ratio-seconds`` each, get 16 clients
without pause on a minimal Django view (``/favicon.ico``) and then on the learner's course
home: the ratio of the two throughputs says how far the course home is from the floor.

    .venv/bin/python bench/load.py [--seconds 60] [--learners 300] [--participants 1000]

Ends with: summary: rps=<HTTP requests/s> p50_ms=<n> p99_ms=<n> errors=<n>
home_vs_minimal_ratio=<n>
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import tempfile
import time
from collections import defaultdict

from harness import (
    ACTIVITY,
    ANSWERED,
    COURSE_SETUP,
    ERROR,
    MINE,
    RESULTS,
    Child,
    CpuMeter,
    base_env,
    http_request,
    percentile,
    prepare,
    redis_ready,
    say,
    servers_running,
    socket_open,
    throwaway_postgres,
    told,
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
DATABASE = "rapport_bench_load"
TIMEOUT_SECONDS = 30.0
THINK_SECONDS = (5.0, 15.0)
JOIN_SHARE = 0.5  # participants join over this share of the run, at random moments
CONNECTS_AT_ONCE = 100  # sockets being opened at once (a bound for the client process)
RATIO_CLIENTS = 16
MINIMAL_PATH = "/favicon.ico"
CHOICES = ["A worked example", "Time to practise", "A study partner", "A short break"]
SEED = 20_261_206

SETUP = """
import datetime
from django.utils import timezone
from rapport.community.discussions.services import topic_start
from rapport.community.models.discussions import Post
from rapport.community.models.settings import community_settings_for
from rapport.events.services.planning import EventDetails, event_create
from rapport.live import services as live
from rapport.live.models import ActivityKind
from rapport.walls.services import board_create

host = members[instructor.pk]
settings = community_settings_for(course)
settings.mood_daily_limit = 10_000  # the run checks in far more often than a person would
settings.save()
topics = []
for n in range(5):
    topic = topic_start(course=course, author=learners[n], title=f"Week {n + 1}: questions",
                        body="What surprised you this week?")
    topics.append({"id": topic.pk, "opening": Post.objects.get(topic=topic, parent=None).pk})
board = board_create(course=course, member=host, title="Where are we learning from?")
starts = timezone.now() + datetime.timedelta(days=2)
event = event_create(course=course, member=host, details=EventDetails(
    kind="coffee_chat", title="Coffee chat", starts_at=starts,
    ends_at=starts + datetime.timedelta(hours=1), timezone="UTC"))
live_session = live.session_create(course=course, member=host, title="Thursday class")
poll = live.activity_add(session=live_session, member=host, kind=ActivityKind.POLL,
                         prompt="Which would help you most this week?", choices=%(choices)r)
live.activity_reveal(activity=poll, member=host, visible=True)
print(json.dumps({
    "course": course.slug, "topics": topics, "board": board.pk, "event": event.pk,
    "code": live_session.join_code, "activity": poll.pk, "choices": poll.choices,
    "sessions": [session(user) for user in learners],
}))
"""


# --- What the client processes record ----------------------------------------------------


class Record:
    """Per label, each request's time; errors by kind, with a first example of each."""

    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: dict[str, str] = {}

    def error(self, kind: str, example: str = "") -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, example[:300])

    def as_data(self) -> dict:
        return {"times": self.times, "errors": self.errors, "examples": self.examples}


async def timed(record: Record, label: str, port: int, method: str, path: str, **kwargs) -> int:
    started = time.perf_counter()
    try:
        status, body = await asyncio.wait_for(
            http_request(port, method, path, **kwargs), TIMEOUT_SECONDS
        )
    except TimeoutError:
        record.error(f"{label}: timeout")
        return 0
    except (OSError, IndexError, ValueError) as error:
        record.error(f"{label}: {type(error).__name__}", str(error))
        return 0
    record.times[label].append(time.perf_counter() - started)
    wanted = (300, 400) if method == "POST" else (200, 400)
    if not wanted[0] <= status < wanted[1]:
        record.error(f"{label}: HTTP {status}", body[-300:].decode(errors="replace"))
    return status


# --- Learners ----------------------------------------------------------------------------


async def learner(n: int, spec: dict, record: Record, until: float) -> None:
    rng = random.Random(SEED + n)
    port, session = spec["ports"][n % len(spec["ports"])], spec["sessions"][n]
    slug = spec["course"]
    course = f"/c/{slug}"
    event = f"{course}/events/{spec['event']}/"
    wall = f"{course}/walls/{spec['board']}/"

    def topic_page():
        return f"{course}/discussions/{rng.choice(spec['topics'])['id']}/"

    def reply():
        opening = rng.choice(spec["topics"])["opening"]
        body = f"Reply+{n}+{secrets.token_hex(4)}"
        return ("POST", f"{course}/discussions/posts/{opening}/reply/", {"body": body})

    def card():
        body = f"Hello+from+learner+{n}+{secrets.token_hex(3)}"
        return ("POST", f"{wall}cards/", {"kind": "text", "body": body, "colour": "yellow"})

    def mood():
        form = {"score": str(rng.randint(1, 5)), "word": f"m{n}x{secrets.token_hex(3)}"}
        return ("POST", f"{course}/mood/", form)

    actions = [
        (3, "course home", lambda: ("GET", f"{course}/", None)),
        (2, "discussions", lambda: ("GET", f"{course}/discussions/", None)),
        (2, "topic", lambda: ("GET", topic_page(), None)),
        (2, "wall", lambda: ("GET", wall, None)),
        (1, "events", lambda: ("GET", f"{course}/events/", None)),
        (1, "event", lambda: ("GET", event, None)),
        (1, "mood page", lambda: ("GET", f"{course}/mood/", None)),
        (1, "notifications", lambda: ("GET", "/notifications/", None)),
        (1, "reply (POST)", reply),
        (1, "wall card (POST)", card),
        (1, "mood check-in (POST)", mood),
    ]
    weights = [weight for weight, _, _ in actions]
    await asyncio.sleep(rng.uniform(0, spec["think"][1]))  # arrivals spread, not a stampede
    while time.time() < until:
        _, label, make = rng.choices(actions, weights)[0]
        method, path, form = make()
        await timed(record, label, port, method, path, session=session, form=form)
        await asyncio.sleep(rng.uniform(*spec["think"]))


async def closed_loop(spec: dict, path: str, label: str, seconds: float) -> tuple[int, float]:
    """``RATIO_CLIENTS`` clients without pause on ``path`` (course home with a learner's
    session): how many answered, over how long."""
    record = Record()
    until = time.monotonic() + seconds

    async def client(k: int) -> None:
        port, session = spec["ports"][k % len(spec["ports"])], spec["sessions"][k]
        while time.monotonic() < until:
            await timed(record, label, port, "GET", path, session=session)

    started = time.monotonic()
    await asyncio.gather(*(client(k) for k in range(RATIO_CLIENTS)))
    return len(record.times[label]) - sum(record.errors.values()), time.monotonic() - started


async def learners_worker() -> None:
    spec = json.loads(await told())
    say("ready", {})
    go = json.loads(await told())
    record = Record()
    until = go["start"] + go["seconds"]
    if (ahead := go["start"] - time.time()) > 0:
        await asyncio.sleep(ahead)
    await asyncio.gather(*(learner(n, spec, record, until) for n in range(len(spec["sessions"]))))
    say("result", record.as_data())
    seconds = json.loads(await told())["seconds"]  # "ratio"
    minimal = await closed_loop(spec, MINIMAL_PATH, "minimal", seconds)
    home = await closed_loop(spec, f"/c/{spec['course']}/", "home", seconds)
    say("ratio", {"minimal": minimal, "home": home})


# --- Live participants -------------------------------------------------------------------


async def participant(n: int, spec: dict, record: Record, go: dict, at_once, pushes) -> None:
    import websockets

    rng = random.Random(SEED * 7 + n)
    port, session = spec["ports"][n % len(spec["ports"])], spec["sessions"][n]
    start, until = go["start"], go["start"] + go["seconds"]
    await asyncio.sleep(max(0.0, start + rng.uniform(0, go["seconds"] * JOIN_SHARE) - time.time()))
    socket, listening = None, None
    replied = asyncio.Event()

    async def listen() -> None:
        try:
            async for message in socket:
                if message.startswith(RESULTS):
                    pushes[0] += 1
                elif message.startswith(ANSWERED):
                    replied.set()
                elif message.startswith(ERROR):
                    record.error("live: answer refused", message)
        except websockets.ConnectionClosed as closed:
            if time.time() < until:
                record.error("live: socket closed early", str(closed))

    try:
        async with at_once:
            opened = time.perf_counter()
            socket = await socket_open(port, f"/ws/live/{spec['code']}/", session, TIMEOUT_SECONDS)
            seen_poll = False
            async with asyncio.timeout(TIMEOUT_SECONDS):
                while not (message := await socket.recv()).startswith(MINE):
                    seen_poll = seen_poll or message.startswith(ACTIVITY)
                    if message.startswith(ERROR):
                        raise RuntimeError(f"the server said {message[:200]}")
            if not seen_poll:
                raise RuntimeError("joined without being shown the poll")
            record.times["live: join, until the poll is shown"].append(time.perf_counter() - opened)
        listening = asyncio.create_task(listen())
        # Each answers once, at a moment of its own before the last few seconds.
        await asyncio.sleep(max(1.0, rng.uniform(1.0, until - 5 - time.time())))
        choice = rng.choice(spec["choices"])
        sent = time.perf_counter()
        answer = {"type": "answer", "activity": spec["activity"], "value": choice, "ref": 1}
        await socket.send(json.dumps(answer))
        try:
            await asyncio.wait_for(replied.wait(), TIMEOUT_SECONDS)
            record.times["live: answer, until its reply"].append(time.perf_counter() - sent)
        except TimeoutError:
            record.error("live: answer without a reply in 30 s")
        await asyncio.sleep(max(0.0, until - time.time()))  # listening to the results
    except TimeoutError:
        record.error("live: timeout joining")
    except (OSError, RuntimeError, websockets.WebSocketException) as error:
        record.error(f"live: {type(error).__name__}", str(error))
    finally:
        if socket is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(socket.close(), 5)
        if listening is not None:
            listening.cancel()
            with contextlib.suppress(BaseException):
                await listening


async def participants_worker() -> None:
    spec = json.loads(await told())
    say("ready", {})
    go = json.loads(await told())
    record, at_once, pushes = Record(), asyncio.Semaphore(CONNECTS_AT_ONCE), [0]
    await asyncio.gather(
        *(participant(n, spec, record, go, at_once, pushes) for n in range(len(spec["sessions"])))
    )
    say("result", {**record.as_data(), "pushes": pushes[0]})


# --- The run -----------------------------------------------------------------------------


def merge(results: list[dict]) -> Record:
    merged = Record()
    for result in results:
        for label, times in result["times"].items():
            merged.times[label] += times
        for kind, count in result["errors"].items():
            merged.errors[kind] += count
            merged.examples.setdefault(kind, result["examples"].get(kind, ""))
    return merged


def report(record: Record, seconds: float) -> dict:
    http = {label: times for label, times in record.times.items() if not label.startswith("live")}
    print(
        f"\n  {'page':<38} {'count':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7}"
    )
    for label, times in sorted(record.times.items(), key=lambda item: item[0].startswith("live")):
        ordered = sorted(times)
        print(
            f"  {label:<38} {len(ordered):>6} {len(ordered) / seconds:>6.1f} "
            + " ".join(f"{percentile(ordered, q) * 1000:>7.0f}" for q in (0.5, 0.95, 0.99))
            + f" {ordered[-1] * 1000:>7.0f}"
        )
    everything = sorted(t for times in http.values() for t in times)
    errors = sum(record.errors.values())
    for kind, count in sorted(record.errors.items()):
        example = record.examples.get(kind, "")
        print(f"  error: {kind} × {count}" + (f" — {example!r}" if example else ""))
    figures = {
        "rps": len(everything) / seconds,
        "p50": percentile(everything, 0.5) if everything else None,
        "p99": percentile(everything, 0.99) if everything else None,
        "errors": errors,
    }
    if everything:
        print(
            f"  all pages: {len(everything)} requests, {figures['rps']:.1f} req/s, p50 "
            f"{figures['p50'] * 1000:.0f} ms, p99 {figures['p99'] * 1000:.0f} ms; errors {errors}"
        )
    return figures


async def measure(setup: dict, ports: list[int], servers, args) -> tuple[dict, float | None]:
    sessions = setup["sessions"]
    common = {key: setup[key] for key in ("course", "topics", "board", "event", "code")}
    common |= {"activity": setup["activity"], "choices": setup["choices"], "ports": ports}
    browsing = Child(
        __file__,
        "learners-worker",
        {**common, "sessions": sessions[: args.learners], "think": args.think},
    )
    live = Child(
        __file__,
        "participants-worker",
        {**common, "sessions": sessions[-args.participants :]},
    )
    children = [browsing, live]
    try:
        for child in children:
            await child.start()
        for child in children:
            await child.expect("ready", 60)
        cpu = CpuMeter(servers, [child.process.pid for child in children])
        go = {"start": time.time() + 1, "seconds": args.seconds}
        cpu.start()
        for child in children:
            await child.tell(json.dumps(go))
        limit = args.seconds + 2 * TIMEOUT_SECONDS + 30
        results = await asyncio.gather(*(child.expect("result", limit) for child in children))
        cpu.stop()
        await browsing.tell(json.dumps({"seconds": args.ratio_seconds}))
        ratio = await browsing.expect("ratio", 2 * args.ratio_seconds + 2 * TIMEOUT_SECONDS)
    finally:
        for child in children:
            await child.stop()
    print(
        f"  {args.learners} learners (pausing {args.think[0]:g}–{args.think[1]:g} s) and "
        f"{args.participants} live participants for {args.seconds:g} s; "
        f"{results[1]['pushes']} poll results pushes received"
    )
    figures = report(merge(results), args.seconds)
    print(f"  CPU (of one core): {cpu.line(ports)}")
    (minimal, minimal_s), (home, home_s) = ratio["minimal"], ratio["home"]
    minimal_rps, home_rps = minimal / minimal_s, home / home_s
    print(
        f"\n  {RATIO_CLIENTS} clients without pause, {args.ratio_seconds:g} s each: minimal view "
        f"{minimal_rps:.1f} req/s, learner's course home {home_rps:.1f} req/s"
    )
    return figures, (home_rps / minimal_rps if minimal_rps else None)


def think_range(text: str) -> tuple[float, float]:
    low, _, high = text.partition(",")
    try:
        pause = (float(low), float(high))
    except ValueError:
        raise argparse.ArgumentTypeError("give MIN,MAX seconds, e.g. 5,15") from None
    if not 0 <= pause[0] <= pause[1]:
        raise argparse.ArgumentTypeError("MIN,MAX with 0 <= MIN <= MAX")
    return pause


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--ratio-seconds", type=float, default=5)
    parser.add_argument(
        "--think",
        type=think_range,
        default=THINK_SECONDS,
        help="a learner's pause between actions, as MIN,MAX seconds (default 5,15)",
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="emptied before use")
    parser.add_argument("--learners-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--participants-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learners_worker:
        asyncio.run(learners_worker())
        return
    if args.participants_worker:
        asyncio.run(participants_worker())
        return
    if min(args.seconds, args.learners, args.participants, args.ratio_seconds) <= 0:
        parser.error("--seconds, --learners, --participants and --ratio-seconds are positive")
    if problem := redis_ready(args.redis_url):
        print(f"summary: not run, {args.redis_url} can't be used: {problem}")
        raise SystemExit(1)
    print(
        f"two servers on PostgreSQL ({DATABASE}) and Redis ({args.redis_url}); load average "
        f"{os.getloadavg()[0]:.2f}"
    )
    figures: dict = {}
    ratio = None
    try:
        with (
            tempfile.TemporaryDirectory(prefix="rapport-bench-load-") as var_dir,
            throwaway_postgres(DATABASE) as database_url,
        ):
            env = {**base_env(), "RAPPORT_VAR_DIR": var_dir, "REDIS_URL": args.redis_url}
            env |= {"DATABASE_URL": database_url, "EMAIL_URL": "locmem://"}
            started = time.monotonic()
            names = {
                "token": secrets.token_hex(4),
                "name": "load",
                "title": "Load",
                "learners": max(args.learners, args.participants),
                "choices": CHOICES,
            }
            setup = prepare(env, COURSE_SETUP % names + SETUP % names)
            if setup is None:
                raise SystemExit(1)
            print(f"  set up in {time.monotonic() - started:.1f} s")
            with servers_running(env, 2) as (ports, processes):
                figures, ratio = asyncio.run(measure(setup, ports, processes, args))
    finally:
        redis_ready(args.redis_url)

    def ms(seconds: float | None) -> str:
        return "-" if seconds is None else f"{seconds * 1000:.0f}"

    print(
        f"summary: rps={figures.get('rps', 0):.1f} p50_ms={ms(figures.get('p50'))} "
        f"p99_ms={ms(figures.get('p99'))} errors={figures.get('errors', '-')} "
        f"home_vs_minimal_ratio={'-' if ratio is None else f'{ratio:.2f}'}"
    )


if __name__ == "__main__":
    main()
