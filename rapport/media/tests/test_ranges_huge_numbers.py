"""Range headers with absurdly long numbers get an HTTP answer, never a 500."""

import pytest

from rapport.media.ranges import Unsatisfiable, parse_range
from rapport.media.testing import media_item_ready
from rapport.media.tests.test_views_files import PLAYBACK, body, file_url

THOUSANDS = "9" * 5000


@pytest.fixture
def media(cast):
    return media_item_ready(course=cast.course, owner=cast.learner, playback=PLAYBACK)


@pytest.mark.parametrize(
    "header", [f"bytes={THOUSANDS}-", f"bytes={THOUSANDS}-{THOUSANDS}1", "bytes=1" + "0" * 19 + "-"]
)
def test_a_start_with_thousands_of_digits_is_416(client_for, media, header):
    client = client_for("learner")
    client.raise_request_exception = True
    response = client.get(file_url(media), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(PLAYBACK)}"


@pytest.mark.parametrize("header", [f"bytes=0-{THOUSANDS}", f"bytes=-{THOUSANDS}"])
def test_an_end_or_suffix_with_thousands_of_digits_means_the_whole_file(client_for, media, header):
    response = client_for("learner").get(file_url(media), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-10239/{len(PLAYBACK)}"
    assert body(response) == PLAYBACK


def test_parsing_caps_long_numbers_without_converting_them():
    with pytest.raises(Unsatisfiable):
        parse_range(f"bytes={THOUSANDS}-", 100)
    assert parse_range(f"bytes=10-{THOUSANDS}", 100) == (10, 99)
