"""``manage.py serve`` runs for real here: a web server and a task worker as child processes,
against their own SQLite files in a temporary RAPPORT_VAR_DIR."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from rapport.core.management.commands.serve import Command

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
STARTUP_SECONDS = 20
STOP_SECONDS = 10


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """A migrated, seeded var dir; no Postgres or Redis even if the outer run uses them."""
    var_dir = tmp_path_factory.mktemp("serve-var")
    env = {
        **os.environ,
        "RAPPORT_VAR_DIR": str(var_dir),
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        "PYTHONUTF8": "1",
    }
    for name in ["DATABASE_URL", "REDIS_URL", "HUEY_IMMEDIATE", "DJANGO_SETTINGS_MODULE"]:
        env.pop(name, None)
    for command in (["migrate", "--no-input"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, MANAGE, *command],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> dict[int, str]:
    """The command lines of a process's children, read from /proc: a listing such as ``ps``
    cuts its columns to the terminal's width, so a long checkout path would hide them."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            args = (entry / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue  # it exited while we looked
        if parent == pid:
            found[int(entry.name)] = args.rstrip(b"\0").replace(b"\0", b" ").decode()
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def deep_checkout(under: Path) -> tuple[str, str]:
    """The Python and manage.py as seen from a checkout (and its virtualenv) whose path is
    over 120 characters, through symlinks: what a user's long home folder looks like."""
    deep = under.joinpath(*["a-rather-long-folder-name"] * 5)
    deep.mkdir(parents=True)
    (deep / "checkout").symlink_to(settings.BASE_DIR, target_is_directory=True)
    (deep / "venv").symlink_to(sys.prefix, target_is_directory=True)
    python = deep / "venv" / "bin" / Path(sys.executable).name
    assert len(str(deep / "checkout")) > 120
    return str(python), str(deep / "checkout" / "manage.py")


class Server:
    def __init__(
        self, env: dict[str, str], log: Path, python: str = sys.executable, manage: str = MANAGE
    ):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [python, manage, "serve", "--port", str(self.port)],
            env=env,
            stdout=log.open("w", encoding="utf-8"),
            stderr=subprocess.STDOUT,
        )
        self.children: dict[int, str] = {}

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_until_up(self) -> int:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve exited early:\n{self.output()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2) as r:
                    status = r.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                time.sleep(0.2)
                continue
            self.children = children_of(self.process.pid)
            return status
        raise AssertionError(f"no answer on port {self.port}:\n{self.output()}")

    def child(self, needle: str) -> int:
        return next(pid for pid, args in self.children.items() if needle in args)

    def cleanup(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in self.children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(params=["short path"])
def server(request, env, tmp_path):
    where = deep_checkout(tmp_path) if request.param == "long path" else ()
    started = Server(env, tmp_path / "serve.log", *where)
    yield started
    started.cleanup()


@pytest.mark.parametrize("server", ["short path", "long path"], indirect=True)
def test_serves_pages_and_runs_the_worker_until_ctrl_c_stops_both(server):
    assert server.wait_until_up() in (200, 302)
    web = server.child("uvicorn rapport.asgi:application")
    worker = server.child("run_huey")
    assert alive(web) and alive(worker)

    server.process.send_signal(signal.SIGINT)

    assert server.process.wait(timeout=STOP_SECONDS) == 0
    assert not alive(web)
    assert not alive(worker)
    output = server.output()
    assert f"Rapport is running at http://127.0.0.1:{server.port} — press Ctrl-C to stop." in output
    assert "  instructor@rapport.test / rapport-demo  (instructor)" in output
    assert "  learner@rapport.test / rapport-demo  (learner)" in output


@pytest.mark.parametrize("server", ["short path", "long path"], indirect=True)
def test_when_the_worker_dies_the_web_server_is_stopped_too(server):
    assert server.wait_until_up() in (200, 302)
    web = server.child("uvicorn")
    os.kill(server.child("run_huey"), signal.SIGKILL)

    assert server.process.wait(timeout=STOP_SECONDS) != 0
    assert not alive(web)
    assert "The task worker stopped" in server.output()


def test_sigterm_stops_both_children(server):
    assert server.wait_until_up() in (200, 302)
    children = list(server.children)
    assert len(children) == 2

    server.process.send_signal(signal.SIGTERM)

    assert server.process.wait(timeout=STOP_SECONDS) == 0
    assert not any(alive(pid) for pid in children)


def test_reload_is_passed_to_the_web_server_only_when_asked():
    assert "--reload" not in Command._web_server_args("127.0.0.1", 8000, reload=False)
    args = Command._web_server_args("0.0.0.0", 9000, reload=True)
    assert "--reload" in args
    assert args[args.index("--port") + 1] == "9000"
