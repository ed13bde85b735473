"""media:file — recordings streamed with HTTP Range support."""

import pytest
from django.urls import reverse

from rapport.media.models import MediaKind
from rapport.media.ranges import Unsatisfiable, parse_range
from rapport.media.testing import media_item_ready

PLAYBACK = bytes(range(256)) * 40  # 10 240 known bytes


@pytest.fixture
def media(cast):
    return media_item_ready(course=cast.course, owner=cast.learner, playback=PLAYBACK)


def file_url(media, variant="playback"):
    return reverse("media:file", args=[media.course.slug, media.public_id, variant])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "header,first,last",
    [("bytes=10-19", 10, 19), ("bytes=0-0", 0, 0), ("bytes=10000-", 10000, 10239)],
)
def test_a_byte_range_gets_206_and_exactly_those_bytes(client_for, media, header, first, last):
    response = client_for("learner").get(file_url(media), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(PLAYBACK)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert body(response) == PLAYBACK[first : last + 1]


def test_a_suffix_range_gets_the_last_bytes(client_for, media):
    response = client_for("learner").get(file_url(media), HTTP_RANGE="bytes=-100")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10140-10239/{len(PLAYBACK)}"
    assert body(response) == PLAYBACK[-100:]


def test_an_open_range_runs_to_the_end(client_for, media):
    response = client_for("learner").get(file_url(media), HTTP_RANGE="bytes=0-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-10239/{len(PLAYBACK)}"
    assert body(response) == PLAYBACK


def test_a_range_past_the_end_is_416(client_for, media):
    response = client_for("learner").get(file_url(media), HTTP_RANGE="bytes=20000-20010")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(PLAYBACK)}"


def test_without_a_range_the_whole_file_comes_with_private_headers(client_for, media):
    response = client_for("learner").get(file_url(media))
    assert response.status_code == 200
    assert body(response) == PLAYBACK
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Cache-Control"] == "private"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(PLAYBACK))


def test_a_stale_if_range_gets_the_whole_file(client_for, media):
    response = client_for("learner").get(
        file_url(media), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"something-else"'
    )
    assert response.status_code == 200


def test_content_types_follow_the_variant_and_kind(cast, client_for, media):
    client = client_for("learner")
    assert client.get(file_url(media, "poster"))["Content-Type"] == "image/jpeg"
    original = client.get(file_url(media, "original"))
    assert original["Content-Type"] == "video/mp4"
    assert original["Content-Disposition"].startswith("attachment")
    voice = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    assert client.get(file_url(voice))["Content-Type"] == "audio/mp4"
    assert client.get(file_url(voice, "poster")).status_code == 404  # voice has none


def test_unknown_variants_are_404(client_for, media):
    assert client_for("learner").get(file_url(media, "secret")).status_code == 404


@pytest.mark.parametrize(
    "header,expected",
    [
        (None, None),
        ("", None),
        ("bytes=0-0", (0, 0)),
        ("bytes=5-2", None),  # malformed: ignored
        ("bytes=0-5,10-15", None),  # several ranges: the whole file
        ("items=0-5", None),
        ("bytes=-", None),
        ("bytes=-500", (0, 99)),
        ("bytes=50-5000", (50, 99)),
    ],
)
def test_range_parsing(header, expected):
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=-0", "bytes=150-160"])
def test_unsatisfiable_ranges(header):
    with pytest.raises(Unsatisfiable):
        parse_range(header, 100)
