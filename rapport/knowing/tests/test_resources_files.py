"""Resource files are served only to active members of the course."""

import io

import pytest
from PIL import Image

from rapport.knowing.recommend.testing import resource_make

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 120, 90, 128)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def text_resource(cast):
    return resource_make(cast.course, content=b"Wetlands filter water.\n", file_name="guide.txt")


def file_url(resource) -> str:
    return f"/c/env-sci/resources/{resource.pk}/file/"


@pytest.mark.parametrize("role", ["learner", "other_learner", "ta", "instructor"])
def test_members_can_download_a_resource_file(role, text_resource, client_for):
    response = client_for(role).get(file_url(text_resource))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Wetlands filter water.\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="guide.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"


def test_outsiders_and_former_members_get_404_and_anonymous_people_sign_in(
    text_resource, cast, client_for
):
    assert client_for("outsider").get(file_url(text_resource)).status_code == 404
    cast.course.memberships.filter(user=cast.learner).update(status="left")
    assert client_for("learner").get(file_url(text_resource)).status_code == 404
    assert client_for("anonymous").get(file_url(text_resource)).status_code == 302


def test_a_file_is_only_reached_through_its_own_course(text_resource, cast, client_for):
    assert (
        client_for("outsider").get(f"/c/poetry/resources/{text_resource.pk}/file/").status_code
        == 404
    )


def test_images_open_in_the_browser_and_ranges_are_honoured(cast, client_for):
    image = resource_make(
        cast.course, content=png(), file_name="map.png", file_type="image/png", title="Map"
    )
    response = client_for("learner").get(file_url(image), HTTP_RANGE="bytes=0-7")
    assert response.status_code == 206
    assert response["Content-Disposition"] == 'inline; filename="map.png"'
    assert b"".join(response.streaming_content) == b"\x89PNG\r\n\x1a\n"


def test_a_link_resource_has_no_file(cast, client_for):
    link = resource_make(cast.course, url="https://example.org/wetlands")
    assert client_for("learner").get(file_url(link)).status_code == 404
