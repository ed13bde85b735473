"""The radar's staff pages for a course of 500 learners and 100,000 touchpoints.

Builds the course (``rapport.radar.testing.big_course``: bulk_create, seeded, so every run
reads the same ledger) in a fresh migrated database, signs in its instructor with Django's
test client (without Django's test environment, which would time every template a page
renders and copy its context, work no real request does; with what the process holds left
out of later garbage collections, as the server does once started), and measures each page's server
time — the staff home ("This week"), the radar (reach-out list and equity) and the peer
network — as the median of several requests after a first one (whose time is shown too:
the network's first view lays the graph out, later views reuse the layout until a tie comes
or goes).

The baseline, measured in the same run on the same touchpoints, taking turns with the pages'
requests (so that a machine slowing down or speeding up weighs on both alike), is a single
raw SQL aggregate reading every touchpoint of the course as the radar must: counted per
actor, subject and kind, with the latest moment of each. The ratio is the slowest page's
median over the baseline's. A narrower aggregate (per subject and kind, which an index of
the ledger answers without reading the table) is shown beside it, and each figure's CPU
time too: the test client runs in this process, so that is the server's work whatever else
the machine is doing.

SQLite (a temporary folder) always; PostgreSQL too (vacuumed and analysed after the load, as
autovacuum would leave it) when DATABASE_URL is set (that database
must exist and be empty: it is migrated and filled), or with ``--postgres``, which creates
its own database ``rapport_bench_radar`` on 127.0.0.1:5432 as user postgres, and drops it
afterwards. Each database is measured in a child process of its own.

    .venv/bin/python bench/radar.py [--postgres] [--repeats 11]

Ends with: summary: sqlite_ms=<n> sqlite_ratio=<n> postgres_ms=<n> postgres_ratio=<n>
(postgres figures "-" when PostgreSQL was not asked for). Target: under 300 ms, ratio ≤ 3.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import throwaway_postgres

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LEARNERS = 500
TOUCHPOINTS = 100_000
PAGES = ("home:course", "radar:radar", "radar:network")
BENCH_DATABASE = "rapport_bench_radar"
# The baseline: one aggregate reading every touchpoint of the course the way the radar must
# (who reached whom, how, when), grouped by actor, subject and kind.
AGGREGATE = """
SELECT actor_id, subject_id, kind, COUNT(*), MAX(occurred_at)
FROM core_touchpoint
WHERE course_id = %s AND occurred_at <= %s
GROUP BY actor_id, subject_id, kind
"""
# Shown beside it: a narrower aggregate (per learner and kind, no actor) that an index of
# the ledger answers without reading the table.
NARROW = """
SELECT subject_id, kind, COUNT(*), MAX(occurred_at)
FROM core_touchpoint
WHERE course_id = %s AND occurred_at <= %s
GROUP BY subject_id, kind
"""


def timed_ms(action) -> tuple[float, float]:
    """(wall, CPU) milliseconds. The test client runs the page in this process, so its CPU
    time is the server's work without the time spent waiting for a busy machine's cores."""
    started, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def medians(samples: list[tuple[float, float]]) -> dict:
    return {
        "median_ms": statistics.median(wall for wall, _ in samples),
        "cpu_ms": statistics.median(cpu for _, cpu in samples),
    }


def child(repeats: int) -> None:
    """In a process of its own, against the database the environment names."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from rapport.radar.testing import big_course

    # The test client's host is allowed and emails stay in memory, as in a test; but Django's
    # test environment is not set up, since it times every template (each face on a page)
    # and copies its context for the client, work that no real request does.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", "--no-input", verbosity=0)
    now = timezone.now()
    build_ms, _ = timed_ms(
        lambda: big_course(learners=LEARNERS, touchpoints=TOUCHPOINTS, now=now, slug="bench")
    )
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk load: statistics for the planner
        # and a visibility map, so that index-only scans need not visit the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE core_touchpoint")
    from rapport.core.lifespan import freeze_what_startup_made
    from rapport.courses.models import Course

    course = Course.objects.get(slug="bench")
    # What the server does once started: what the process holds is left out of later full
    # garbage collections (each would otherwise walk it all, every few pages).
    freeze_what_startup_made()
    client = Client()
    client.force_login(get_user_model().objects.get(email="bench-staff-0@example.test"))

    def fetch(url):
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"

    def aggregate(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [course.pk, timezone.now()])
            cursor.fetchall()

    # Each page's requests and the baselines take turns, so a machine that slows down or
    # speeds up during the run weighs on both sides of the ratio alike.
    for sql in (AGGREGATE, NARROW):
        aggregate(sql)
    pages, baseline_samples = {}, {"aggregate": [], "narrow": []}
    for name in PAGES:
        url = reverse(name, args=[course.slug])
        first, _ = timed_ms(lambda url=url: fetch(url))
        samples = []
        for _ in range(repeats):
            samples.append(timed_ms(lambda url=url: fetch(url)))
            for label, sql in (("aggregate", AGGREGATE), ("narrow", NARROW)):
                baseline_samples[label].append(timed_ms(lambda sql=sql: aggregate(sql)))
        pages[name] = {"first_ms": first} | medians(samples)
    baselines = {label: medians(samples) for label, samples in baseline_samples.items()}
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "build_ms": build_ms,
                "pages": pages,
                "baselines": baselines,
            }
        )
    )


def run_child(env: dict, repeats: int) -> dict:
    done = subprocess.run(
        [PYTHON, __file__, "--child", "--repeats", str(repeats)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(label: str, result: dict) -> tuple[float, float]:
    baseline = result["baselines"]["aggregate"]["median_ms"]
    narrow = result["baselines"]["narrow"]
    print(
        f"{label}: built {LEARNERS} learners, {TOUCHPOINTS:,} touchpoints in "
        f"{result['build_ms'] / 1000:.1f} s"
    )
    print(
        f"  baseline, one aggregate by actor, subject and kind: {baseline:.1f} ms "
        f"(CPU {result['baselines']['aggregate']['cpu_ms']:.1f} ms)"
    )
    print(
        f"  narrower aggregate by subject and kind (index only): {narrow['median_ms']:.1f} ms "
        f"(CPU {narrow['cpu_ms']:.1f} ms)"
    )
    worst = 0.0
    for name, figures in result["pages"].items():
        median = figures["median_ms"]
        worst = max(worst, median)
        print(
            f"  {name}: median {median:.1f} ms (CPU {figures['cpu_ms']:.1f} ms), "
            f"{median / baseline:.2f}x the baseline, {median / narrow['median_ms']:.1f}x the "
            f"narrower one; first view {figures['first_ms']:.1f} ms"
        )
    return worst, worst / baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", action="store_true", help=f"create {BENCH_DATABASE}")
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.repeats)
        return
    base = {**os.environ, "DEBUG": "1", "LOG_LEVEL": "WARNING", "PYTHONUTF8": "1"}
    base.pop("REDIS_URL", None)
    print(f"load average {os.getloadavg()[0]:.2f}")
    figures = {}
    with tempfile.TemporaryDirectory(prefix="rapport-bench-radar-") as var_dir:
        env = {**base, "RAPPORT_VAR_DIR": var_dir}
        env.pop("DATABASE_URL", None)
        figures["sqlite"] = report("SQLite", run_child(env, args.repeats))
        with contextlib.ExitStack() as stack:
            database_url = os.environ.get("DATABASE_URL")
            if args.postgres:
                database_url = stack.enter_context(throwaway_postgres(BENCH_DATABASE))
            if database_url:
                env = {**env, "DATABASE_URL": database_url}
                figures["postgres"] = report("PostgreSQL", run_child(env, args.repeats))
    parts = []
    for name in ("sqlite", "postgres"):
        if name in figures:
            ms, ratio = figures[name]
            parts.append(f"{name}_ms={ms:.0f} {name}_ratio={ratio:.2f}")
        else:
            parts.append(f"{name}_ms=- {name}_ratio=-")
    print("summary: " + " ".join(parts))


if __name__ == "__main__":
    main()
