"""The import's life outside the pages: a task that cannot import says why and keeps no
file; uploads nobody imported are deleted after a day; progress goes through the cache."""

from datetime import timedelta

import pytest
import time_machine
from django.utils.timezone import now

from rapport.core.refusals import Refused
from rapport.courses.models import Membership, Role
from rapport.integrations.roster import services
from rapport.integrations.roster.models import ImportStatus
from rapport.integrations.roster.tasks import delete_unused_uploads
from rapport.integrations.roster.testing import roster_import_make, upload

pytestmark = pytest.mark.django_db


def test_an_import_whose_instructor_is_no_longer_one_fails_with_the_reason(cast):
    roster_import = roster_import_make(cast.course, cast.instructor)
    stored = roster_import.file.name
    Membership.objects.filter(course=cast.course, user=cast.instructor).update(role=Role.TA)
    roster_import.status = ImportStatus.RUNNING
    services.roster_import_run(roster_import=roster_import)
    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.FAILED
    assert roster_import.problem == "Only the course's instructors can import people."
    assert not roster_import.file.storage.exists(stored)
    assert not Membership.objects.filter(user__email="sam@school.test").exists()


def test_progress_is_kept_in_the_cache_while_importing(cast, monkeypatch):
    seen = []
    monkeypatch.setattr(services, "progress_report", lambda what, done: seen.append(done))
    roster_import = roster_import_make(cast.course, cast.instructor)
    services.roster_import_run(roster_import=roster_import)
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_an_import_cannot_start_twice(cast):
    roster_import = roster_import_make(cast.course, cast.instructor)
    services.roster_import_start(roster_import=roster_import, actor=cast.instructor)
    with pytest.raises(Refused, match="already been imported"):
        services.roster_import_start(roster_import=roster_import, actor=cast.instructor)


def test_only_instructors_upload(cast):
    with pytest.raises(Refused, match="instructors"):
        services.roster_import_upload(course=cast.course, actor=cast.ta, upload=upload(b"email\n"))


def test_uploads_never_imported_are_deleted_after_a_day(cast):
    waiting = roster_import_make(cast.course, cast.instructor)
    stored = waiting.file.name
    assert delete_unused_uploads.call_local() == 0
    with time_machine.travel(now() + timedelta(days=1, minutes=1)):
        assert delete_unused_uploads.call_local() == 1
    waiting.refresh_from_db()
    assert waiting.status == ImportStatus.FAILED and not waiting.file
    assert not waiting.file.storage.exists(stored)
