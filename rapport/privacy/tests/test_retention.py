"""A course's retention rule: set by its instructors on the settings page, applied by the
nightly task once the days after the course's end have passed — recordings (files too),
check-ins and moods gone, other courses untouched, nothing private in the log."""

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.urls import reverse

from rapport.community.checkins import services as checkins
from rapport.community.models.checkins import MoodCheckin
from rapport.core.refusals import Refused
from rapport.media.models import MediaItem
from rapport.media.testing import media_item_ready
from rapport.presence import services as presence
from rapport.presence.models import Message
from rapport.privacy import services
from rapport.privacy.models import CourseRetention
from rapport.privacy.tasks import apply_course_retention

ENDS_ON = date(2026, 6, 30)
MOOD_WORD = "retention-private-word"


def noon_on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def ended_course(cast, django_capture_on_commit_callbacks):
    cast.course.ends_on = ENDS_ON
    cast.course.save(update_fields=["ends_on"])
    with time_machine.travel(noon_on(ENDS_ON - timedelta(days=10)), tick=False):
        recording = media_item_ready(course=cast.course, owner=cast.instructor)
        presence.checkin_post(
            course=cast.course, author=cast.instructor, title="Week 9", body="Hello all"
        )
        checkins.mood_record(course=cast.course, learner=cast.learner, score=2, word=MOOD_WORD)
        other = media_item_ready(course=cast.other_course, owner=cast.outsider)
    files = [recording.original.name, recording.playback.name, recording.poster.name]
    assert all(default_storage.exists(name) for name in files)
    services.course_retention_set(course=cast.course, actor=cast.instructor, days=30)
    return {"files": files, "other": other}


def run_nightly_on(day: date, capture) -> None:
    with time_machine.travel(noon_on(day), tick=False), capture(execute=True):
        apply_course_retention.call_local()


def test_nothing_goes_before_the_days_have_passed(
    cast, ended_course, django_capture_on_commit_callbacks
):
    run_nightly_on(ENDS_ON + timedelta(days=29), django_capture_on_commit_callbacks)
    assert MediaItem.objects.filter(course=cast.course).exists()
    assert Message.objects.filter(course=cast.course).exists()
    assert MoodCheckin.objects.filter(course=cast.course).exists()


def test_recordings_checkins_and_moods_go_with_their_files_when_due(
    cast, ended_course, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.DEBUG):
        run_nightly_on(ENDS_ON + timedelta(days=30), django_capture_on_commit_callbacks)
    assert not MediaItem.objects.filter(course=cast.course).exists()
    assert not Message.objects.filter(course=cast.course).exists()
    assert not MoodCheckin.objects.filter(course=cast.course).exists()
    assert not any(default_storage.exists(name) for name in ended_course["files"])
    # another course's recording stays, and the log holds counts, not words
    assert MediaItem.objects.filter(pk=ended_course["other"].pk).exists()
    assert MOOD_WORD not in caplog.text and "Week 9" not in caplog.text
    assert CourseRetention.objects.get(course=cast.course).last_applied_at is not None


def test_a_course_without_a_rule_keeps_everything(
    cast, ended_course, django_capture_on_commit_callbacks
):
    services.course_retention_set(course=cast.course, actor=cast.instructor, days=None)
    run_nightly_on(ENDS_ON + timedelta(days=400), django_capture_on_commit_callbacks)
    assert MediaItem.objects.filter(course=cast.course).exists()


def test_the_rule_needs_an_end_date_and_an_instructor(cast):
    with pytest.raises(Refused, match="end date"):
        services.course_retention_set(course=cast.course, actor=cast.instructor, days=10)
    cast.course.ends_on = ENDS_ON
    cast.course.save(update_fields=["ends_on"])
    with pytest.raises(Refused):
        services.course_retention_set(course=cast.course, actor=cast.ta, days=10)
    assert not CourseRetention.objects.exists()


def test_instructors_set_it_on_the_settings_page(cast, client_for):
    client = client_for("instructor")
    settings_url = reverse("courses:settings", args=[cast.course.slug])
    url = reverse("privacy:retention", args=[cast.course.slug])
    assert url in client.get(settings_url).content.decode()
    refused = client.post(url, {"days": "30"}, follow=True)
    assert "end date" in refused.content.decode()
    assert not CourseRetention.objects.exists()
    cast.course.ends_on = ENDS_ON
    cast.course.save(update_fields=["ends_on"])
    client.post(url, {"days": "-3"}, follow=True)
    assert not CourseRetention.objects.exists()
    done = client.post(url, {"days": "30"}, follow=True)
    assert "30 days after the course ends" in done.content.decode()
    assert CourseRetention.objects.get(course=cast.course).days == 30
    ta_page = client_for("ta").get(settings_url).content.decode()
    assert "Deleted 30 days after the course ends" in ta_page and url not in ta_page
