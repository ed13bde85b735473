"""A person's data export: built by the task, holding their things and only theirs, with
their media; one built at a time; downloaded by its owner alone until it expires."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from rapport.community.checkins.testing import (
    SECRET_REFLECTION,
    SECRET_WORD,
    learners_private_things,
)
from rapport.core.refusals import Refused
from rapport.knowing.models.notes import StaffNote
from rapport.privacy import services
from rapport.privacy.models import DataExport, ExportStatus

STAFF_NOTE = "Struggles with the commute; keep an eye out"


@pytest.fixture
def learners_export(cast, client_for, django_capture_on_commit_callbacks):
    """cast.learner's private things, a staff note about them, the other learner's mood,
    and cast.learner's photo — then their export, built."""
    learners_private_things(cast)
    StaffNote.objects.create(
        course=cast.course, learner=cast.learner, author=cast.instructor, body=STAFF_NOTE
    )
    from rapport.community.checkins import services as checkins

    checkins.mood_record(
        course=cast.course, learner=cast.other_learner, score=4, word="other-private-word"
    )
    cast.learner.photo.save("p.jpg", ContentFile(b"\xff\xd8 a tiny picture"), save=True)
    client = client_for("learner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export_request"))
    assert response.status_code == 302
    return DataExport.objects.get(user=cast.learner)


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_holds_each_kind_of_their_things_and_their_photo(
    cast, client_for, learners_export
):
    assert learners_export.status == ExportStatus.READY
    response = client_for("learner").get(learners_export.get_download_url())
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    archive = zip_of(response)
    names = set(archive.namelist())
    assert {"README.txt", "profile.json", "moods.json", "reflections.json"} <= names
    assert any(name.startswith("media/profile/") for name in names)
    moods = json.loads(archive.read("moods.json"))
    assert [mood["word"] for mood in moods] == [SECRET_WORD]
    reflections = json.loads(archive.read("reflections.json"))
    assert [r["text"] for r in reflections] == [SECRET_REFLECTION]
    profile = json.loads(archive.read("profile.json"))
    assert profile[0]["email"] == cast.learner.email


def test_the_export_holds_no_staff_notes_and_nobody_elses_private_things(
    client_for, learners_export
):
    archive = zip_of(client_for("learner").get(learners_export.get_download_url()))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert STAFF_NOTE.encode() not in everything
    assert b"other-private-word" not in everything


@pytest.mark.parametrize("role", ["other_learner", "instructor", "ta"])
def test_only_the_owner_can_download(client_for, learners_export, role):
    assert client_for(role).get(learners_export.get_download_url()).status_code == 404


def test_the_link_expires(client_for, learners_export):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client_for("learner").get(learners_export.get_download_url())
    assert response.status_code == 404


def test_expired_exports_are_deleted_with_their_files(
    learners_export, django_capture_on_commit_callbacks
):
    storage, name = learners_export.file.storage, learners_export.file.name
    assert storage.exists(name)
    assert services.data_exports_expire(now=timezone.now() + timedelta(days=6)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        gone = services.data_exports_expire(now=timezone.now() + timedelta(days=8))
    assert gone == 1
    assert not DataExport.objects.exists() and not storage.exists(name)


def test_one_export_is_built_at_a_time(cast):
    DataExport.objects.create(user=cast.learner)  # still being built
    with pytest.raises(Refused):
        services.data_export_request(user=cast.learner)
    assert DataExport.objects.filter(user=cast.learner).count() == 1


def test_the_page_polls_while_building_and_offers_the_download_when_ready(cast, client_for):
    export = DataExport.objects.create(user=cast.learner)
    client = client_for("learner")
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:export_progress", args=[export.pk]) in html
    assert 'hx-trigger="every 1s"' in html
    progress = client.get(
        reverse("privacy:export_progress", args=[export.pk]), HTTP_HX_REQUEST="true"
    )
    assert progress.status_code == 200 and "Gathering your data" in progress.content.decode()
    services.data_export_build(export_id=export.pk)
    html = client.get(reverse("privacy:my_data")).content.decode()
    assert export.get_download_url() in html and "every 1s" not in html


@pytest.mark.s3
def test_an_export_in_a_bucket_downloads_under_its_name_and_is_never_kept(
    s3_bucket, cast, client_for, learners_export
):
    import requests

    assert learners_export.file.name in s3_bucket.names()
    redirect = client_for("learner").get(learners_export.get_download_url())
    assert redirect.status_code == 302
    assert redirect["Cache-Control"] == "private, no-store"
    download = requests.get(redirect["Location"], timeout=10)
    stamp = timezone.localdate(learners_export.ready_at).isoformat()
    assert download.headers["Content-Disposition"] == (
        f'attachment; filename="rapport-my-data-{stamp}.zip"'
    )
    assert download.headers["Cache-Control"] == "no-store"
    assert "profile.json" in zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert client_for("other_learner").get(learners_export.get_download_url()).status_code == 404
