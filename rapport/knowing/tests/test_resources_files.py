"""Resource files: recognised by content (not name), images stripped of metadata, size
capped, and served only to active members of the course."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rapport.knowing.recommend import files
from rapport.knowing.recommend.testing import resource_make

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def office(*names: str) -> bytes:
    """An Office-like zip, the same bytes every time (entries dated, not stamped now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in [("[Content_Types].xml", "<Types/>"), *((n, "<x/>") for n in names)]:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), body)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(0x8825)[2] = (59.0, 54.0, 41.0)  # GPS latitude: Oslo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 120, 90, 128)).save(out, format="PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    "name,data,content_type",
    [
        ("reading.pdf", PDF, "application/pdf"),
        ("map.png", png(), "image/png"),
        ("photo.jpg", jpeg_with_gps(), "image/jpeg"),
        ("notes.txt", "Wetlands — filters ✓\n".encode(), "text/plain; charset=utf-8"),
        ("notes.md", b"# Heading\n", "text/plain; charset=utf-8"),
        ("essay.docx", office("word/document.xml"), files.DOCX.content_type),
        ("slides.pptx", office("ppt/presentation.xml"), files.PPTX.content_type),
    ],
    ids=lambda value: value if isinstance(value, str) and "/" not in value else "",
)
def test_accepted_kinds_are_recognised_by_their_content(name, data, content_type):
    # The browser's claimed type is ignored: every upload here claims to be octet-stream.
    checked = files.check_upload(upload(name, data))
    assert checked.kind.content_type == content_type
    assert checked.name == name


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("reading.pdf", b"<html><script>alert(1)</script>", "named like a PDF"),
        ("photo.png", PDF, "contents are a PDF"),
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00binary\x00", "can't tell what kind"),
        ("essay.docx", office("word/document.xml", "word/vbaProject.bin"), "macros"),
        ("archive.docx", office("other/thing.xml"), "zip archive"),
        ("broken.png", b"\x89PNG\r\n\x1a\nnot really", "couldn't read it"),
        ("empty.txt", b"", "empty"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_files_that_are_not_what_they_claim_or_not_accepted_are_refused(name, data, message):
    with pytest.raises(ValidationError) as error:
        files.check_upload(upload(name, data))
    assert message in error.value.messages[0]


def test_a_file_with_no_extension_gets_the_one_its_content_deserves():
    assert files.check_upload(upload("README", b"plain words")).name == "README.txt"
    assert files.check_upload(upload("../../etc/passwd", b"x")).name == "passwd.txt"


def test_images_are_re_encoded_without_their_metadata():
    checked = files.check_upload(upload("photo.jpg", jpeg_with_gps()))
    image = Image.open(io.BytesIO(checked.content))
    assert image.getexif() == {} or 0x8825 not in image.getexif()
    assert b"PhoneMaker" not in checked.content
    assert checked.size == len(checked.content)


def test_files_over_the_limit_are_refused_with_the_limit(monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    with pytest.raises(ValidationError) as error:
        files.check_upload(upload("big.txt", b"a" * 2000))
    assert error.value.messages[0] == "That file is 2.0\xa0KB; the limit is 1.0\xa0KB."


# --- serving ----------------------------------------------------------------------------


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
