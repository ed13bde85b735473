"""Shared files: recognised by content (not name), images stripped of metadata, size capped;
and served to the viewer only, never sniffed."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from rapport.core import files
from rapport.core.files import private_file_response

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


def test_a_checked_name_says_how_to_serve_the_file():
    checked = files.check_upload(upload("Essay", office("word/document.xml")))
    assert files.kind_named(checked.name) is files.DOCX
    assert files.kind_named("map.PNG").is_image
    assert not files.kind_named("notes.txt").is_image
    assert files.kind_named("program.exe") is None
    assert ".docx" in files.ACCEPT.split(",")


def test_a_stored_file_is_streamed_for_the_viewer_only_and_never_sniffed(cast):
    cast.learner.photo.save("face.jpg", ContentFile(b"jpeg bytes"), save=False)
    response = private_file_response(cast.learner.photo, content_type="image/jpeg")
    assert b"".join(response.streaming_content) == b"jpeg bytes"
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=600"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_empty_field_is_not_found(cast):
    with pytest.raises(Http404):
        private_file_response(cast.learner.photo, content_type="image/jpeg")


def test_a_file_gone_from_storage_is_not_found(cast):
    cast.learner.photo.save("face.jpg", ContentFile(b"jpeg bytes"), save=False)
    cast.learner.photo.storage.delete(cast.learner.photo.name)
    with pytest.raises(Http404):
        private_file_response(cast.learner.photo, content_type="image/jpeg")
