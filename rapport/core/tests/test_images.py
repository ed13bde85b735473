import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rapport.core.images import decode_photo, jpeg_bytes, read_capped


def png(size=(40, 30), color=(0, 120, 90, 128)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGBA", size, color).save(out, format="PNG")
    return SimpleUploadedFile("p.png", out.getvalue(), content_type="image/png")


def test_a_photo_decodes_to_opaque_srgb_pixels_ready_to_re_encode():
    image = decode_photo(png(), max_bytes=10_000)
    assert (image.mode, image.size) == ("RGB", (40, 30))
    stored = Image.open(io.BytesIO(jpeg_bytes(image)))
    assert stored.format == "JPEG" and not stored.getexif()


def test_a_photo_over_the_byte_cap_is_refused_naming_both_sizes():
    with pytest.raises(ValidationError) as caught:
        decode_photo(png(size=(300, 300)), max_bytes=100)
    assert caught.value.messages[0].endswith("; the limit is 100\xa0bytes.")


def test_an_upload_that_understates_its_size_is_read_only_one_byte_past_the_cap():
    upload = SimpleUploadedFile("big.bin", b"x" * 5000)
    upload.size = 10  # what a lying client might claim
    with pytest.raises(ValidationError) as caught:
        read_capped(upload, limit=100, too_big="That file is {size}; the limit is {limit}.")
    assert caught.value.messages[0] == "That file is over 100\xa0bytes; the limit is 100\xa0bytes."
    assert upload.tell() == 101
