"""``restorable``: built once per run, then written back (rows, files, emails) when the
same data is asked for on a database in the state the build began from — in the process that
built it, or in another worker of the same run through the shared folder."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from rapport.core.testing import snapshots
from rapport.core.testing.snapshots import KEPT_ON, SNAPSHOTS, restorable
from rapport.courses.models import Course
from rapport.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(request, monkeypatch, tmp_path):
    """A key of this test's own, forgotten afterwards (and a shared folder of its own)."""
    monkeypatch.setattr(snapshots, "SHARED_FOLDER", tmp_path / "shared")
    yield request.node.name
    for full_key in [k for k in SNAPSHOTS if k[0] == request.node.name]:
        del SNAPSHOTS[full_key]


def build_course(calls: list):
    def build():
        calls.append(1)
        course = CourseFactory(title="Snap", slug="snap", starts_on=date(2027, 1, 4))
        default_storage.save("snap/notes.txt", ContentFile(b"kept"))
        transaction.on_commit(lambda: mail.send_mail("Built", "once", None, ["a@example.test"]))
        return course.pk

    return build


def undo(sid):
    transaction.savepoint_rollback(sid)
    mail.outbox.clear()
    (Path(settings.MEDIA_ROOT) / "snap" / "notes.txt").unlink()


def test_the_second_call_writes_back_rows_files_and_emails_without_building(key):
    calls = []
    sid = transaction.savepoint()
    first = restorable(key, build_course(calls))
    assert [m.subject for m in mail.outbox] == ["Built"]  # after-commit work ran in the build
    undo(sid)
    assert not Course.objects.filter(slug="snap").exists()

    second = restorable(key, build_course(calls))
    if connection.vendor not in KEPT_ON:  # other databases always build
        assert calls == [1, 1]
        return
    assert calls == [1] and second == first
    course = Course.objects.get(pk=second)
    assert (course.title, course.starts_on) == ("Snap", date(2027, 1, 4))  # dates as stored
    assert (Path(settings.MEDIA_ROOT) / "snap" / "notes.txt").read_bytes() == b"kept"
    assert [m.subject for m in mail.outbox] == ["Built"]


def test_a_database_in_another_state_builds_again(key):
    calls = []
    sid = transaction.savepoint()
    restorable(key, build_course(calls))
    undo(sid)
    UserFactory()  # not the state the first build began from
    restorable(key, build_course(calls))
    assert calls == [1, 1]
    assert Course.objects.filter(slug="snap").count() == 1


def test_another_process_of_the_run_reads_what_one_built(key):
    calls = []
    sid = transaction.savepoint()
    first = restorable(key, build_course(calls))
    undo(sid)
    for full_key in [k for k in SNAPSHOTS if k[0] == key]:
        del SNAPSHOTS[full_key]  # as in another worker: nothing built in this process

    second = restorable(key, build_course(calls))
    if connection.vendor not in KEPT_ON:
        assert calls == [1, 1]
        return
    assert calls == [1] and second == first
    assert Course.objects.get(pk=second).slug == "snap"
    assert (Path(settings.MEDIA_ROOT) / "snap" / "notes.txt").read_bytes() == b"kept"
    assert [m.subject for m in mail.outbox] == ["Built"]
    assert len(list(snapshots.SHARED_FOLDER.glob("*.pickle"))) == 1


def test_outside_a_parallel_run_nothing_is_shared(key, monkeypatch):
    monkeypatch.setattr(snapshots, "SHARED_FOLDER", None)
    calls = []
    sid = transaction.savepoint()
    restorable(key, build_course(calls))
    undo(sid)
    for full_key in [k for k in SNAPSHOTS if k[0] == key]:
        del SNAPSHOTS[full_key]
    restorable(key, build_course(calls))
    assert calls == [1, 1]


def test_rows_saved_after_a_write_back_take_ids_past_the_written_ones(key):
    """PostgreSQL's id sequences do not move when ids are written explicitly: the write
    back moves them past the largest id of each table."""
    calls = []
    sid = transaction.savepoint()
    restorable(key, build_course(calls))
    undo(sid)
    if connection.vendor == "postgresql":
        # As in another worker's database, whose sequence never handed out those ids.
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('courses_course', 'id'), 1)")
    restored = Course.objects.get(pk=restorable(key, build_course(calls)))
    assert calls == [1] or connection.vendor not in KEPT_ON

    later = CourseFactory(title="After", slug="after")
    assert later.pk > restored.pk
    assert restored.starts_on == date(2027, 1, 4) and restored.title == "Snap"
