"""Answering a ritual round: words, a photo or a voice clip (at least one), one answer per
person per round that can be changed while the round is open, and nothing stored when an
answer is refused."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from rapport.community.models.rituals import RitualPost
from rapport.community.rituals import services
from rapport.community.rituals.services import NOTHING_TO_POST
from rapport.community.rituals.testing import image_upload, ritual_make, round_open
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import Role
from rapport.media import samples
from rapport.media.models import Audience, MediaItem, MediaKind
from rapport.media.testing import media_item_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(cast):
    return round_open(ritual_make(course=cast.course, author=cast.instructor), actor=cast.ta)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "rituals"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def answer_url(cast, round_) -> str:
    return reverse("community:ritual_answer", args=[cast.course.slug, round_.pk])


def photo_url(cast, post, size="") -> str:
    base = reverse("community:ritual_photo", args=[cast.course.slug, post.pk])
    return base + (f"?size={size}" if size else "")


def test_a_first_answer_records_ritual_answered(cast, round_):
    post = services.ritual_answer_post(
        round=round_, author=cast.learner, body="I finished **all** readings"
    )
    [point] = Touchpoint.objects.filter(kind=TouchpointKind.RITUAL_ANSWERED)
    assert (point.actor_id, point.subject_id) == (cast.learner.pk, None)
    assert point.object_id == str(post.pk)
    assert "<strong>all</strong>" in post.body_html


def test_one_answer_per_person_per_round_changing_it_keeps_one(cast, round_):
    first = services.ritual_answer_post(round=round_, author=cast.learner, body="First try")
    again = services.ritual_answer_post(round=round_, author=cast.learner, body="Better words")
    assert first.pk == again.pk
    assert RitualPost.objects.get().body == "Better words"
    assert Touchpoint.objects.filter(kind=TouchpointKind.RITUAL_ANSWERED).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        RitualPost.objects.create(round=round_, author=cast.learner, body="sneaky twin")


def test_an_answer_needs_something_in_it(cast, round_):
    with pytest.raises(Refused, match="write a few words, add a photo, or record"):
        services.ritual_answer_post(round=round_, author=cast.learner, body="   ")
    assert not RitualPost.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.RITUAL_ANSWERED).exists()


def test_taking_everything_out_of_an_answer_is_refused(cast, round_):
    services.ritual_answer_post(round=round_, author=cast.learner, photo_upload=image_upload())
    with pytest.raises(Refused, match="Add something"):
        services.ritual_answer_post(round=round_, author=cast.learner, remove_photo=True)
    assert RitualPost.objects.get().photo


def test_outsiders_cannot_answer(cast, round_):
    with pytest.raises(Refused):
        services.ritual_answer_post(round=round_, author=cast.outsider, body="Hi")
    assert not RitualPost.objects.exists()


@pytest.mark.parametrize("role", ["ta", "instructor"])
def test_staff_answer_too_through_the_page_and_are_marked_as_staff(cast, client_for, round_, role):
    client = client_for(role)
    round_page = client.get(round_.get_absolute_url()).content.decode()
    assert "Share my answer" in round_page  # the form is offered to staff too
    response = client.post(answer_url(cast, round_), {"body": "My own win: a quiet weekend"})
    post = RitualPost.objects.get(author=cast.by_role(role))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    html = client_for("learner").get(round_.get_absolute_url()).content.decode()
    article = html[html.index(f'id="post-{post.pk}"') :]
    header = article[: article.index("</header>")]
    word = {"ta": "TA", "instructor": "Instructor"}[role]
    assert f'<span class="role-badge" title="{Role(role).label}">{word}</span>' in header


def test_a_closed_round_takes_no_answers(cast, round_):
    with pytest.raises(Refused, match="closed"):
        services.ritual_answer_post(
            round=round_, author=cast.learner, body="Late", now=round_.closes_at
        )


# --- photos -------------------------------------------------------------------------------


def test_a_photo_is_re_encoded_without_its_metadata(cast, round_, settings):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    post = services.ritual_answer_post(
        round=round_,
        author=cast.learner,
        photo_upload=image_upload(size=(1600, 900), exif=exif),
        photo_alt="My seedlings on the windowsill",
    )
    with post.photo.open("rb") as handle:
        stored = Image.open(handle)
        stored.load()
    assert stored.format == "JPEG" and max(stored.size) == 1024
    assert not stored.getexif()
    assert post.photo_thumb and post.photo_alt == "My seedlings on the windowsill"
    assert len(stored_files(settings)) == 2


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("sunset.jpg", b"<?php echo 'not an image'; ?>", "image/jpeg"),
        SimpleUploadedFile("drawing.svg", b'<svg onload="alert(1)"></svg>', "image/svg+xml"),
        SimpleUploadedFile("empty.png", b"", "image/png"),
    ],
    ids=["php", "svg", "empty"],
)
def test_a_file_that_is_not_an_image_is_refused_and_leaves_nothing(cast, round_, settings, upload):
    with pytest.raises(Refused, match="isn't an image") as refused:
        services.ritual_answer_post(
            round=round_, author=cast.learner, body="Look!", photo_upload=upload
        )
    assert refused.value.field == "photo"
    assert not RitualPost.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.RITUAL_ANSWERED).exists()
    assert stored_files(settings) == []


def test_a_photo_over_the_size_limit_is_refused(cast, round_, settings):
    settings.PHOTO_MAX_BYTES = 1000
    with pytest.raises(Refused, match="the limit is 1000\xa0bytes"):
        services.ritual_answer_post(
            round=round_, author=cast.learner, photo_upload=image_upload(size=(400, 400))
        )
    assert not RitualPost.objects.exists()


def test_replacing_a_photo_removes_the_old_files(
    cast, round_, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.ritual_answer_post(round=round_, author=cast.learner, photo_upload=image_upload())
        first = set(stored_files(settings))
        services.ritual_answer_post(
            round=round_, author=cast.learner, photo_upload=image_upload(color=(0, 90, 200))
        )
    now = set(stored_files(settings))
    assert len(now) == 2 and not (first & now)


def test_photos_are_served_to_members_only(cast, round_, client_for):
    post = services.ritual_answer_post(
        round=round_, author=cast.learner, photo_upload=image_upload()
    )
    for role in ("learner", "other_learner", "ta"):
        response = client_for(role).get(photo_url(cast, post, "full"))
        assert response.status_code == 200, role
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"].startswith("private")
    assert client_for("outsider").get(photo_url(cast, post)).status_code == 404
    anonymous = client_for("anonymous").get(photo_url(cast, post))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


# --- voice ----------------------------------------------------------------------------------


def test_a_voice_answer_from_the_recorder_is_shared_with_the_course(cast, round_, client_for):
    clip = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    post = services.ritual_answer_post(
        round=round_, author=cast.learner, media_id=str(clip.public_id)
    )
    clip.refresh_from_db()
    assert post.media == clip and clip.audience == Audience.COURSE
    point = Touchpoint.objects.get(kind=TouchpointKind.RITUAL_ANSWERED)
    assert point.channel == "voice"
    playback = reverse("media:file", args=[cast.course.slug, clip.public_id, "playback"])
    assert client_for("other_learner").get(playback).status_code == 200
    assert client_for("outsider").get(playback).status_code == 404


def test_someone_elses_recording_cannot_be_used(cast, round_):
    clip = media_item_ready(course=cast.course, owner=cast.other_learner, kind=MediaKind.AUDIO)
    with pytest.raises(Refused, match="couldn't find that recording"):
        services.ritual_answer_post(round=round_, author=cast.learner, media_id=str(clip.public_id))
    with pytest.raises(Refused, match="couldn't find"):
        services.ritual_answer_post(round=round_, author=cast.learner, media_id="not-a-uuid")
    clip.refresh_from_db()
    assert clip.audience == Audience.PRIVATE
    assert not RitualPost.objects.exists()


def test_a_recording_already_shared_elsewhere_is_refused(cast, round_):
    clip = media_item_ready(
        course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO, audience=Audience.STAFF
    )
    with pytest.raises(Refused, match="already shared"):
        services.ritual_answer_post(round=round_, author=cast.learner, media_id=str(clip.public_id))


def test_a_video_is_not_a_voice_clip(cast, round_):
    clip = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.VIDEO)
    with pytest.raises(Refused, match="voice clip"):
        services.ritual_answer_post(round=round_, author=cast.learner, media_id=str(clip.public_id))
    assert not RitualPost.objects.exists()


def test_removing_a_voice_clip_discards_it(
    cast, round_, settings, django_capture_on_commit_callbacks
):
    clip = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    files = [Path(settings.MEDIA_ROOT) / field.name for field in (clip.original, clip.playback)]
    with django_capture_on_commit_callbacks(execute=True):
        services.ritual_answer_post(round=round_, author=cast.learner, media_id=str(clip.public_id))
        post = services.ritual_answer_post(
            round=round_, author=cast.learner, body="Words instead", remove_media=True
        )
    assert post.media is None
    assert not MediaItem.objects.filter(pk=clip.pk).exists()
    assert not any(path.exists() for path in files)


# --- through the pages ------------------------------------------------------------------------


def test_answering_with_a_photo_through_the_form(cast, round_, client_for):
    client = client_for("learner")
    page = client.get(round_.get_absolute_url()).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="media_file"' in page
    response = client.post(
        answer_url(cast, round_),
        {"body": "My compost is *alive*", "photo": image_upload(), "photo_alt": "Compost"},
    )
    post = RitualPost.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    html = client.get(round_.get_absolute_url()).content.decode()
    assert "<em>alive</em>" in html and photo_url(cast, post) in html and 'alt="Compost"' in html


def test_answering_with_a_voice_file_without_javascript(cast, round_, client_for, tmp_path):
    clip = samples.make_audio(tmp_path / "win.webm", seconds=1)
    with clip.open("rb") as handle:
        response = client_for("learner").post(
            answer_url(cast, round_), {"media_file": SimpleUploadedFile("win.webm", handle.read())}
        )
    assert response.status_code == 302
    post = RitualPost.objects.get()
    assert post.media.kind == MediaKind.AUDIO and post.media.audience == Audience.COURSE


def test_the_form_shows_why_an_answer_was_refused(cast, round_, client_for, settings):
    bad = SimpleUploadedFile("cat.jpg", b"definitely not a jpeg", "image/jpeg")
    response = client_for("learner").post(answer_url(cast, round_), {"body": "", "photo": bad})
    assert response.status_code == 200
    assert "isn&#x27;t an image we can read" in response.content.decode()
    empty = client_for("learner").post(answer_url(cast, round_), {"body": " "})
    assert NOTHING_TO_POST.split(":")[0] in empty.content.decode()
    assert not RitualPost.objects.exists()
    assert stored_files(settings) == []


def test_the_answer_page_lets_a_learner_change_their_answer(cast, round_, client_for):
    services.ritual_answer_post(round=round_, author=cast.learner, body="Old words")
    client = client_for("learner")
    page = client.get(answer_url(cast, round_)).content.decode()
    assert "Old words" in page and "Change your answer" in page
    client.post(answer_url(cast, round_), {"body": "New words"})
    assert RitualPost.objects.get().body == "New words"
