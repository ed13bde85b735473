"""PostgreSQL stopped and started again under a running server: pages asked for meanwhile
get the 503 "back in a moment" page (not a traceback, not a hang), and once the database is
back the same server process serves pages again — its connection pool reconnects.

One ``manage.py serve`` on the private cluster, configured as in production (DEBUG off,
its static files collected; only HTTPS is not required); a learner
opens the course home (200); the cluster stops (``pg_ctl stop -m fast``, which closes every
connection); the learner asks for the course home three times; the cluster starts; the
learner asks again until a page comes, then ten times more, all of which must be 200."""

import asyncio
import secrets
import tempfile
import time

from common import run_alone, shell
from harness import COURSE_SETUP, http_request, manage, servers_running

NAME = "postgres_restarted"
OUTAGE_REQUESTS = 3
OUTAGE_ANSWER_SECONDS = 30  # each request in the outage is answered within this
RECOVERY_SECONDS = 60
AFTER_RECOVERY = 10

# With DEBUG on, an error raised outside a view shows Django's traceback page by design.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
}

SETUP = """
print(json.dumps({"course": course.slug, "session": session(learners[0])}))
"""


async def get(port: int, path: str, session: str) -> tuple[int, bytes, float]:
    started = time.monotonic()
    status, rest = await asyncio.wait_for(
        http_request(port, "GET", path, session=session), OUTAGE_ANSWER_SECONDS
    )
    return status, rest, time.monotonic() - started


async def outage(port: int, setup: dict, services) -> str | None:
    home, session = f"/c/{setup['course']}/", setup["session"]
    status, _, _ = await get(port, home, session)
    if status != 200:
        return f"the course home answered {status} before the outage"
    await asyncio.to_thread(services.postgres.stop)
    took = []
    for _ in range(OUTAGE_REQUESTS):
        try:
            status, rest, seconds = await get(port, home, session)
        except TimeoutError:
            return f"a request in the outage got no answer within {OUTAGE_ANSWER_SECONDS} s"
        took.append(seconds)
        head, _, body = rest.partition(b"\r\n\r\n")
        if status != 503:
            return f"a request in the outage answered {status}, not 503"
        if b"retry-after:" not in head.lower() or b"Try again in a minute" not in body:
            return "the outage's 503 lacks Retry-After or the retry message"
        if b"Traceback" in body:
            return "the outage's page shows a traceback"
    await asyncio.to_thread(services.postgres.start)
    back = time.monotonic()
    while True:
        status, _, _ = await get(port, home, session)
        if status == 200:
            break
        if time.monotonic() - back > RECOVERY_SECONDS:
            return f"still {status} {RECOVERY_SECONDS} s after the database came back"
        await asyncio.sleep(0.5)
    recovered = time.monotonic() - back
    statuses = [(await get(port, home, session))[0] for _ in range(AFTER_RECOVERY)]
    if any(status != 200 for status in statuses):
        return f"after recovering, the course home answered {statuses}"
    print(
        f"  outage: {OUTAGE_REQUESTS} × 503 in {', '.join(f'{s:.2f}' for s in took)} s; "
        f"served again {recovered:.1f} s after the database was back, then {AFTER_RECOVERY} × 200"
    )
    return None


def run(services) -> str | None:
    with tempfile.TemporaryDirectory(prefix="rapport-fault-postgres-") as var_dir:
        env = services.environment(var_dir, redis=False) | PRODUCTION
        manage(["collectstatic", "--no-input", "-v", "0"], env)
        names = {"token": "p", "name": "postgres", "title": "Postgres", "learners": 2}
        setup = shell(env, COURSE_SETUP % names + SETUP)
        try:
            with servers_running(env, 1) as (ports, processes):
                failure = asyncio.run(outage(ports[0], setup, services))
                if failure is None and processes[0].poll() is not None:
                    failure = "the server stopped"
        finally:
            services.postgres.start_if_stopped()
        return failure


if __name__ == "__main__":
    import sys

    run_alone(sys.modules[__name__])
