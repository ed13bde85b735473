"""What the fault scripts share: a Redis server and a PostgreSQL cluster of their own (on
free ports, in temporary folders, so restarting them disturbs nothing else on the machine),
a fresh database with Rapport's tables, and one line per scenario.

A scenario is a module with ``NAME`` and ``run(services) -> str | None`` (the reason it
failed, or None). ``bench/faults/run.py`` runs them all on one pair of services; each can
also run alone (``.venv/bin/python bench/faults/<scenario>.py``)."""

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BENCH))

from harness import ROOT, base_env, free_ports, manage  # noqa: E402

PG_BIN = (
    sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    if Path("/usr/lib/postgresql").exists()
    else None
)
START_SECONDS = 30

# Tables straight from the models, as the test suite makes them: the migrations' history
# takes minutes to replay, and none of these scenarios is about it.
SCHEMA = """
from django.conf import settings
from django.core.management import call_command


class NoMigrations(dict):
    def __contains__(self, app):
        return True

    def __getitem__(self, app):
        return None


settings.MIGRATION_MODULES = NoMigrations()
call_command("migrate", run_syncdb=True, verbosity=0)
"""


class PrivateRedis:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_ports(1)[0]
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_SECONDS
        while (
            subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the private Redis did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # as a crash would: nothing saved
            self.process.wait()


class PrivatePostgres:
    """A cluster of its own, run as the ``postgres`` user when this runs as root."""

    def __init__(self, folder: Path):
        if PG_BIN is None:
            raise RuntimeError("PostgreSQL's programs are not installed")
        self.folder = folder
        self.data = folder / "data"
        self.port = free_ports(1)[0]
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        folder.mkdir(exist_ok=True)
        if self.as_postgres:
            folder.parent.chmod(0o711)  # the postgres user passes through to its own folder
            shutil.chown(folder, "postgres", "postgres")
        self._run(
            [
                PG_BIN / "initdb",
                "-D",
                self.data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale",
                "C",
            ]
        )

    def _run(self, args) -> None:
        subprocess.run([*self.as_postgres, *map(str, args)], check=True, capture_output=True)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            [
                PG_BIN / "pg_ctl",
                "-D",
                self.data,
                "-o",
                options,
                "-l",
                self.folder / "log",
                "-w",
                "-t",
                str(START_SECONDS),
                "start",
            ]
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run([PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def start_if_stopped(self) -> None:
        running = subprocess.run(
            [*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
        )
        if running.returncode != 0:
            self.start()

    def create_database(self, name: str, template: str | None = None) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(
                f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")
            )
        return self.url(name)


class Services:
    """A private Redis and PostgreSQL, and a database with Rapport's tables made once, which
    each scenario's database copies."""

    TEMPLATE = "rapport_faults_template"

    def __init__(self, folder: Path):
        self.folder = folder
        self.redis = PrivateRedis(folder)
        self.postgres = PrivatePostgres(folder / "postgres")

    def start(self) -> None:
        self.redis.start()
        self.postgres.start()
        url = self.postgres.create_database(self.TEMPLATE)
        with tempfile.TemporaryDirectory(prefix="rapport-faults-") as var_dir:
            env = {**base_env(), "DATABASE_URL": url, "RAPPORT_VAR_DIR": var_dir}
            manage(["shell", "-c", SCHEMA], env)

    def stop(self) -> None:
        self.redis.stop()
        self.postgres.stop()

    def environment(self, var_dir: str, *, redis: bool = True) -> dict[str, str]:
        """A server's and its setup's environment on a new copy of the database."""
        name = f"rapport_faults_{secrets.token_hex(4)}"
        env = {**base_env(), "RAPPORT_VAR_DIR": var_dir, "EMAIL_URL": f"file://{var_dir}/mail"}
        env["DATABASE_URL"] = self.postgres.create_database(name, template=self.TEMPLATE)
        if redis:
            env["REDIS_URL"] = self.redis.url
        return env


@contextlib.contextmanager
def services_running():
    with tempfile.TemporaryDirectory(prefix="rapport-faults-services-") as folder:
        services = Services(Path(folder))
        try:
            services.start()
            yield services
        finally:
            services.stop()


def shell(env: dict[str, str], script: str) -> dict:
    """Runs ``script`` in ``manage.py shell``; what it printed last, as JSON."""
    return json.loads(manage(["shell", "-c", script], env).strip().splitlines()[-1])


def outcome(name: str, failure: str | None) -> bool:
    print(f"PASS {name}" if failure is None else f"FAIL {name}: {failure}", flush=True)
    return failure is None


def run_alone(scenario) -> None:
    """A scenario's own ``__main__``: its services, its line, its exit code."""
    try:
        with services_running() as services:
            failure = scenario.run(services)
    except Exception as error:  # the line says why, whatever broke
        failure = f"{type(error).__name__}: {error}"
    raise SystemExit(0 if outcome(scenario.NAME, failure) else 1)


def wait_until(check, timeout: float, step: float = 0.2):
    """``check()``'s first true value within ``timeout`` seconds, else its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


__all__ = ["ROOT", "outcome", "run_alone", "services_running", "shell", "wait_until"]
