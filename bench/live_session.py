"""A class answering a live poll: each answer's updated result reaching every participant.

N participants (500, then 2,000) have a live session open on their phones, each on a
WebSocket of their own (``/ws/live/<code>/``, as a learner of the course with a Django
session of their own); the activity on screen is a poll whose results the instructor has
revealed, so every participant is pushed the results (``{"answered": n, "choices": [...]}``)
as they change, coalesced by the server (``rapport.live.broadcast``: at most one gathering
every 250 ms). All of them connect first (the time it takes is shown, not counted); then
each answers once, choosing a choice, at a random moment within a few seconds
(``--answer-seconds``, 3 by default). Targets, with 2,000 participants: p99 under 1 s and
every result delivered, in both setups:

- in-memory: one ``manage.py serve`` without REDIS_URL, so the channel layer is in-memory
  and everything happens in its one web server process;
- redis: two ``manage.py serve`` on two ports sharing Redis (``--redis-url``, by default
  database 15 of 127.0.0.1:6379, emptied before and after) as channel layer and cache, and
  PostgreSQL, as several servers are deployed: DATABASE_URL when set, otherwise a new
  database on the local server (``rapport_bench_live`` on 127.0.0.1:5432, dropped after).
  ``--redis-database sqlite`` shares one SQLite file instead: two processes then take
  turns at its one write lock through SQLite's busy wait (sleeps of up to 100 ms), which
  no deployment of several servers should do. Half the participants are on each server
  and answer through their own, so each server's results must reach the other's
  participants.

Each run starts on a fresh migrated database (in a temporary folder, RAPPORT_VAR_DIR) holding
a course of N learners and an instructor, all with a session made up front, and the open
session with its poll, revealed. Nothing runs in the servers' processes but the servers: the
participants are asyncio clients (``websockets``) in a few processes of their own
(``--workers``), each with participants on every server. A client process reads only the
``answered`` count of a results push, and parses each distinct push text once (every
participant gets the same text), so the clients stay light beside the servers on a small
machine.

How it is measured. The count of answers only grows (each participant answers once), so
the k-th answer committed is in every result whose ``answered`` is k or more. Each answer
gets its rank k from the order of the server's replies (``answered``, sent after the
commit): every process runs on one machine with one clock, so each notes wall-clock times
and they are merged after the run. For each answer and each participant, the latency is
the time that participant first received results with ``answered`` >= k, less the time the
answer was sent; p50, p95, p99 and the worst are over every (answer, participant) pair.
Ranking by replies is exact when they arrive in the order of the commits; the run shows
how many replies came out of that order (the answers' ids, given in order of insertion,
tell it), and a reply overtaken by a few others moves its rank, and so its latency, by a
few of the ~1 ms between answers' commits. Delivered: the share of the N × N pairs (every
participant answers, every participant hears every answer) for which such results arrived
before the end — the participants keep listening a few seconds after the last reply. A
participant that could not connect, or whose answer was refused or never answered, counts
as missing all it should have heard (and all should have heard of it). Also shown: each
answer to its last participant, the replies' times, the results pushes received, and the
CPU each server (with its children) and the clients used while answers came, as a share of
one core.

    .venv/bin/python bench/live_session.py [--sizes 500,2000] [--redis-sizes 2000]
        [--answer-seconds 3] [--workers 4] [--skip-redis] [--redis-database sqlite]

Ends with: summary: n500_inmemory_p99_ms=<n> n2000_inmemory_p99_ms=<n>
n2000_inmemory_delivered=<fraction> n2000_redis_p99_ms=<n> n2000_redis_delivered=<fraction>
(1 when all arrived; "-" for a run that could not happen).
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import statistics
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
    connect_clients,
    database_name,
    fraction_text,
    latency_line,
    ms_text,
    percentile,
    prepare,
    redis_ready,
    say,
    servers_running,
    socket_open,
    spread,
    throwaway_postgres,
    told,
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
REDIS_DATABASE = "rapport_bench_live"  # made on the local PostgreSQL for the Redis runs
CHOICES = ["A worked example", "Time to practise", "A study partner", "A short break"]
# Each connection attempt (socket opened, the activity and one's own answer received) gets
# this long; a participant that fails twice stays out.
CONNECT_SECONDS = 30
CONNECTS_AT_ONCE = 5  # per client process
JOIN_LIMIT_SECONDS = 900  # for all the participants of a process to connect (or give up)
START_SECONDS = 1.0  # the answers' clock starts this long after "go", in every process
REPLY_SECONDS = 60  # how long an answer waits for its reply after the answering window
LINGER_SECONDS = 4  # the participants keep listening this long after the last reply
SEED = 20_261_206

SETUP = """
from rapport.live import services as live
from rapport.live.models import ActivityKind

host = members[instructor.pk]
live_session = live.session_create(course=course, member=host, title="Thursday class")
poll = live.activity_add(
    session=live_session,
    member=host,
    kind=ActivityKind.POLL,
    prompt="Which would help you most this week?",
    choices=%(choices)r,
)
live.activity_reveal(activity=poll, member=host, visible=True)
print(json.dumps({
    "code": live_session.join_code,
    "activity": poll.pk,
    "choices": poll.choices,
    "learners": [session(user) for user in learners],
}))
"""


# --- A process of participants -----------------------------------------------------------


class Participant:
    """One learner's phone: when the results' count went up on it, and their answer."""

    def __init__(self, client: dict):
        self.port, self.session = client["port"], client["session"]
        self.delay, self.choice = client["delay"], client["choice"]
        self.socket = None
        self.error = ""
        self.finishing = False
        self.levels: list[int] = []  # each higher ``answered`` heard, in order…
        self.times: list[float] = []  # …and when it was first heard
        self.pushes = 0
        self.sent: float | None = None
        self.replied: float | None = None
        self.answer_id: int | None = None
        self.refused = ""
        self.ready = asyncio.Event()  # set once connected, or given up on
        self.done = asyncio.Event()  # set once the answer was replied to, or could not go

    def heard(self, answered: int, at: float) -> None:
        if not self.levels or answered > self.levels[-1]:
            self.levels.append(answered)
            self.times.append(at)


class Texts:
    """The ``answered`` of each distinct push text, parsed once per process."""

    def __init__(self):
        self.answered: dict[str, int] = {}

    def count(self, message: str) -> int:
        found = self.answered.get(message)
        if found is None:
            results = json.loads(message).get("results") or {}
            found = self.answered[message] = results.get("answered", -1)
        return found


async def participant_open(person: Participant, spec: dict, at_once, texts: Texts) -> None:
    import websockets

    for attempt in range(2):
        try:
            async with at_once:
                socket = await socket_open(
                    person.port, f"/ws/live/{spec['code']}/", person.session, CONNECT_SECONDS
                )
                try:
                    async with asyncio.timeout(CONNECT_SECONDS):
                        while not (message := await socket.recv()).startswith(MINE):
                            if message.startswith(ACTIVITY):
                                person.heard(texts.count(message), time.time())
                            elif message.startswith(ERROR):
                                raise RuntimeError(f"the server said {message[:200]}")
                except BaseException:
                    await socket.close()
                    raise
            person.socket, person.error = socket, ""
            break
        except (OSError, TimeoutError, RuntimeError, websockets.WebSocketException) as error:
            person.error = f"{type(error).__name__}: {error}"[:200]
            await asyncio.sleep(1 + attempt)
    person.ready.set()
    if person.socket is None:
        person.done.set()
        return
    try:
        async for message in person.socket:
            now = time.time()
            if message.startswith(RESULTS):
                person.pushes += 1
                person.heard(texts.count(message), now)
            elif message.startswith(ACTIVITY):
                person.heard(texts.count(message), now)
            elif message.startswith(ANSWERED):
                person.replied = now
                person.answer_id = ((json.loads(message)["mine"] or {}).get("answer") or {}).get(
                    "id"
                )
                person.done.set()
            elif message.startswith(ERROR):
                person.refused = message[:200]
                person.done.set()
    except websockets.ConnectionClosed as closed:
        if not person.finishing:
            person.error = f"closed early: {closed}"[:200]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        person.error = f"stopped listening: {type(error).__name__}: {error}"[:200]
    person.done.set()


async def participant_answer(person: Participant, spec: dict, start: float) -> None:
    """Answers at ``start`` + its delay (wall-clock)."""
    if person.socket is None:
        return
    if (ahead := start + person.delay - time.time()) > 0:
        await asyncio.sleep(ahead)
    message = {"type": "answer", "activity": spec["activity"], "value": person.choice, "ref": 1}
    person.sent = time.time()
    try:
        await person.socket.send(json.dumps(message))
    except Exception as error:  # the socket closed under it: noted as refused
        person.refused = f"not sent: {type(error).__name__}: {error}"[:200]
        person.done.set()


async def participants_worker() -> None:
    """Reads whom to connect on its first line of input and says "connected"; at "go"
    (with the wall-clock start of the answers) they answer, and it says "replied" once
    every answer has its reply (or gave up waiting); at "finish" it says "result"."""
    spec = json.loads(await told())
    texts, at_once = Texts(), asyncio.Semaphore(CONNECTS_AT_ONCE)
    people = [Participant(client) for client in spec["clients"]]
    listening = [
        asyncio.create_task(participant_open(person, spec, at_once, texts)) for person in people
    ]
    for person in people:
        await person.ready.wait()
    connected = sum(person.socket is not None for person in people)
    say("connected", {"connected": connected, "errors": [p.error for p in people if p.error]})
    start = json.loads(await told())["start"]  # "go"
    answering = [asyncio.create_task(participant_answer(p, spec, start)) for p in people]
    limit = start + spec["answer_seconds"] + REPLY_SECONDS - time.time()
    try:
        async with asyncio.timeout(max(limit, 1)):
            for person in people:
                await person.done.wait()
    except TimeoutError:
        pass
    say("replied", {})
    await told()  # "finish"
    for person in people:
        person.finishing = True
    await asyncio.gather(
        *(asyncio.wait_for(p.socket.close(), 5) for p in people if p.socket is not None),
        return_exceptions=True,
    )
    for task in [*listening, *answering]:
        task.cancel()
    await asyncio.gather(*listening, *answering, return_exceptions=True)
    say(
        "result",
        {
            "texts": len(texts.answered),
            "people": [
                {
                    "port": p.port,
                    "connected": p.socket is not None,
                    "error": p.error,
                    "sent": p.sent,
                    "replied": p.replied,
                    "answer_id": p.answer_id,
                    "refused": p.refused,
                    "levels": p.levels,
                    "times": p.times,
                    "pushes": p.pushes,
                }
                for p in people
            ],
        },
    )


# --- Measuring one run -------------------------------------------------------------------


async def measure(setup: dict, ports: list[int], servers: list, size: int, args) -> dict | None:
    draw = random.Random(SEED)
    sessions = setup["learners"][:size]
    groups = spread(sessions, ports, args.workers)
    for group in groups:
        for client in group:
            client["delay"] = draw.uniform(0, args.answer_seconds)
            client["choice"] = draw.choice(setup["choices"])
    common = {
        "code": setup["code"],
        "activity": setup["activity"],
        "answer_seconds": args.answer_seconds,
    }
    children = [
        Child(__file__, "participants-worker", {**common, "clients": group}) for group in groups
    ]
    try:
        await connect_clients(
            children, size, "participants connected (not measured)", JOIN_LIMIT_SECONDS
        )
        await asyncio.sleep(1)  # the last connections' work done before the answers start
        cpu = CpuMeter(servers, [child.process.pid for child in children])
        cpu.start()
        start = time.time() + START_SECONDS
        for child in children:
            await child.tell(json.dumps({"start": start}))
        await asyncio.gather(
            *(
                child.expect("replied", START_SECONDS + args.answer_seconds + REPLY_SECONDS + 30)
                for child in children
            )
        )
        cpu.stop()
        await asyncio.sleep(LINGER_SECONDS)
        for child in children:
            await child.tell("finish")
        results = await asyncio.gather(*(child.expect("result", 300) for child in children))
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"  the run failed: {type(error).__name__}: {error}")
        return None
    finally:
        for child in children:
            await child.stop()
    people = [person for said in results for person in said["people"]]
    return report(people, size, ports, cpu, start, max(said["texts"] for said in results))


def report(people: list[dict], size: int, ports: list[int], cpu: CpuMeter, start, texts) -> dict:
    import numpy as np

    replied = sorted((p for p in people if p["replied"] is not None), key=lambda p: p["replied"])
    refused = [p["refused"] for p in people if p["refused"]]
    unanswered = sum(p["connected"] and p["replied"] is None and not p["refused"] for p in people)
    sent_times = [p["sent"] for p in people if p["sent"] is not None]
    span = max(sent_times) - min(sent_times) if sent_times else 0.0
    print(
        f"  {len(sent_times)} answers sent over {span:.1f} s: {len(replied)} answered, "
        f"{len(refused)} refused, {unanswered} without a reply"
    )
    if refused:
        print(f"    first refusal: {refused[0]}")
    if replied:
        reply_times = sorted(p["replied"] - p["sent"] for p in replied)
        ids = [p["answer_id"] for p in replied]
        out_of_order = sum(a > b for a, b in zip(ids, ids[1:], strict=False))
        print(
            f"  answer to its reply: p50 {statistics.median(reply_times) * 1000:.0f} ms, "
            f"p99 {percentile(reply_times, 0.99) * 1000:.0f} ms; replies out of the commits' "
            f"order: {out_of_order}"
        )
        # What the servers kept up with: answers came at len(sent_times) / span a second.
        busy = replied[-1]["replied"] - min(sent_times)
        print(
            f"  the server(s) answered {len(replied) / busy:.0f} answers a second "
            f"(they came at {len(sent_times) / max(span, 0.001):.0f} a second), using "
            f"{sum(cpu.server_seconds()) / len(replied) * 1000:.1f} ms of CPU per answer"
        )
    # The k-th reply's answer (k from 1) is in every result with answered >= k.
    sent = np.array([p["sent"] for p in replied])
    ranks = np.arange(1, len(replied) + 1)
    chunks: list = []
    by_port: dict[int, list] = defaultdict(list)
    to_last = np.full(len(replied), -np.inf)
    delivered = 0
    for person in people:
        if not person["levels"] or not len(replied):
            continue
        levels, times = np.array(person["levels"]), np.array(person["times"])
        index = np.searchsorted(levels, ranks, side="left")
        heard = index < len(levels)
        took = times[index[heard]] - sent[heard]
        delivered += int(heard.sum())
        chunks.append(took)
        by_port[person["port"]].append(took)
        np.maximum.at(to_last, np.nonzero(heard)[0], took)
    early = [p["error"] for p in people if p["connected"] and p["error"]]
    if early:
        print(f"  {len(early)} participants lost their connection, e.g. {early[0]}")
    expected = size * size
    fraction = fraction_text(delivered, expected)
    figures: dict = {"p99": None, "delivered": fraction}
    print(
        f"  delivered: {delivered} of {expected} ({size} answers × {size} participants): {fraction}"
    )
    if chunks:
        ordered = np.sort(np.concatenate(chunks))
        figures["p99"] = float(percentile(ordered, 0.99))
        print(f"  answer to a participant's results: {latency_line(ordered)}")
        if (before := int((ordered < 0).sum())) > 0:
            print(f"    ({before} pairs heard before the answer went: its reply was overtaken)")
        whole = np.sort(to_last[np.isfinite(to_last)])
        if len(whole):
            print(
                f"  answer to its last participant: p50 {percentile(whole, 0.5) * 1000:.0f} ms, "
                f"p99 {percentile(whole, 0.99) * 1000:.0f} ms"
            )
        if len(ports) > 1:
            for port in ports:
                if by_port[port]:
                    times = np.sort(np.concatenate(by_port[port]))
                    print(
                        f"    participants on port {port}: p50 {percentile(times, 0.5) * 1000:.0f} "
                        f"ms, p99 {percentile(times, 0.99) * 1000:.0f} ms"
                    )
    pushes = [p["pushes"] for p in people if p["connected"]]
    if pushes:
        print(
            f"  results pushes: {sum(pushes)} received, {statistics.mean(pushes):.1f} per "
            f"participant ({min(pushes)}–{max(pushes)}); {texts} different texts in the "
            f"busiest client process"
        )
    print(f"  CPU from the first answer to the last reply (of one core): {cpu.line(ports)}")
    return figures


def run(env: dict, servers: int, size: int, args) -> dict | None:
    started = time.monotonic()
    names = {
        "token": secrets.token_hex(4),  # a course of its own, even in a database used before
        "name": "live-session",
        "title": "Live session",
        "learners": size,
        "choices": CHOICES,
    }
    setup = prepare(env, COURSE_SETUP % names + SETUP % names)
    if setup is None:
        return None
    print(
        f"  migrated; {size} learners, an instructor and a session with a revealed poll of "
        f"{len(setup['choices'])} choices made in {time.monotonic() - started:.1f} s"
    )
    try:
        with servers_running(env, servers) as (ports, processes):
            return asyncio.run(measure(setup, ports, processes, size, args))
    except RuntimeError as error:
        print(f"  the run failed: {error}")
        return None


def sizes(text: str) -> list[int]:
    found = [int(part) for part in text.split(",") if part.strip()]
    if any(size < 1 for size in found):
        raise argparse.ArgumentTypeError("sizes are positive numbers")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=sizes, default=[500, 2000], help="in-memory runs' N")
    parser.add_argument("--redis-sizes", type=sizes, default=[2000], help="Redis runs' N")
    parser.add_argument(
        "--answer-seconds", type=float, default=3, help="the answers come within this long"
    )
    parser.add_argument("--workers", type=int, default=4, help="processes participants run in")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="emptied before use")
    parser.add_argument("--skip-redis", action="store_true", help="only the in-memory runs")
    parser.add_argument(
        "--redis-database",
        choices=["postgres", "sqlite"],
        default="postgres",
        help="what the Redis runs' two servers share",
    )
    parser.add_argument("--participants-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.participants_worker:
        asyncio.run(participants_worker())
        return
    if args.workers < 1 or args.answer_seconds < 0:
        parser.error("--workers must be positive and --answer-seconds not negative")
    base = base_env()
    database = database_name(base)
    print(
        f"a revealed poll answered once by each participant within {args.answer_seconds:g} s; "
        f"participants in {args.workers} processes; load average {os.getloadavg()[0]:.2f}"
    )
    figures: dict[str, dict | None] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="rapport-bench-live-") as var_dir:
            print(f"\nN={size}: in-memory channel layer, one server process; database: {database}")
            env = {**base, "RAPPORT_VAR_DIR": var_dir}
            figures[f"n{size}_inmemory"] = run(env, 1, size, args)
    redis_sizes = [] if args.skip_redis else args.redis_sizes
    if args.skip_redis:
        print("\nredis: skipped (--skip-redis)")
    elif redis_sizes and (problem := redis_ready(args.redis_url)):
        print(f"\nredis: not run, {args.redis_url} can't be used: {problem}")
        redis_sizes = []
    for size in redis_sizes:
        try:
            with contextlib.ExitStack() as stack:
                temporary = tempfile.TemporaryDirectory(prefix="rapport-bench-live-")
                var_dir = stack.enter_context(temporary)
                env = {**base, "RAPPORT_VAR_DIR": var_dir, "REDIS_URL": args.redis_url}
                if args.redis_database == "sqlite":
                    env.pop("DATABASE_URL", None)
                elif not env.get("DATABASE_URL"):
                    env["DATABASE_URL"] = stack.enter_context(throwaway_postgres(REDIS_DATABASE))
                shared = database_name(env)
                shared = f"{shared} shared by both" if "SQLite" in shared else shared
                print(
                    f"\nN={size}: Redis channel layer and cache ({args.redis_url}), two server "
                    f"processes; database: {shared}"
                )
                figures[f"n{size}_redis"] = run(env, 2, size, args)
        finally:
            redis_ready(args.redis_url)

    def figure(run_name: str, key: str) -> str:
        found = figures.get(run_name) or {}
        if key == "p99":
            return ms_text(found.get("p99"))
        return found.get("delivered", "-")

    print(
        "summary: "
        f"n500_inmemory_p99_ms={figure('n500_inmemory', 'p99')} "
        f"n2000_inmemory_p99_ms={figure('n2000_inmemory', 'p99')} "
        f"n2000_inmemory_delivered={figure('n2000_inmemory', 'delivered')} "
        f"n2000_redis_p99_ms={figure('n2000_redis', 'p99')} "
        f"n2000_redis_delivered={figure('n2000_redis', 'delivered')}"
    )


if __name__ == "__main__":
    main()
