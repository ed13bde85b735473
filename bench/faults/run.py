"""Every fault script, one after the other, on one private Redis and PostgreSQL: a line
``PASS <name>`` or ``FAIL <name>: why`` each, and a non-zero exit if any failed.

    .venv/bin/python bench/faults/run.py [name ...]
"""

import sys
import time

import disk_full
import postgres_restarted
import redis_restarted
import task_consumer_killed
from common import outcome, services_running

SCENARIOS = [postgres_restarted, disk_full, task_consumer_killed, redis_restarted]


def main() -> None:
    wanted = sys.argv[1:]
    unknown = set(wanted) - {scenario.NAME for scenario in SCENARIOS}
    if unknown:
        raise SystemExit(f"no such fault script: {', '.join(sorted(unknown))}")
    chosen = [s for s in SCENARIOS if not wanted or s.NAME in wanted]
    started = time.monotonic()
    passed = 0
    with services_running() as services:
        print(f"private Redis and PostgreSQL ready in {time.monotonic() - started:.1f} s")
        for scenario in chosen:
            began = time.monotonic()
            try:
                failure = scenario.run(services)
            except Exception as error:  # the line says why, and the others still run
                failure = f"{type(error).__name__}: {error}"
            passed += outcome(scenario.NAME, failure)
            print(f"  ({time.monotonic() - began:.1f} s)")
    print(f"{passed} of {len(chosen)} fault scripts passed in {time.monotonic() - started:.1f} s")
    raise SystemExit(0 if passed == len(chosen) else 1)


if __name__ == "__main__":
    main()
