"""Which database connection each setup gets: on SQLite the backend whose writers take
turns; on PostgreSQL a per-process pool rather than connections left with request threads
(each ASGI request runs on its own thread)."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRINT_DATABASE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(json.dumps([d['ENGINE'], d.get('OPTIONS', {}), d.get('CONN_MAX_AGE')]))"
)


def database_settings(tmp_path, **env) -> list:
    done = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE],
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "rapport.settings",
            "RAPPORT_VAR_DIR": str(tmp_path),
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_default_sqlite_database_queues_its_writers_in_turn(tmp_path):
    engine, options, max_age = database_settings(tmp_path)
    assert engine == "rapport.core.fair_sqlite"
    assert options["transaction_mode"] == "IMMEDIATE" and max_age == 0


def test_postgresql_connections_come_from_a_pool(tmp_path):
    engine, options, max_age = database_settings(
        tmp_path, DATABASE_URL="postgres://someone@db.example:5432/rapport"
    )
    assert engine == "django.db.backends.postgresql"
    assert options["pool"]["max_size"] >= 10 and max_age == 0
