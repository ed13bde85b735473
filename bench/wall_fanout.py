"""A class wall's changes reaching every page that has it open.

200 learners have the same board open, each on a WebSocket of their own (the course socket,
``/ws/c/<slug>/``, following the board); the instructor moves cards on it, 20 moves a
second for 30 seconds, and each move must reach all 200 pages. Measured: the time from a
move being sent to its arrival at each page (p50, p95, p99 and the worst, over every move
and every page), and the share of the arrivals expected (moves × pages) that came. Targets:
all of them, p99 under 500 ms.

Two runs, each on a fresh migrated database in a temporary folder (RAPPORT_VAR_DIR) holding
a course of 200 learners and an instructor, all with a session made up front, and a board
of 20 cards (written by learners, so each page shapes some cards as its reader's own):

- in-memory: one ``manage.py serve`` without REDIS_URL, so the channel layer is in-memory
  and everything happens in its one web server process;
- redis: two ``manage.py serve`` on two ports sharing Redis (``--redis-url``, by default
  database 14 of 127.0.0.1:6379, emptied before and after) as channel layer and cache, and
  one database: PostgreSQL when DATABASE_URL is set, otherwise one SQLite file in the shared
  folder. Half the pages are on each server and the moves are made through the first, so
  half the arrivals cross from one process to the other.

Nothing runs in the servers' processes but the servers. The pages are asyncio clients
(``websockets``) in a few processes of their own (``--workers``), which all connect and
follow first; as each one arrives, every follower is told who is here, so the measured
moves start only once those presence messages have stopped coming for a few seconds (the
joining is timed and shown, not counted). The moves come from one more process: the
instructor with the board open in a few tabs (``--movers``, 4 by default: a socket's
actions are handled one after another, and a class's 20 moves a second come from many
pages, not one; ``--movers 1`` shows what one page can push). After one move that is not
counted (the server's first runs code and queries for the first time), they go on an
absolute schedule (a late move does not push the next ones back), each to one of the cards
no earlier move is still waiting on, from the version the last answer gave, so no move
meets a conflict. The board's revision goes up by one with each change: the answer to a
move names its revision, and each page notes the wall-clock time (one machine, one clock)
each revision reached it. The pages keep listening a few seconds after the last answer. A
page that could not connect counts as missing all it should have heard. Also shown: the
p99 for each few seconds of moves (a backlog grows, a passing stall does not), the moves'
answers, and the CPU each server (with its children) and the clients used during the
moves, as a share of one core.

    .venv/bin/python bench/wall_fanout.py [--clients 200] [--rate 20] [--seconds 30]
        [--movers 4] [--skip-redis]

Ends with: summary: inmemory_p99_ms=<n> inmemory_delivered=<fraction> redis_p99_ms=<n>
redis_delivered=<fraction> (1 when all arrived; "-" for a run that could not happen).
"""

import argparse
import asyncio
import json
import os
import secrets
import statistics
import tempfile
import time
from collections import defaultdict, deque

from harness import (
    COURSE_SETUP,
    Child,
    CpuMeter,
    base_env,
    connect_clients,
    database_name,
    fraction_text,
    latency_line,
    percentile,
    prepare,
    redis_ready,
    say,
    servers_running,
    socket_open,
    spread,
    told,
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
# Each connection attempt (socket opened and the board followed) gets this long; a page
# that fails twice stays out.
CONNECT_SECONDS = 30
CONNECTS_AT_ONCE = 5  # per client process
# Presence has settled once no "here" message reached a client process for this long.
QUIET_SECONDS = 3
SETTLE_LIMIT_SECONDS = 180
JOIN_LIMIT_SECONDS = 600  # for all the pages of a process to connect (or give up)
LINGER_SECONDS = 5  # the pages keep listening this long after the last answer
SLICE_SECONDS = 5  # the p99 is also shown for each such slice of the moves, in order
ANSWER_SECONDS = 30  # how long the instructor's page waits for a move's answer
HERE = '{"type": "here"'  # presence messages are only counted, not parsed

SETUP = """
from rapport.walls import services
from rapport.walls.models import GRID_COLUMNS

board = services.board_create(
    course=course, member=members[instructor.pk], title="Where in the world are we?"
)
cards = [
    services.card_add(
        board=board,
        member=members[learners[n %% len(learners)].pk],
        body=f"Card {n}: greetings from somewhere **warm**",
        x=n %% GRID_COLUMNS,
        y=n // GRID_COLUMNS,
    )
    for n in range(%(cards)d)
]
print(json.dumps({
    "course": course.slug,
    "board": board.pk,
    "cards": [{"id": card.pk, "version": card.version} for card in cards],
    "instructor": session(instructor),
    "learners": [session(user) for user in learners],
}))
"""


async def open_and_follow(port: int, course: str, session: str, board: int, on_here):
    """A course socket following ``board``, once the server said "following"."""
    socket = await socket_open(port, f"/ws/c/{course}/", session, CONNECT_SECONDS)
    try:
        await socket.send(json.dumps({"type": "follow", "stream": "board", "id": board}))
        async with asyncio.timeout(CONNECT_SECONDS):
            while True:
                message = await socket.recv()
                if message.startswith(HERE):
                    on_here()
                    continue
                kind = json.loads(message).get("type")
                if kind == "following":
                    return socket
                raise RuntimeError(f"the server said {message[:200]}")
    except BaseException:
        await socket.close()
        raise


# --- A process of pages ----------------------------------------------------------------


class Page:
    """One learner's open board: when each revision reached it."""

    def __init__(self, port: int, session: str):
        self.port, self.session = port, session
        self.socket = None
        self.error = ""
        self.finishing = False
        self.arrivals: list[tuple[int, float]] = []
        self.ready = asyncio.Event()  # set once connected, or given up on


class Heard:
    """Presence messages reaching this process: how many, and when the last one came."""

    def __init__(self):
        self.count, self.last = 0, time.monotonic()

    def note(self) -> None:
        self.count += 1
        self.last = time.monotonic()


async def page_open(page: Page, course: str, board: int, at_once, heard: Heard) -> None:
    import websockets

    for attempt in range(2):
        try:
            async with at_once:
                page.socket = await open_and_follow(
                    page.port, course, page.session, board, heard.note
                )
            page.error = ""
            break
        except (OSError, TimeoutError, RuntimeError, websockets.WebSocketException) as error:
            page.error = f"{type(error).__name__}: {error}"[:200]
            await asyncio.sleep(1 + attempt)
    page.ready.set()
    if page.socket is None:
        return
    try:
        async for message in page.socket:
            now = time.time()
            if message.startswith(HERE):
                heard.note()
                continue
            content = json.loads(message)
            if content.get("type") == "event":
                page.arrivals.append((content["card"]["revision"], now))
            elif content.get("type") == "here":
                heard.note()
    except websockets.ConnectionClosed as closed:
        if not page.finishing:
            page.error = f"closed early: {closed}"[:200]
    except (ValueError, KeyError, TypeError) as error:  # not the message a page expects
        page.error = f"stopped listening: {type(error).__name__}: {error}"[:200]


async def clients_worker() -> None:
    """Reads what to open on its first line of input, then says on its output "connected",
    "quiet" (after "settle" comes in) and "result" (after "finish")."""
    spec = json.loads(await told())
    heard, at_once = Heard(), asyncio.Semaphore(CONNECTS_AT_ONCE)
    pages = [Page(client["port"], client["session"]) for client in spec["clients"]]
    tasks = [
        asyncio.create_task(page_open(page, spec["course"], spec["board"], at_once, heard))
        for page in pages
    ]
    for page in pages:
        await page.ready.wait()
    connected = sum(page.socket is not None for page in pages)
    say("connected", {"connected": connected, "errors": [p.error for p in pages if p.error]})
    await told()  # "settle"
    started = time.monotonic()
    while time.monotonic() - started < SETTLE_LIMIT_SECONDS:
        if time.monotonic() - heard.last >= QUIET_SECONDS:
            break
        await asyncio.sleep(0.2)
    say("quiet", {"here_messages": heard.count})
    await told()  # "finish"
    for page in pages:
        page.finishing = True
    await asyncio.gather(
        *(asyncio.wait_for(p.socket.close(), 5) for p in pages if p.socket is not None),
        return_exceptions=True,
    )
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    say(
        "result",
        {
            "pages": [
                {
                    "port": page.port,
                    "connected": page.socket is not None,
                    "error": page.error,
                    "arrivals": page.arrivals,
                }
                for page in pages
            ]
        },
    )


# --- The instructor's page, moving cards ---------------------------------------------------


async def driver() -> None:
    """Opens the instructor's pages and says "ready"; at "go", moves the cards on schedule
    and says "result" with each move's send time and answer."""
    spec = json.loads(await told())
    rate, count = spec["rate"], round(spec["rate"] * spec["seconds"])
    try:
        sockets = [
            await open_and_follow(
                spec["port"], spec["course"], spec["instructor"], spec["board"], lambda: None
            )
            for _ in range(spec["movers"])
        ]
    except Exception as error:
        say("ready", {"error": f"{type(error).__name__}: {error}"[:300]})
        return
    versions = {card["id"]: card["version"] for card in spec["cards"]}
    free = deque(versions)  # cards no move is waiting on, the longest waiting first
    freed = asyncio.Event()
    waiting: dict[int, tuple[int, dict]] = {}
    changes: list[dict] = []

    async def hear(socket) -> None:
        async for message in socket:
            if message.startswith(HERE):
                continue
            content = json.loads(message)
            ref = content.get("ref")
            if ref not in waiting:
                continue
            card_id, change = waiting.pop(ref)
            change["answer"], change["answered"] = content.get("type"), time.time()
            card = content.get("card") or {}
            if card.get("version") is not None:
                versions[card_id] = card["version"]
            if change["answer"] == "done":
                change["revision"] = card.get("revision")
            else:
                change["message"] = content.get("message", "")
            free.append(card_id)
            freed.set()

    async def move(ref: int, due: float) -> dict:
        while not free:
            freed.clear()
            await asyncio.wait_for(freed.wait(), ANSWER_SECONDS)
        card_id = free.popleft()
        message = {
            "type": "act",
            "stream": "board",
            "id": spec["board"],
            "ref": ref,
            "action": "move",
            "card": card_id,
            "version": versions[card_id],
            "x": (ref * 5) % 12,
            "y": (ref // 12) % 40,
        }
        change = {"ref": ref, "card": card_id, "late": time.perf_counter() - due}
        waiting[ref] = (card_id, change)
        change["sent"] = time.time()
        await sockets[ref % len(sockets)].send(json.dumps(message))
        return change

    async def all_answered() -> None:
        deadline = time.monotonic() + ANSWER_SECONDS
        while waiting and time.monotonic() < deadline and not any(h.done() for h in hearing):
            await asyncio.sleep(0.02)

    hearing = [asyncio.create_task(hear(socket)) for socket in sockets]
    say("ready", {"error": ""})
    await told()  # "go"
    error = ""
    started = time.perf_counter()
    try:
        # One move first, not measured: the server's first one runs code and queries it
        # has not run since it started.
        await move(-1, time.perf_counter())
        await all_answered()
        started = time.perf_counter()
        for n in range(count):
            due = started + n / rate
            if (ahead := due - time.perf_counter()) > 0:
                await asyncio.sleep(ahead)
            changes.append(await move(n, due))
        await all_answered()
    except Exception as error_:
        error = f"{type(error_).__name__}: {error_}"[:300]
    elapsed = time.perf_counter() - started
    for task in hearing:
        task.cancel()
    await asyncio.gather(*hearing, return_exceptions=True)
    await asyncio.gather(*(socket.close() for socket in sockets), return_exceptions=True)
    say("result", {"changes": changes, "elapsed": elapsed, "error": error})


# --- Measuring one run -------------------------------------------------------------------


async def measure(setup: dict, ports: list[int], servers: list, args) -> dict | None:
    sessions = setup["learners"][: args.clients]
    groups = spread(sessions, ports, args.workers)
    common = {"course": setup["course"], "board": setup["board"]}
    pages = [Child(__file__, "clients-worker", {**common, "clients": group}) for group in groups]
    driver_child = Child(
        __file__,
        "driver",
        {
            **common,
            "port": ports[0],
            "instructor": setup["instructor"],
            "cards": setup["cards"],
            "rate": args.rate,
            "seconds": args.seconds,
            "movers": args.movers,
        },
    )
    try:
        await connect_clients(
            pages, len(sessions), "pages connected and following", JOIN_LIMIT_SECONDS
        )
        await driver_child.start()
        ready = await driver_child.expect("ready", CONNECT_SECONDS * 2 * args.movers + 30)
        if ready["error"]:
            raise RuntimeError(f"the instructor's page could not connect: {ready['error']}")
        settling = time.monotonic()
        for child in pages:
            await child.tell("settle")
        quiet = await asyncio.gather(
            *(child.expect("quiet", SETTLE_LIMIT_SECONDS + 30) for child in pages)
        )
        print(
            f"  presence settled {time.monotonic() - settling:.1f} s later "
            f"({sum(said['here_messages'] for said in quiet)} presence messages in all, "
            f"not measured)"
        )
        cpu = CpuMeter(servers, [child.process.pid for child in [*pages, driver_child]])
        cpu.start()
        await driver_child.tell("go")
        driven = await driver_child.expect("result", args.seconds + ANSWER_SECONDS * 3 + 60)
        cpu.stop()
        await asyncio.sleep(LINGER_SECONDS)
        for child in pages:
            await child.tell("finish")
        results = await asyncio.gather(*(child.expect("result", 120) for child in pages))
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"  the run failed: {type(error).__name__}: {error}")
        return None
    finally:
        for child in [*pages, driver_child]:
            await child.stop()
    return report(
        driven,
        [page for said in results for page in said["pages"]],
        len(sessions),
        ports,
        cpu,
    )


def report(driven, pages, clients, ports, cpu: CpuMeter) -> dict:
    changes = driven["changes"]
    sent = {c["revision"]: c["sent"] for c in changes if c.get("answer") == "done"}
    answers = defaultdict(int)
    for change in changes:
        answers[change.get("answer") or "no answer"] += 1
    late = max((c["late"] for c in changes), default=0.0)
    answer_times = sorted(c["answered"] - c["sent"] for c in changes if "answered" in c)
    print(
        f"  {len(changes)} moves sent in {driven.get('elapsed', 0):.1f} s through the server on "
        f"port {ports[0]}: " + ", ".join(f"{kind} {n}" for kind, n in sorted(answers.items()))
    )
    if answer_times:
        print(
            f"  answers to the instructor: p50 {statistics.median(answer_times) * 1000:.0f} ms, "
            f"p99 {percentile(answer_times, 0.99) * 1000:.0f} ms; the latest move went "
            f"{late * 1000:.0f} ms after its time"
        )
    if driven.get("error"):
        print(f"  the instructor's page: {driven['error']}")
    for change in changes:
        if change.get("answer") not in ("done", None):
            print(f"    first refusal: {change['answer']}: {change.get('message')}")
            break
    latencies: list[float] = []
    by_port: dict[int, list[float]] = defaultdict(list)
    by_slice: dict[int, list[float]] = defaultdict(list)
    last_arrival: dict[int, float] = {}
    first_sent = min(sent.values(), default=0.0)
    delivered = 0
    for page in pages:
        seen = set()
        for revision, at in page["arrivals"]:
            if revision in sent and revision not in seen:
                seen.add(revision)
                took = at - sent[revision]
                latencies.append(took)
                by_port[page["port"]].append(took)
                by_slice[int((sent[revision] - first_sent) // SLICE_SECONDS)].append(took)
                last_arrival[revision] = max(last_arrival.get(revision, took), took)
        delivered += len(seen)
    early = [page["error"] for page in pages if page["connected"] and page["error"]]
    if early:
        print(f"  {len(early)} pages lost their connection, e.g. {early[0]}")
    expected = len(sent) * clients
    fraction = fraction_text(delivered, expected)
    figures = {"p99": None, "delivered": fraction}
    print(
        f"  delivered: {delivered} of {expected} ({len(sent)} moves × {clients} pages): {fraction}"
    )
    if latencies:
        ordered = sorted(latencies)
        figures["p99"] = percentile(ordered, 0.99) * 1000
        print(f"  move to page: {latency_line(ordered)}")
        print(
            f"  p99 for each {SLICE_SECONDS} s of moves in turn: "
            + " ".join(
                f"{percentile(sorted(times), 0.99) * 1000:.0f}"
                for _, times in sorted(by_slice.items())
            )
            + " ms"
        )
        whole = sorted(last_arrival.values())
        print(
            f"  move to its last page: p50 {percentile(whole, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(whole, 0.99) * 1000:.0f} ms"
        )
        if len(ports) > 1:
            for port in ports:
                times = sorted(by_port[port])
                if times:
                    print(
                        f"    pages on port {port}: p50 {percentile(times, 0.5) * 1000:.0f} ms, "
                        f"p99 {percentile(times, 0.99) * 1000:.0f} ms"
                    )
    print(f"  CPU while moving (of one core): {cpu.line(ports)}")
    return figures


def run(env: dict, servers: int, args) -> dict | None:
    started = time.monotonic()
    names = {
        "token": secrets.token_hex(4),  # a course of its own, even in a database used before
        "name": "wall-fanout",
        "title": "Wall fan-out",
        "learners": args.clients,
        "cards": args.cards,
    }
    setup = prepare(env, COURSE_SETUP % names + SETUP % names)
    if setup is None:
        return None
    print(
        f"  migrated; {args.clients} learners, an instructor and a board of {args.cards} cards "
        f"made in {time.monotonic() - started:.1f} s"
    )
    try:
        with servers_running(env, servers) as (ports, processes):
            return asyncio.run(measure(setup, ports, processes, args))
    except RuntimeError as error:
        print(f"  the run failed: {error}")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="pages following the board")
    parser.add_argument("--rate", type=float, default=20, help="moves a second")
    parser.add_argument("--seconds", type=float, default=30, help="how long the moves go on")
    parser.add_argument("--cards", type=int, default=20, help="cards the moves go round")
    parser.add_argument("--workers", type=int, default=4, help="processes the pages run in")
    parser.add_argument(
        "--movers", type=int, default=4, help="the instructor's pages the moves are spread over"
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="emptied before use")
    parser.add_argument("--skip-redis", action="store_true", help="only the in-memory run")
    parser.add_argument("--clients-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--driver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.clients_worker:
        asyncio.run(clients_worker())
        return
    if args.driver:
        asyncio.run(driver())
        return
    if min(args.clients, args.cards, args.movers, args.workers) < 1 or args.rate <= 0:
        parser.error("--clients, --cards, --movers, --workers and --rate must be positive")
    base = base_env()
    database = database_name(base)
    print(
        f"{args.clients} pages, {args.rate:g} moves a second for {args.seconds:g} s over "
        f"{args.cards} cards from {args.movers} instructor's page(s); pages in "
        f"{args.workers} processes; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    figures: dict[str, dict | None] = {}
    with tempfile.TemporaryDirectory(prefix="rapport-bench-fanout-") as var_dir:
        print(f"\nin-memory channel layer, one server process; database: {database}")
        env = {**base, "RAPPORT_VAR_DIR": var_dir}
        figures["inmemory"] = run(env, 1, args)
    if args.skip_redis:
        print("\nredis: skipped (--skip-redis)")
    elif problem := redis_ready(args.redis_url):
        print(f"\nredis: not run, {args.redis_url} can't be used: {problem}")
    else:
        try:
            with tempfile.TemporaryDirectory(prefix="rapport-bench-fanout-") as var_dir:
                shared = f"{database} shared by both" if "SQLite" in database else database
                print(
                    f"\nRedis channel layer and cache ({args.redis_url}), two server "
                    f"processes; database: {shared}"
                )
                env = {**base, "RAPPORT_VAR_DIR": var_dir, "REDIS_URL": args.redis_url}
                figures["redis"] = run(env, 2, args)
        finally:
            redis_ready(args.redis_url)
    parts = []
    for name in ("inmemory", "redis"):
        found = figures.get(name) or {}
        p99 = found.get("p99")
        parts.append(f"{name}_p99_ms={'-' if p99 is None else f'{p99:.0f}'}")
        parts.append(f"{name}_delivered={found.get('delivered', '-')}")
    print("summary: " + " ".join(parts))


if __name__ == "__main__":
    main()
