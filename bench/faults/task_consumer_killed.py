"""kill -9 of the task consumer in the middle of a task: the task runs again on the next
consumer, and nothing is lost or done twice.

A course of 300 learners who all prefer email; an event is planned, which queues its
announcement (one task telling every learner, each by a notification and an email of its
own, the emails as tasks of their own). A consumer (``manage.py run_huey``, one worker) takes
the announcement; once some learners have been told, it is killed with SIGKILL. A new
consumer then starts: once the dead one's heartbeat has lapsed (TASK_HEARTBEAT_SECONDS=2),
the announcement goes back on the queue and runs again. It passes when every learner has
exactly one notification and exactly one email, and the queue holds nothing."""

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from common import ROOT, run_alone, shell, wait_until
from harness import COURSE_SETUP, PYTHON, stop_server

NAME = "task_consumer_killed"
LEARNERS = 300
KILL_AFTER = 30  # learners told before the kill

SETUP = """
import datetime
from django.utils import timezone
from rapport.events.services.planning import EventDetails, event_create

User.objects.filter(pk__in=[user.pk for user in learners]).update(preferred_channel="email")
starts = timezone.now() + datetime.timedelta(days=3)
event = event_create(course=course, member=members[instructor.pk], details=EventDetails(
    kind="game_night", title="Game night", starts_at=starts,
    ends_at=starts + datetime.timedelta(hours=1), timezone="UTC"))
print(json.dumps({"course": course.pk, "event": event.pk}))
"""


def consumer(env: dict, log: Path) -> subprocess.Popen:
    with log.open("a") as errors:
        return subprocess.Popen(
            [PYTHON, "manage.py", "run_huey", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            process_group=0,
        )


def counts(env: dict, course: int) -> dict:
    """Straight from the database and Redis: a ``manage.py shell`` a second is too slow."""
    import psycopg
    import redis

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        told, most, unsent = connection.execute(
            "SELECT count(*), coalesce(max(n), 0), coalesce(sum(unsent), 0) FROM ("
            "  SELECT count(*) AS n, count(*) FILTER (WHERE emailed_at IS NULL) AS unsent"
            "  FROM core_notification WHERE course_id = %s GROUP BY recipient_id) AS per_person",
            [course],
        ).fetchone()
    queue = redis.Redis.from_url(env["REDIS_URL"])
    name = env["HUEY_NAME"]
    held = sum(
        queue.llen(f"huey.processing.{name}.{consumer.decode()}")
        for consumer in queue.smembers(f"huey.consumers.{name}")
    )
    queued = queue.llen(f"huey.redis.{name}")
    return {"told": told, "most_to_one": most, "unsent": unsent, "queued": queued, "held": held}


def emails_per_recipient(folder: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in folder.glob("*") if folder.exists() else []:
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                found[line[4:]] = found.get(line[4:], 0) + 1
    return found


def run(services) -> str | None:
    with tempfile.TemporaryDirectory(prefix="rapport-fault-tasks-") as var_dir:
        env = services.environment(var_dir)
        env |= {"TASK_HEARTBEAT_SECONDS": "2", "HUEY_NAME": f"faults{os.getpid()}"}
        names = {"token": "t", "name": "killed", "title": "Killed", "learners": LEARNERS}
        setup = shell(env, COURSE_SETUP % names + SETUP)
        log = Path(var_dir) / "consumer.log"
        first = consumer(env, log)
        try:
            reached = wait_until(
                lambda: counts(env, setup["course"])["told"] >= KILL_AFTER, 120, 0.02
            )
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
            at_kill = counts(env, setup["course"])["told"]
        finally:
            if first.poll() is None:
                os.killpg(first.pid, signal.SIGKILL)
                first.wait()
        if not reached:
            return f"the announcement did not start within 120 s: {log.read_text()[-500:]}"
        if at_kill >= LEARNERS:
            return "the announcement finished before the consumer could be killed"
        held = counts(env, setup["course"])["held"]
        second = consumer(env, log)
        started = time.monotonic()
        try:
            wait_until(
                lambda: (
                    (c := counts(env, setup["course"]))["told"] >= LEARNERS
                    and not c["unsent"]
                    and not c["queued"]
                    and not c["held"]
                    and c
                ),
                120,
                0.2,
            )
        finally:
            stop_server(second)
        finished = time.monotonic() - started
        final = counts(env, setup["course"])
        emails = emails_per_recipient(Path(var_dir) / "mail")
        print(
            f"  killed after {at_kill} of {LEARNERS} learners were told ({held} message held by "
            f"the dead consumer); the next consumer finished in {finished:.1f}"
            f" s: {final['told']} notifications (at most {final['most_to_one']} to one "
            f"person), {sum(emails.values())} emails to {len(emails)} people"
        )
        if final["told"] != LEARNERS or final["most_to_one"] != 1:
            most = final["most_to_one"]
            return f"{final['told']} notifications for {LEARNERS} learners ({most} to one)"
        if len(emails) != LEARNERS or max(emails.values()) != 1:
            return f"{sum(emails.values())} emails to {len(emails)} of {LEARNERS} learners"
        if final["queued"] or final["held"] or final["unsent"]:
            return f"tasks left over: {final}"
        if held != 1:
            return f"the dead consumer held {held} messages, not the announcement alone"
        return None


if __name__ == "__main__":
    import sys

    run_alone(sys.modules[__name__])
