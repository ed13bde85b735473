from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import SimpleLazyObject

from rapport.accounts.models import User
from rapport.accounts.services import profile_update
from rapport.accounts.tests.samples import (
    media_files,
    photo_upload,
    png_header_claiming,
    recording_upload,
)
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.courses.models import MembershipStatus
from rapport.factories import CourseFactory, MembershipFactory, UserFactory


@pytest.fixture
def media_root(settings):
    return settings.MEDIA_ROOT


@pytest.fixture
def person(db):
    return UserFactory(preferred_name="Aroha", about="", timezone="UTC")


def saved(person):
    person.refresh_from_db()
    return person


def test_profile_fields_are_saved(person):
    profile_update(
        user=person,
        data={
            "preferred_name": "Ro",
            "pronouns": "she/her",
            "pronunciation_text": "AH-roh-hah",
            "timezone": "Pacific/Auckland",
            "preferred_channel": "email",
            "quiet_hours_start": time(21),
            "quiet_hours_end": time(7),
            "show_about_to_peers": False,
        },
    )
    row = saved(person)
    assert (row.preferred_name, row.pronouns, row.timezone) == ("Ro", "she/her", "Pacific/Auckland")
    assert (row.quiet_hours_start, row.quiet_hours_end) == (time(21), time(7))
    assert row.show_about_to_peers is False and row.preferred_channel == "email"


def test_photo_and_recording_are_stored_under_the_person(person, media_root):
    profile_update(
        user=person, data={}, photo_upload=photo_upload(), audio_upload=recording_upload()
    )
    row = saved(person)
    assert row.photo.name.startswith(f"profiles/{person.pk}/photo-")
    assert row.photo_thumb.name.startswith(f"profiles/{person.pk}/thumb-")
    assert row.pronunciation_audio.name.endswith(".webm")
    assert media_files(media_root) == {
        row.photo.name,
        row.photo_thumb.name,
        row.pronunciation_audio.name,
    }


def test_replaced_files_are_deleted_after_commit(
    person, media_root, django_capture_on_commit_callbacks
):
    profile_update(
        user=person, data={}, photo_upload=photo_upload(), audio_upload=recording_upload()
    )
    first = media_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(
            user=person,
            data={},
            photo_upload=photo_upload(color="red"),
            audio_upload=recording_upload(seconds=1),
        )

    row = saved(person)
    assert media_files(media_root) == {
        row.photo.name,
        row.photo_thumb.name,
        row.pronunciation_audio.name,
    }
    assert not first & media_files(media_root)


def test_removing_photo_and_recording_deletes_them(
    person, media_root, django_capture_on_commit_callbacks
):
    profile_update(
        user=person, data={}, photo_upload=photo_upload(), audio_upload=recording_upload()
    )
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(user=person, data={}, remove_photo=True, remove_audio=True)
    row = saved(person)
    assert not row.photo and not row.photo_thumb and not row.pronunciation_audio
    assert media_files(media_root) == set()


@pytest.mark.parametrize(
    "bad_photo",
    [
        SimpleUploadedFile("me.jpg", b"not a picture at all" * 20),
        SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\0" * (6 * 1024 * 1024)),
        SimpleUploadedFile("bomb.png", png_header_claiming(20000, 20000)),
        SimpleUploadedFile("many.png", png_header_claiming(10000, 10000)),
        SimpleUploadedFile("wide.png", png_header_claiming(6000, 100)),
    ],
    ids=["not-an-image", "too-big", "bomb", "too-many-pixels", "too-wide"],
)
def test_refused_photo_changes_nothing(person, media_root, bad_photo):
    profile_update(
        user=person, data={}, photo_upload=photo_upload(), audio_upload=recording_upload()
    )
    before = saved(person)
    files_before = media_files(media_root)

    with pytest.raises(ValidationError) as caught:
        profile_update(
            user=person,
            data={"preferred_name": "Changed", "about": "New about"},
            photo_upload=bad_photo,
            audio_upload=recording_upload(seconds=1),
        )

    assert set(caught.value.message_dict) == {"photo"}
    row = saved(person)
    assert (row.preferred_name, row.about) == (before.preferred_name, before.about)
    assert (row.photo.name, row.pronunciation_audio.name) == (
        before.photo.name,
        before.pronunciation_audio.name,
    )
    assert person.preferred_name == before.preferred_name  # the caller's object too
    assert media_files(media_root) == files_before


@pytest.mark.parametrize(
    "bad_audio",
    [
        lambda: recording_upload(seconds=20),
        lambda: SimpleUploadedFile("name.webm", b"words words words" * 30),
    ],
    ids=["too-long", "not-audio"],
)
def test_refused_recording_changes_nothing(person, media_root, bad_audio):
    with pytest.raises(ValidationError) as caught:
        profile_update(
            user=person,
            data={"pronouns": "they/them"},
            photo_upload=photo_upload(),
            audio_upload=bad_audio(),
        )
    assert set(caught.value.message_dict) == {"pronunciation_audio"}
    row = saved(person)
    assert not row.photo and not row.pronunciation_audio and row.pronouns == ""
    assert media_files(media_root) == set()


@pytest.mark.parametrize("lazy", [False, True], ids=["user", "request.user"])
def test_failure_while_saving_removes_the_files_just_written(person, media_root, monkeypatch, lazy):
    def broken_save(*args, **kwargs):
        raise RuntimeError("database went away")

    caller_user = SimpleLazyObject(lambda: person) if lazy else person
    monkeypatch.setattr(User, "save", broken_save)
    with pytest.raises(RuntimeError):
        profile_update(user=caller_user, data={"about": "Hi"}, photo_upload=photo_upload())
    assert media_files(media_root) == set()
    assert caller_user.about == "" and not caller_user.photo
    assert person.about == "" and not person.photo


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(time(21), None, "quiet_hours_end"), (None, time(7), "quiet_hours_start")],
)
def test_quiet_hours_need_both_ends(person, start, end, field):
    with pytest.raises(ValidationError) as caught:
        profile_update(user=person, data={"quiet_hours_start": start, "quiet_hours_end": end})
    assert "need both a start and an end" in caught.value.message_dict[field][0]
    assert saved(person).quiet_hours_start is None


def test_quiet_hours_can_be_cleared_together(person):
    profile_update(user=person, data={"quiet_hours_start": time(22), "quiet_hours_end": time(6)})
    profile_update(user=person, data={"quiet_hours_start": None, "quiet_hours_end": None})
    assert saved(person).quiet_hours_start is None


def test_unknown_time_zone_is_refused(person):
    with pytest.raises(ValidationError) as caught:
        profile_update(user=person, data={"timezone": "Mars/Olympus_Mons"})
    assert "timezone" in caught.value.message_dict


def test_fields_outside_the_profile_cannot_be_changed(person):
    with pytest.raises(ValueError):
        profile_update(user=person, data={"is_staff": True})


def test_completing_the_profile_records_one_touchpoint_per_active_course(person):
    active = [CourseFactory(), CourseFactory()]
    for course in active:
        MembershipFactory(user=person, course=course)
    MembershipFactory(user=person, status=MembershipStatus.LEFT)

    profile_update(user=person, data={"about": "I grow kelp."})
    assert saved(person).profile_completed_at is None  # still no photo

    profile_update(user=person, data={}, photo_upload=photo_upload())
    profile_update(user=person, data={"about": "I grow kelp and seaweed."})

    row = saved(person)
    assert row.profile_completed_at is not None
    recorded = Touchpoint.objects.filter(kind=TouchpointKind.PROFILE_COMPLETED)
    assert sorted(recorded.values_list("course_id", flat=True)) == sorted(c.pk for c in active)
    assert {(t.actor_id, t.subject_id, t.channel) for t in recorded} == {
        (person.pk, person.pk, "system")
    }


def test_completing_again_after_removing_the_photo_records_nothing_new(person):
    MembershipFactory(user=person)
    profile_update(user=person, data={"about": "Hello"}, photo_upload=photo_upload())
    profile_update(user=person, data={}, remove_photo=True)
    profile_update(user=person, data={}, photo_upload=photo_upload())
    assert Touchpoint.objects.filter(kind=TouchpointKind.PROFILE_COMPLETED).count() == 1
