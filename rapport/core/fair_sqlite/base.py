"""Django's SQLite backend, with writers queueing in turn.

Why: SQLite lets one writer at a time in, and a writer that finds the lock taken sleeps and
retries (the busy timeout) — whoever happens to retry at the right moment wins. With a class
posting at once, some requests lost that race for many seconds while others went straight
through. In the default setup every writer (the web server's request threads and the task
consumer's threads) lives in one process, so here they queue on one first-come,
first-served lock, taken before ``BEGIN IMMEDIATE`` and given back at commit or rollback:
each waits only for those ahead of it, and SQLite's own busy wait is left for the rare
writer from another process (a management command).

Also: each process keeps one idle connection to each database file open (``_keep_open``).
Connections are not kept between requests and socket actions (CONN_MAX_AGE 0), and when the
last connection to a WAL database closes, SQLite checkpoints the log into the file, syncs it
to disk and deletes it — some 8 ms per action on a disk: with a class answering a live
poll at once that, not the answers, was most of the server's time (bench/live_session.py).
With one connection always open, closing another costs nothing; the log is still
checkpointed as it grows (every 1,000 pages), by the writers' commits.

ENGINE ``rapport.core.fair_sqlite``; settings use it for every SQLite database.
"""

import sqlite3
import threading
import time
from collections import deque

from django.db import OperationalError
from django.db.backends.sqlite3 import base

RESERVED = -1


class FairLock:
    """First come, first served, and re-entrant per thread (a thread already writing on one
    connection is never made to wait for itself). ``longest_wait`` is kept for tests and
    benchmarks."""

    def __init__(self):
        self._guard = threading.Lock()
        self._queue: deque[threading.Lock] = deque()  # each waiter's own gate, in order
        self._owner: int | None = None
        self._depth = 0
        self.longest_wait = 0.0
        self.acquisitions = 0

    def acquire(self, timeout: float | None = None) -> bool:
        """Wait for our turn; False when ``timeout`` seconds pass first (then not queued)."""
        me = threading.get_ident()
        started = time.monotonic()
        with self._guard:
            if self._owner == me:
                self._depth += 1
                return True
            if self._owner is None and not self._queue:
                self._take(me, started)
                return True
            gate = threading.Lock()
            gate.acquire()
            self._queue.append(gate)
        # Opened by release(), in turn.
        if not gate.acquire(timeout=-1 if timeout is None else timeout):
            with self._guard:
                if gate in self._queue:
                    self._queue.remove(gate)
                    return False
                # Opened just as the wait ran out: it is our turn after all.
        with self._guard:
            self._take(me, started)
        return True

    def _take(self, me: int, started: float) -> None:
        self._owner, self._depth = me, 1
        self.acquisitions += 1
        self.longest_wait = max(self.longest_wait, time.monotonic() - started)

    def release(self) -> None:
        # Not checked against the calling thread: a connection shared between threads (a
        # test's live server) may commit on another thread than the one that began.
        with self._guard:
            self._depth -= 1
            if self._depth > 0:
                return
            self._owner = None
            if self._queue:
                # Reserved for the next in line until it wakes, so nobody arriving meanwhile
                # slips in ahead of it.
                self._owner = RESERVED
                self._queue.popleft().release()

    def reset_stats(self) -> None:
        self.longest_wait, self.acquisitions = 0.0, 0


WRITE_LOCK = FairLock()
_KEPT_OPEN: dict[str, sqlite3.Connection] = {}
_KEEPING = threading.Lock()


def _keep_open(name) -> None:
    """One idle connection to the database file ``name`` for the life of this process."""
    name = str(name)
    if name in _KEPT_OPEN or name == ":memory:" or "mode=memory" in name:
        return
    with _KEEPING:
        if name not in _KEPT_OPEN:
            keeper = sqlite3.connect(name, uri=True, check_same_thread=False, isolation_level=None)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # no transaction held
            _KEPT_OPEN[name] = keeper


class DatabaseWrapper(base.DatabaseWrapper):
    holds_write_lock = False

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        _keep_open(conn_params["database"])
        return connection

    def _start_transaction_under_autocommit(self):
        # As long as SQLite itself would wait for another process's writer, then the same
        # error it would give.
        if not WRITE_LOCK.acquire(timeout=self.settings_dict["OPTIONS"].get("timeout", 5)):
            raise OperationalError("database is locked (waited for this process's writers)")
        self.holds_write_lock = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._give_back_write_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._give_back_write_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._give_back_write_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._give_back_write_lock()

    def _give_back_write_lock(self) -> None:
        if self.holds_write_lock:
            self.holds_write_lock = False
            WRITE_LOCK.release()
