"""Seeded data built once per test process and written back wherever it is asked for again.

Seeding the demo takes seconds and a dozen test modules and browser tests start from it.
``restorable(key, build)`` runs ``build()`` the first time. On SQLite it then keeps every
table's rows, the files the build wrote under ``MEDIA_ROOT`` and the emails it sent; the
next call with the same key, on a database in the same state as the first build began
from, writes those back instead of building again (milliseconds, not seconds).

The rows go back with plain ``DELETE`` and ``INSERT`` statements, so a restore works inside
a transaction and is undone by the same rollbacks as a build (``module_data``, a test's
savepoint, a transactional test's flush). Work the build left for after the commit runs
at the end of the build, so that its effects are part of what is kept. SQLite and
PostgreSQL are kept this way (PostgreSQL's values travel as text, cast back to each
column's type, and its id sequences move past the ids written back); on other databases
``restorable`` always builds.

The processes of one parallel run (pytest-xdist's workers) share what they build: a snapshot
is also written to a folder of the run's own (``SHARED_FOLDER``), under a lock, so a worker
that asks for a key another one built (or is building) reads it instead of building it
again. The run's main process removes the folder at the end (``forget_shared``).
"""

import contextlib
import copy
import fcntl
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import DEFAULT_DB_ALIAS, connections, transaction


@dataclass
class Snapshot:
    value: Any
    tables: dict[str, tuple[list[str], list[tuple]]]
    files: dict[str, bytes]
    emails: list


# The databases whose snapshots are kept; on others ``restorable`` always builds.
KEPT_ON = ("sqlite", "postgresql")

# (key, the database's row counts before the build) -> what the build left
SNAPSHOTS: dict[tuple, Snapshot] = {}


# pytest-xdist names each run; its workers share this folder (None outside such a run).
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
SHARED_FOLDER = Path(tempfile.gettempdir()) / f"rapport-snapshots-{_RUN}" if _RUN else None


def restorable(key: Hashable, build: Callable[[], Any]) -> Any:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor not in KEPT_ON:
        return _build(build, connection)
    full_key = (key, _row_counts(connection))
    snapshot = SNAPSHOTS.get(full_key)
    if snapshot is None:
        with _shared(full_key) as shared:
            snapshot = shared.read()
            if snapshot is None:
                value, snapshot = _build_and_keep(build, connection)
                SNAPSHOTS[full_key] = shared.write(snapshot)
                return value
        SNAPSHOTS[full_key] = snapshot
    _restore(snapshot, connection)
    return copy.deepcopy(snapshot.value)


def _build_and_keep(build: Callable[[], Any], connection) -> tuple[Any, Snapshot]:
    """``build()``'s value, and what it left: every table's rows, the files it wrote under
    MEDIA_ROOT and the emails it sent."""
    files_before = _files()
    sent_before = len(_outbox())
    value = _build(build, connection)
    return value, Snapshot(
        value=copy.deepcopy(value),
        tables=_rows(connection),
        files={
            path: content for path, content in _files().items() if files_before.get(path) != content
        },
        emails=copy.deepcopy(_outbox()[sent_before:]),
    )


class _SharedSnapshot:
    """One key's snapshot in the run's shared folder (or nowhere, outside a parallel run)."""

    def __init__(self, path: Path | None):
        self.path = path

    def read(self) -> Snapshot | None:
        if self.path is None or not self.path.exists():
            return None
        return pickle.loads(self.path.read_bytes())

    def write(self, snapshot: Snapshot) -> Snapshot:
        if self.path is not None:
            try:
                data = pickle.dumps(snapshot)
            except (pickle.PicklingError, TypeError, AttributeError):
                return snapshot  # kept in this process only
            partial = self.path.with_suffix(".partial")
            partial.write_bytes(data)
            partial.replace(self.path)
        return snapshot


@contextlib.contextmanager
def _shared(full_key: tuple) -> Iterator[_SharedSnapshot]:
    """The key's shared snapshot, locked against the run's other processes until the block
    ends: one builds while the others wait, then read what it wrote."""
    if SHARED_FOLDER is None:
        yield _SharedSnapshot(None)
        return
    SHARED_FOLDER.mkdir(exist_ok=True)
    name = hashlib.sha256(repr(full_key).encode()).hexdigest()
    with open(SHARED_FOLDER / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield _SharedSnapshot(SHARED_FOLDER / f"{name}.pickle")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def forget_shared() -> None:
    """Remove the run's shared folder (its main process calls this at the end)."""
    if SHARED_FOLDER is not None:
        shutil.rmtree(SHARED_FOLDER, ignore_errors=True)


def _build(build: Callable[[], Any], connection) -> Any:
    with after_commit_work_done_here(connection):
        return build()


@contextlib.contextmanager
def after_commit_work_done_here(connection=None) -> Iterator[None]:
    """The work the block leaves for after its commit is done when the block ends, rather
    than at the outer transaction's commit (a test's, never): as module_data and Django's
    captureOnCommitCallbacks(execute=True) do, but dropped once done, so an outer capture
    does not run it again. Done inside a moved clock, it sees the block's moment."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    start = len(connection.run_on_commit)
    yield
    while len(connection.run_on_commit) > start:
        pending = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for _sids, callback, _robust in pending:
            callback()


def _tables(connection) -> list[str]:
    if connection.vendor == "postgresql":
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
    else:
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND (name NOT LIKE 'sqlite_%' OR name = 'sqlite_sequence') ORDER BY name"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [name for (name,) in cursor.fetchall()]


def _row_counts(connection) -> tuple:
    tables = [name for name in _tables(connection) if name != "sqlite_sequence"]
    if not tables:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM \"{name}\"" for name in tables)
        )
        return tuple(sorted(cursor.fetchall()))


@dataclass(frozen=True)
class _Column:
    name: str
    # PostgreSQL: the column's type, which its text is cast back to ("" on SQLite)
    type: str = ""

    @property
    def read(self) -> str:
        # SQLite: a unary plus leaves each value as stored, so no converter turns it into a
        # Python date or bool that would go back in another spelling. PostgreSQL: as text,
        # which its type reads back exactly (JSON, arrays and ranges included).
        return f"{_quoted(self.name)}::text" if self.type else f"+{_quoted(self.name)}"

    @property
    def write(self) -> str:
        return f"%s::{self.type}" if self.type else "%s"


def _columns(connection, cursor, name: str) -> list[_Column]:
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            [_quoted(name)],
        )
        return [_Column(column, type_) for column, type_ in cursor.fetchall()]
    cursor.execute(f'SELECT * FROM "{name}" LIMIT 0')
    return [_Column(column[0]) for column in cursor.description]


def _rows(connection) -> dict[str, tuple[list[_Column], list[tuple]]]:
    rows = {}
    with connection.cursor() as cursor:
        for name in _tables(connection):
            columns = _columns(connection, cursor, name)
            cursor.execute(f'SELECT {", ".join(c.read for c in columns)} FROM "{name}"')
            rows[name] = (columns, cursor.fetchall())
    return rows


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _restore(snapshot: Snapshot, connection) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Checked when the transaction commits, once every table is back as it was.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for name, (columns, rows) in snapshot.tables.items():
            cursor.execute(f'DELETE FROM "{name}"')
            if rows:
                names = ", ".join(_quoted(column.name) for column in columns)
                marks = ", ".join(column.write for column in columns)
                cursor.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)
        if connection.vendor == "postgresql":
            _move_sequences_past_the_rows(cursor)
    # Content types are cached by id, and the ids are now the snapshot's.
    ContentType.objects.clear_cache()
    media = Path(settings.MEDIA_ROOT)
    for path, content in snapshot.files.items():
        (media / path).parent.mkdir(parents=True, exist_ok=True)
        (media / path).write_bytes(content)
    _outbox().extend(copy.deepcopy(snapshot.emails))


def _move_sequences_past_the_rows(cursor) -> None:
    """Each id sequence (serial or identity column) continues after the largest id now in
    its table, so the next row saved does not take an id a restored row has."""
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() "
        "AND (is_identity = 'YES' OR column_default LIKE 'nextval(%%')"
    )
    for table, column in cursor.fetchall():
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "
            f"COALESCE(MAX({_quoted(column)}), 0) + 1, false) FROM {_quoted(table)}",
            [_quoted(table), column],
        )


def _files() -> dict[str, bytes]:
    media = Path(settings.MEDIA_ROOT)
    if not media.is_dir():
        return {}
    return {
        str(path.relative_to(media)): path.read_bytes()
        for path in media.rglob("*")
        if path.is_file()
    }


def _outbox() -> list:
    if not hasattr(mail, "outbox"):
        mail.outbox = []
    return mail.outbox
