"""Settings default to production: DEBUG off unless the environment turns it on. The
development commands (``make run``, ``make seed``) and the test run turn it on themselves."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRINT_DEBUG = "from django.conf import settings; print(settings.DEBUG)"


def settings_in_a_fresh_process(tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT_DEBUG}"],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "rapport.settings",
            "RAPPORT_VAR_DIR": str(tmp_path),
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_debug_is_off_when_the_environment_does_not_mention_it(tmp_path):
    result = settings_in_a_fresh_process(tmp_path, SECRET_KEY="a-key-for-this-test-only")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_without_debug_or_a_secret_key_settings_refuse_to_start(tmp_path):
    result = settings_in_a_fresh_process(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_debug_on_generates_a_development_key(tmp_path):
    result = settings_in_a_fresh_process(tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
    assert (tmp_path / "secret_key").read_text().strip()


def test_the_test_run_configures_debug_before_settings_load(pytestconfig):
    # Loaded by pyproject's addopts, before pytest-django imports the settings.
    assert pytestconfig.pluginmanager.has_plugin("rapport.core.testing.environment")
    assert "DEBUG" in os.environ


def test_make_run_and_seed_turn_debug_on(tmp_path):
    """``make run`` with a stand-in Python that writes down what it was asked and with
    which DEBUG, instead of migrating, seeding and serving."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.log"
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\necho "$* DEBUG=$DEBUG" >> {log}\n')
    python.chmod(0o755)
    (venv / ".installed").touch()  # newer than pyproject.toml: no install step
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "run", f"VENV={venv}"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert log.read_text().splitlines() == [
        "manage.py migrate --no-input DEBUG=1",
        "manage.py seed_demo DEBUG=1",
        "manage.py serve DEBUG=1",
    ]


def test_each_test_worker_keys_what_it_keeps_in_redis_apart(tmp_path):
    """Workers share Redis but each has its own database, where the same ids turn up: a
    board's "here now" kept by one worker must not be overwritten by another's."""
    show = (
        "import rapport.core.testing.environment; import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['KEY_PREFIX'],"
        " s.CHANNEL_LAYERS['default']['CONFIG']['prefix'], s.HUEY['name'])"
    )
    seen = {}
    for worker in ("gw0", "gw1"):
        result = subprocess.run(
            [sys.executable, "-c", show],
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "rapport.settings",
                "RAPPORT_VAR_DIR": str(tmp_path),
                "REDIS_URL": "redis://127.0.0.1:6379/15",
                "CACHE_KEY_PREFIX": "rapport-ci",
                "PYTEST_XDIST_WORKER": worker,
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        seen[worker] = result.stdout.split()
    assert seen["gw0"] == ["rapport-ci-gw0", "asgi-gw0", "rapport-gw0"]
    assert seen["gw1"] == ["rapport-ci-gw1", "asgi-gw1", "rapport-gw1"]
