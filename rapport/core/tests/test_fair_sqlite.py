"""SQLite writers of one process take turns (rapport.core.fair_sqlite): first come, first
served, so under a burst none waits much longer than the others, the task consumer's
threads included — and nothing written is lost."""

import threading
import time

import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler
from huey import MemoryHuey
from huey.consumer_options import ConsumerConfig

from rapport.core.fair_sqlite.base import WRITE_LOCK, FairLock
from rapport.core.lifespan import ThreadedConsumer

WEB_THREADS = 20
WRITES_EACH = 15
TASKS = 60


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.001)


def test_the_lock_goes_to_waiters_in_the_order_they_came():
    lock = FairLock()
    lock.acquire()
    order = []

    def waiter(name):
        lock.acquire()
        order.append(name)
        lock.release()

    threads = []
    for name in "abcde":
        thread = threading.Thread(target=waiter, args=(name,))
        thread.start()
        threads.append(thread)
        queued = len(threads)
        wait_until(lambda n=queued: len(lock._queue) == n)  # queued before the next
    lock.release()
    for thread in threads:
        thread.join(5)
    assert order == list("abcde")


def test_a_thread_already_writing_is_not_made_to_wait_for_itself_and_a_wait_can_end():
    lock = FairLock()
    lock.acquire()
    lock.acquire()
    lock.release()
    outcome = []
    other = threading.Thread(target=lambda: outcome.append(lock.acquire(timeout=0.05)))
    other.start()
    other.join(5)
    assert outcome == [False] and not lock._queue  # still held once; the waiter gave up
    lock.release()
    assert lock.acquire(timeout=0)


@pytest.fixture
def burst_database(tmp_path, django_db_blocker):
    options = settings.DATABASES["default"].get("OPTIONS", {})
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "rapport.core.fair_sqlite",
                "NAME": str(tmp_path / "burst.sqlite3"),
                "OPTIONS": {
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 20,
                    "init_command": options.get("init_command", ""),
                },
            }
        }
    )
    with django_db_blocker.unblock():
        handler["default"].cursor().execute(
            "CREATE TABLE burst (id INTEGER PRIMARY KEY, who TEXT NOT NULL)"
        )
        yield handler
        handler.close_all()


def write_one(handler, who: str, waits: list[float]) -> None:
    """One short write transaction, as a service does (atomic's outermost block)."""
    connection = handler["default"]
    asked = time.monotonic()
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    waits.append(time.monotonic() - asked)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM burst")
            cursor.execute("INSERT INTO burst (who) VALUES (%s)", [who])
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.set_autocommit(True)


def test_many_writers_and_the_task_consumer_together_none_waits_a_second(burst_database):
    handler, waits, task_waits = burst_database, [], []
    huey = MemoryHuey(utc=True)

    @huey.task()
    def task_write(n):
        write_one(handler, f"task-{n}", task_waits)
        handler["default"].close()

    config = ConsumerConfig(**{**settings.HUEY["consumer"], "worker_type": "thread"})
    consumer = ThreadedConsumer(huey, **config.values)
    consumer.start()

    def web(n):
        for i in range(WRITES_EACH):
            write_one(handler, f"web-{n}-{i}", waits)
        handler["default"].close()

    WRITE_LOCK.reset_stats()
    try:
        for n in range(TASKS):
            task_write(n)
        threads = [threading.Thread(target=web, args=(n,)) for n in range(WEB_THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        wait_until(lambda: len(task_waits) == TASKS, timeout=60)
    finally:
        consumer.stop(graceful=True)

    assert len(waits) == WEB_THREADS * WRITES_EACH
    assert max(waits) < 1.0 and max(task_waits) < 1.0
    assert WRITE_LOCK.acquisitions >= WEB_THREADS * WRITES_EACH + TASKS
    assert WRITE_LOCK.longest_wait < 1.0
    with handler["default"].cursor() as cursor:
        cursor.execute("SELECT count(*), count(DISTINCT who) FROM burst")
        total, distinct = cursor.fetchone()
    assert total == distinct == WEB_THREADS * WRITES_EACH + TASKS  # nothing lost
