"""``manage.py serve``: the web server and the task worker in one command.

Without REDIS_URL the channel layer is in-memory, so the tasks run as threads of the web
server (rapport.core.lifespan): a push made by a task then reaches open browsers. With
REDIS_URL channels-redis carries pushes between processes, and the task worker is a second
child (``run_huey``).

Each child runs in its own process group, so a Ctrl-C in the terminal reaches only this
process, which then stops its children exactly once (a second SIGINT would make uvicorn
and huey abandon their graceful shutdown). On Linux the children are also told to stop if
this process dies without the chance to stop them.
"""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from huey.contrib.djhuey import HUEY

from rapport.core.startup import banner_lines

# How long the children get to finish in-flight requests and tasks before being killed.
GRACE_SECONDS = 8.0
POLL_SECONDS = 0.1
# What each signal becomes for the children: SIGHUP (the terminal closed) would make huey
# restart, so it is passed on as SIGTERM.
FORWARD = {signal.SIGINT: signal.SIGINT, signal.SIGTERM: signal.SIGTERM}
if hasattr(signal, "SIGHUP"):
    FORWARD[signal.SIGHUP] = signal.SIGTERM
PR_SET_PDEATHSIG = 1


def _stop_when_parent_dies() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Child:
    def __init__(self, name: str, args: list[str], env: dict[str, str] | None = None):
        self.name = name
        self.args = args
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.args,
            cwd=settings.BASE_DIR,
            env=self.env,
            process_group=0,
            preexec_fn=_stop_when_parent_dies if sys.platform.startswith("linux") else None,
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send(self, signum: int) -> None:
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signum)

    def kill(self) -> None:
        """Kill the child and anything it started (uvicorn's reloader has a worker)."""
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Supervisor:
    """Runs the children until a stop signal arrives or one of them exits."""

    def __init__(self, children: list[Child], *, stderr):
        self.children = children
        self.stderr = stderr
        self.stop_signal: int | None = None
        self.signals_received = 0

    def _on_signal(self, signum, frame) -> None:
        self.signals_received += 1
        if self.stop_signal is None:
            self.stop_signal = signum

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._on_signal) for sig in FORWARD}
        try:
            for child in self.children:
                child.start()
            exited = self._wait_for_stop_or_exit()
            if exited is None:
                self._stop(FORWARD[self.stop_signal])
                return 0
            code = exited.process.returncode
            others = [c.name for c in self.children if c.running]
            also = f"; stopping the {' and '.join(others)} too" if others else ""
            self.stderr.write(f"The {exited.name} stopped (exit code {code}){also}.")
            self._stop(signal.SIGTERM)
            return code if code and code > 0 else 1
        finally:
            for child in self.children:
                child.kill()  # only does anything if something got this far still running
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _wait_for_stop_or_exit(self) -> Child | None:
        while self.stop_signal is None:
            for child in self.children:
                if not child.running:
                    return child
            time.sleep(POLL_SECONDS)
        return None

    def _stop(self, signum: int) -> None:
        for child in self.children:
            child.send(signum)
        signals_before = self.signals_received
        deadline = time.monotonic() + GRACE_SECONDS
        while any(child.running for child in self.children):
            # A second Ctrl-C means "now": skip the rest of the graceful wait.
            if time.monotonic() > deadline or self.signals_received > signals_before:
                break
            time.sleep(POLL_SECONDS)
        for child in self.children:
            if child.running:
                self.stderr.write(f"The {child.name} did not stop in time; killing it.")
                child.kill()


class Command(BaseCommand):
    help = "Run Rapport: the web server and its tasks together. Ctrl-C stops everything."
    requires_migrations_checks = True

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Default: 127.0.0.1")
        parser.add_argument("--port", type=int, default=8000, help="Default: 8000")
        parser.add_argument(
            "--reload", action="store_true", help="Restart the web server when code changes."
        )

    def handle(self, *args, host: str, port: int, reload: bool, **options):
        shown_host = f"[{host}]" if ":" in host else host
        self.stdout.write(
            self.style.SUCCESS(
                f"Rapport is running at http://{shown_host}:{port} — press Ctrl-C to stop."
            )
        )
        # Whatever the apps registered to say on start (the demo's sign-ins, once seeded).
        for line in banner_lines():
            self.stdout.write(line)
        self.stdout.flush()
        # The children open their own connections; this process needs none while it waits.
        connections.close_all()
        # Links in emails are built from SITE_URL; unless it is set, it is where this runs.
        os.environ.setdefault("SITE_URL", f"http://{shown_host}:{port}")

        web_server_args = self._web_server_args(host, port, reload)
        if HUEY.immediate:
            self.stdout.write("Tasks run inside each request (HUEY_IMMEDIATE): no worker.")
            children = [Child("web server", web_server_args)]
        elif settings.REDIS_URL:
            children = [
                Child("web server", web_server_args),
                Child("task worker", [sys.executable, str(_manage_py()), "run_huey"]),
            ]
        else:
            self.stdout.write("Tasks run in the web server, so their pushes reach browsers.")
            in_web_server = {**os.environ, "TASKS_IN_WEB_SERVER": "1"}
            children = [Child("web server", web_server_args, env=in_web_server)]
        code = Supervisor(children, stderr=self.stderr).run()
        if code:
            raise CommandError("Rapport stopped because one of its processes did.", returncode=code)

    @staticmethod
    def _web_server_args(host: str, port: int, reload: bool) -> list[str]:
        args = [sys.executable, "-m", "uvicorn", "rapport.asgi:application"]
        # uvicorn[standard] brings websockets, which its default "--ws auto" picks up.
        # The lifespan starts and stops the task threads (rapport.core.lifespan).
        args += ["--host", host, "--port", str(port), "--lifespan", "on"]
        # Sockets carry small JSON messages, many at once on a busy class wall; compressing
        # each for each page cost more CPU than it saved (bench/wall_fanout.py, one process:
        # p99 from 1.55 s to 0.70 s without it).
        args += ["--ws-per-message-deflate", "false"]
        if reload:
            args += ["--reload", "--reload-dir", str(settings.BASE_DIR / "rapport")]
        return args


def _manage_py():
    return settings.BASE_DIR / "manage.py"
