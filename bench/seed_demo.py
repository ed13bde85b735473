"""How long the demo takes to seed, and how cheap a second run is.

`make run` seeds before it serves, so the seed's time is the wait before a new user sees
Rapport. Runs `manage.py seed_demo` twice against a fresh temporary database and media
folder: the first run builds everything, the second must find everything in place. The
baseline, measured in the same run, is `manage.py migrate` on the same fresh database:
the least a first start costs anyway.

    .venv/bin/python bench/seed_demo.py

Ends with: summary: seed_s=<n> reseed_s=<n> seed_vs_migrate=<n> reseed_vs_seed=<n>
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rapport-bench-seed-") as var_dir:
        env = {**os.environ, "RAPPORT_VAR_DIR": var_dir, "DEBUG": "1", "LOG_LEVEL": "WARNING"}
        for name in ("DATABASE_URL", "REDIS_URL"):
            env.pop(name, None)
        migrate = timed(["migrate", "--no-input", "-v", "0"], env)
        seed = timed(["seed_demo"], env)
        reseed = timed(["seed_demo"], env)
    print(f"migrate (baseline): {migrate:.2f} s")
    print(f"seed_demo, fresh database: {seed:.2f} s ({seed / migrate:.2f}x migrate)")
    print(f"seed_demo, second run: {reseed:.2f} s ({reseed / seed:.2f}x the first)")
    print(
        f"summary: seed_s={seed:.2f} reseed_s={reseed:.2f} "
        f"seed_vs_migrate={seed / migrate:.2f} reseed_vs_seed={reseed / seed:.2f}"
    )


if __name__ == "__main__":
    main()
