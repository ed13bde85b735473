"""What the socket benchmarks share: a fresh migrated database in a temporary folder with a
course of learners whose Django sessions are made up front, ``manage.py serve`` started on
free ports (one server with the in-memory channel layer, or several sharing Redis), client
processes talked to a line at a time, a socket opened and a page requested as a signed-in
browser would, the CPU processes used, and percentiles.

Imported by the benchmarks (run from the repository root, as every benchmark is; the
``bench`` folder is then first on the import path) and the fault scripts."""

import asyncio
import contextlib
import json
import math
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
STARTUP_SECONDS = 60
STOP_SECONDS = 20

# A course of ``learners`` learners and an instructor, every one with a session cookie; what
# a benchmark adds (``extra``) runs after it with ``course``, ``instructor``, ``learners``
# (ordered), ``members`` (user id → Membership) and ``session(user)`` at hand, and prints one
# JSON line.
COURSE_SETUP = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from rapport.courses.models import Course, Membership, Role

token = %(token)r
User = get_user_model()
course = Course.objects.create(title=%(title)r, slug=f"%(name)s-{token}")
instructor = User.objects.create(
    email=f"%(name)s-{token}-staff@example.test", full_name="Bench Instructor", password="!"
)
User.objects.bulk_create(
    User(email=f"%(name)s-{token}-learner-{n:05d}@example.test", full_name=f"Learner {n:05d}",
         preferred_name=f"Learner {n:05d}", password="!")
    for n in range(%(learners)d)
)
learners = list(
    User.objects.filter(email__startswith=f"%(name)s-{token}-learner-").order_by("email")
)
Membership.objects.create(course=course, user=instructor, role=Role.INSTRUCTOR)
Membership.objects.bulk_create(
    Membership(course=course, user=user, role=Role.LEARNER) for user in learners
)
members = {
    m.user_id: m for m in Membership.objects.select_related("user", "course").filter(course=course)
}


def session(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value

"""


def base_env() -> dict[str, str]:
    """The servers' and the setup's environment: DEBUG on, as ``make bench``; no Redis
    unless a run adds it."""
    env = {**os.environ, "DEBUG": "1", "LOG_LEVEL": "WARNING", "PYTHONUTF8": "1"}
    env.pop("REDIS_URL", None)
    return env


def database_name(env: dict[str, str]) -> str:
    return "PostgreSQL (DATABASE_URL)" if env.get("DATABASE_URL") else "SQLite, one file"


def manage(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def prepare(env: dict[str, str], script: str) -> dict | None:
    """Migrates the database and runs ``script`` in ``manage.py shell``; what it printed
    last (JSON), or None after saying why it failed."""
    try:
        manage(["migrate", "--no-input", "-v", "0"], env)
        return json.loads(manage(["shell", "-c", script], env).strip().splitlines()[-1])
    except subprocess.CalledProcessError as error:
        print(f"  the setup failed:\n{error.stderr[-2000:]}")
        return None


# A live session socket's messages start with their type (json.dumps of a dict whose first
# key is it), so clients tell them apart without parsing each.
RESULTS = '{"type": "results"'
ACTIVITY = '{"type": "activity"'
MINE = '{"type": "mine"'
ANSWERED = '{"type": "answered"'
ERROR = '{"type": "error"'


# --- Servers -----------------------------------------------------------------------------


def free_ports(count: int) -> list[int]:
    from rapport.core.testing.servers import free_port

    ports: list[int] = []
    while len(ports) < count:
        if (port := free_port()) not in ports:
            ports.append(port)
    return ports


def start_server(port: int, env: dict, log: Path) -> subprocess.Popen:
    with log.open("w") as errors:
        return subprocess.Popen(
            [PYTHON, "manage.py", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            process_group=0,
        )


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@contextlib.contextmanager
def servers_running(env: dict, count: int):
    """``count`` ``manage.py serve`` on free ports, each said with its processes once it
    answers; yields (ports, processes), stops them after and shows their errors, if any.
    Raises RuntimeError when one does not start."""
    from rapport.core.testing.servers import wait_for_port

    var_dir = Path(env["RAPPORT_VAR_DIR"])
    ports = free_ports(count)
    processes = [start_server(port, env, var_dir / f"server-{port}.log") for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for_port(port, process, timeout=STARTUP_SECONDS)
        for port, process in zip(ports, processes, strict=True):
            tree = process_tree(process.pid)
            names = [
                "uvicorn web server" if "uvicorn" in command else "task worker (run_huey)"
                for pid, command in tree.items()
                if pid != process.pid
            ]
            print(
                f"  server: manage.py serve --port {port} (pid {process.pid}: "
                f"{' + '.join(names) or 'starting'})"
            )
        yield ports, processes
    finally:
        for process in processes:
            stop_server(process)
        log = "".join((var_dir / f"server-{port}.log").read_text()[-2000:] for port in ports)
        if "Traceback" in log or "ERROR" in log:
            print(f"  the servers' errors ended with:\n{log}")


def redis_ready(url: str) -> str:
    """Empties the Redis database ``url`` names; the reason it can't be used, or ""."""
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3).flushdb()
    except redis.RedisError as error:
        return f"{type(error).__name__}: {error}"
    return ""


# --- CPU ---------------------------------------------------------------------------------


def process_tree(pid: int) -> dict[int, str]:
    """A process and its descendants still running: pid → command line (from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            children[int(fields[1])].append(int(entry.name))
    found, todo = {}, [pid]
    while todo:
        current = todo.pop()
        try:
            command = (Path("/proc") / str(current) / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[current] = command.replace(b"\0", b" ").decode(errors="replace").strip()
        todo += children.get(current, [])
    return found


def cpu_seconds(pids) -> float:
    """CPU time used so far by these processes (each counted alone)."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


class CpuMeter:
    """CPU each server (with its children) and the client processes use between ``start``
    and ``stop``, as shares of one core."""

    def __init__(self, servers: list[subprocess.Popen], clients: list[int]):
        self.servers = [set(process_tree(server.pid)) for server in servers]
        self.clients = clients

    def _now(self) -> tuple[list[float], float]:
        return [cpu_seconds(pids) for pids in self.servers], cpu_seconds(self.clients)

    def start(self) -> None:
        self.started, self.before = time.monotonic(), self._now()

    def stop(self) -> None:
        self.window, self.after = time.monotonic() - self.started, self._now()

    def server_seconds(self) -> list[float]:
        return [a - b for a, b in zip(self.after[0], self.before[0], strict=True)]

    def line(self, ports: list[int]) -> str:
        servers = self.server_seconds()
        shares = ", ".join(
            f"server on port {port} {cpu / self.window:.0%}"
            for port, cpu in zip(ports, servers, strict=True)
        )
        clients = (self.after[1] - self.before[1]) / self.window
        return (
            f"{shares}, clients {clients:.0%} (over {self.window:.1f} s); "
            f"load average {os.getloadavg()[0]:.2f}"
        )


# --- Client processes --------------------------------------------------------------------


def spread(sessions: list[str], ports: list[int], workers: int) -> list[list[dict]]:
    """Client k is on server k mod n, in process (k div n) mod workers: each process has
    clients on every server. Each client: {"port", "session"}."""
    groups: list[list[dict]] = [[] for _ in range(max(1, min(workers, len(sessions))))]
    for k, session in enumerate(sessions):
        groups[(k // len(ports)) % len(groups)].append(
            {"port": ports[k % len(ports)], "session": session}
        )
    return groups


class Child:
    """A process of a benchmark's own script (``script --role``), given its spec as its
    first line of input and talked to a line at a time: it answers with lines
    ``<kind> <JSON>`` (``say``)."""

    def __init__(self, script: str, role: str, spec: dict):
        self.script, self.role, self.spec = script, role, spec
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            PYTHON,
            self.script,
            f"--{self.role}",
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=1 << 28,  # the result is one long line
        )
        await self.tell(json.dumps(self.spec))

    async def tell(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()

    async def expect(self, kind: str, timeout: float) -> dict:
        async with asyncio.timeout(timeout):
            while True:
                line = await self.process.stdout.readline()
                if not line:
                    raise RuntimeError(f"a {self.role} process ended before saying {kind}")
                said, _, content = line.decode().partition(" ")
                if said == kind:
                    return json.loads(content)

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def connect_clients(children: list[Child], total: int, what: str, limit: float) -> int:
    """Start the client processes, wait (up to ``limit`` seconds) until each has said how
    many of its sockets ``connected``, and print how many of ``total`` did and the first
    few errors; returns how many connected."""
    started = time.monotonic()
    for child in children:
        await child.start()
    joined = await asyncio.gather(*(child.expect("connected", limit) for child in children))
    connected = sum(said["connected"] for said in joined)
    errors = [error for said in joined for error in said["errors"]]
    print(f"  {connected} of {total} {what} in {time.monotonic() - started:.1f} s")
    for error in sorted(set(errors))[:5]:
        print(f"    connection error: {error} × {errors.count(error)}")
    return connected


def say(kind: str, content: dict) -> None:
    """A client process's answer to the benchmark's main process."""
    sys.stdout.write(f"{kind} {json.dumps(content)}\n")
    sys.stdout.flush()


async def told() -> str:
    """The next line the main process tells a client process."""
    return await asyncio.to_thread(sys.stdin.readline)


async def socket_open(port: int, path: str, session: str, timeout: float):
    """A WebSocket to ``path`` on the local server at ``port``, as a signed-in browser on
    one of its pages opens it (its session cookie, and the page's Origin)."""
    import websockets

    return await websockets.connect(
        f"ws://127.0.0.1:{port}{path}",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"sessionid={session}"},
        open_timeout=timeout,
        max_size=None,
    )


async def http_request(
    port: int,
    method: str,
    path: str,
    *,
    session: str = "",
    form: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    """One request on a fresh connection, as a browser opening a page would; the body is
    read to its end."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret for cookie and header
        body = "&".join(f"{k}={v}" for k, v in (form or {}).items()).encode()
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            "Connection: close",
            f"Cookie: sessionid={session}; csrftoken={csrf}",
        ]
        if method == "POST":
            head += [
                f"X-CSRFToken: {csrf}",
                f"Origin: http://127.0.0.1:{port}",
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await writer.drain()
        response = await reader.read()
    finally:
        writer.close()
    status_line, _, rest = response.partition(b"\r\n")
    return int(status_line.split()[1]), rest


# --- Figures -----------------------------------------------------------------------------


def percentile(ordered, fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def latency_line(ordered) -> str:
    """p50, p95, p99 and the worst of ``ordered`` (seconds, ascending), in ms."""
    return (
        ", ".join(
            f"{name} {percentile(ordered, q) * 1000:.0f} ms"
            for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
        )
        + f", max {ordered[-1] * 1000:.0f} ms"
    )


def fraction_text(got: int, expected: int) -> str:
    if expected == 0:
        return "-"
    if got == expected:
        return "1"
    return f"{math.floor(got / expected * 10_000) / 10_000:.4f}"


def ms_text(seconds: float | None) -> str:
    """A summary figure in ms, or "-" for one that could not be measured."""
    return "-" if seconds is None else f"{seconds * 1000:.0f}"


@contextlib.contextmanager
def throwaway_postgres(name: str):
    """A new, empty database ``name`` on the local PostgreSQL (PG_SERVER) for the block, and
    dropped after it; gives its URL."""
    import psycopg

    def drop(create: bool) -> None:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if create:
                conn.execute(f"CREATE DATABASE {name}")

    drop(create=True)
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        drop(create=False)
