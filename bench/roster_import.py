"""Importing a class of 10,000 from a OneRoster 1.1 zip, then importing it again.

A zip with 10,000 learners enrolled in one class (``rapport.integrations.roster.testing``)
is imported into a course of a fresh, migrated SQLite database (one file in a temporary
folder, in a child process of its own) by the code the import page's task and
``manage.py import_roster`` run (``roster_list_apply``: read with the columns guessed, then
``roster_apply``). Then the same file again: that must write nothing at all (every INSERT,
UPDATE and DELETE is counted with a connection execute_wrapper) and take less time.

The baseline, measured in the same run, is reading the file alone (unzip, CSV, columns,
rows as people): each import's time is shown as a ratio of it.

    .venv/bin/python bench/roster_import.py [--people 10000]

Ends with: summary: seconds=<n> rows_per_s=<n> reimport_seconds=<n>. Target: under 10 s.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PEOPLE = 10_000
TARGET_SECONDS = 10


def child(people: int) -> None:
    """In a process of its own, against the throwaway database the environment names."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from rapport.courses.models import Course, Membership, Role
    from rapport.integrations.roster.mapping import auto_mapping, read_people
    from rapport.integrations.roster.parsing import read_roster
    from rapport.integrations.roster.services import roster_list_apply
    from rapport.integrations.roster.testing import class_of, oneroster_zip

    call_command("migrate", "--no-input", verbosity=0)
    course = Course.objects.create(title="Bench 101", slug="bench")
    instructor = get_user_model().objects.create(email="bench-staff@example.test", password="!")
    Membership.objects.create(course=course, user=instructor, role=Role.INSTRUCTOR)
    data = oneroster_zip(**class_of(people))

    def read() -> None:
        table = read_roster(data)
        read_people(table, auto_mapping(table.headers))

    writes: list[str] = []

    def count_writes(execute, sql, params, many, context):
        if sql.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(sql)
        return execute(sql, params, many, context)

    def imported() -> dict:
        writes.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(count_writes):
            table = read_roster(data)
            outcome = roster_list_apply(
                course=course, table=table, mapping=auto_mapping(table.headers), actor=instructor
            )
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "writes": len(writes), "added": outcome.added,
                "unchanged": outcome.unchanged, "errors": len(outcome.errors)}  # fmt: skip

    started = time.perf_counter()
    read()
    parse_seconds = time.perf_counter() - started
    first = imported()
    again = imported()
    print(json.dumps({"zip_bytes": len(data), "parse": parse_seconds, "first": first,
                      "again": again}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.people)
        return
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="rapport-bench-roster-") as var_dir:
        env = {**os.environ, "DEBUG": "1", "LOG_LEVEL": "WARNING", "PYTHONUTF8": "1"}
        env |= {"RAPPORT_VAR_DIR": var_dir}
        for name in ("DATABASE_URL", "REDIS_URL"):
            env.pop(name, None)
        done = subprocess.run(
            [PYTHON, "bench/roster_import.py", "--child", "--people", str(args.people)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    parse, first, again = figures["parse"], figures["first"], figures["again"]
    people = args.people
    rate = people / first["seconds"]
    print(f"OneRoster zip of {people:,} enrolled learners: {figures['zip_bytes'] / 1024:.0f} KiB")
    print(f"reading the file alone (baseline): {parse:.2f} s")
    print(
        f"first import, empty course: {first['seconds']:.2f} s, {rate:,.0f} rows/s, "
        f"{first['writes']} write statements, {first['added']:,} added "
        f"({first['seconds'] / parse:.1f}x reading)"
    )
    print(
        f"same file again: {again['seconds']:.2f} s, {again['writes']} write statements, "
        f"{again['unchanged']:,} unchanged ({again['seconds'] / parse:.1f}x reading, "
        f"{again['seconds'] / first['seconds']:.2f}x the first import)"
    )
    verdict = "under" if first["seconds"] < TARGET_SECONDS else "OVER"
    print(f"target: under {TARGET_SECONDS} s for the first import — {verdict}")
    assert first["added"] == people and first["errors"] == 0, first
    assert again["writes"] == 0, f"the second import wrote {again['writes']} statements"
    assert again["seconds"] < first["seconds"], "the second import was not faster"
    print(
        f"summary: seconds={first['seconds']:.2f} rows_per_s={rate:.0f} "
        f"reimport_seconds={again['seconds']:.2f}"
    )


if __name__ == "__main__":
    main()
