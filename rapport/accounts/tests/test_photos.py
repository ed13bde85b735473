import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rapport.accounts.photos import process_photo
from rapport.accounts.tests.samples import gps_exif, photo_upload, png_header_claiming


def refusal(upload) -> str:
    with pytest.raises(ValidationError) as caught:
        process_photo(upload)
    return caught.value.messages[0]


def test_photo_is_reencoded_as_jpeg_full_and_square_thumbnail():
    photo = process_photo(photo_upload(size=(2000, 1000), image_format="PNG"))
    full = Image.open(io.BytesIO(photo.full))
    thumb = Image.open(io.BytesIO(photo.thumb))
    assert (full.format, full.size) == ("JPEG", (1024, 512))
    assert (thumb.format, thumb.size) == ("JPEG", (256, 256))


def test_small_photo_is_not_enlarged():
    photo = process_photo(photo_upload(size=(300, 200)))
    assert Image.open(io.BytesIO(photo.full)).size == (300, 200)


def test_gps_and_camera_exif_are_stripped():
    upload = photo_upload(exif=gps_exif())
    assert Image.open(upload).getexif().get_ifd(0x8825)  # the original does carry GPS
    upload.seek(0)

    photo = process_photo(upload)

    for data in (photo.full, photo.thumb):
        stored = Image.open(io.BytesIO(data))
        assert "exif" not in stored.info
        assert not stored.getexif()
        assert b"PhoneMaker" not in data and b"Exif" not in data


def test_exif_orientation_is_applied_before_stripping():
    # Orientation 6: the camera was turned; the picture must come out standing up.
    photo = process_photo(photo_upload(size=(400, 200), exif=gps_exif(orientation=6)))
    assert Image.open(io.BytesIO(photo.full)).size == (200, 400)


def test_transparent_png_is_put_on_white():
    out = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, format="PNG")
    photo = process_photo(SimpleUploadedFile("clear.png", out.getvalue()))
    assert Image.open(io.BytesIO(photo.full)).getpixel((25, 25)) >= (250, 250, 250)


def test_text_file_named_jpg_is_refused():
    upload = SimpleUploadedFile("me.jpg", b"just some words\n" * 50, content_type="image/jpeg")
    assert refusal(upload) == "That file isn't an image we can read — try a JPEG or PNG."


def test_truncated_jpeg_is_refused():
    data = photo_upload(size=(800, 600)).read()
    upload = SimpleUploadedFile("me.jpg", data[: len(data) // 2], content_type="image/jpeg")
    assert refusal(upload) == "That file isn't an image we can read — try a JPEG or PNG."


def test_photo_over_the_byte_limit_is_refused_with_its_size():
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\0" * int(7.2 * 1024 * 1024))
    assert refusal(upload) == "That photo is 7.2\xa0MB; the limit is 5.0\xa0MB."


def test_photo_wider_than_the_side_limit_is_refused(settings):
    settings.PHOTO_MAX_SIDE = 1000
    message = refusal(photo_upload(size=(1200, 300)))
    assert message.startswith("That photo is 1200 × 300 pixels; the limit is 1000 pixels")


def test_decompression_bomb_is_refused_from_its_header():
    message = refusal(SimpleUploadedFile("bomb.png", png_header_claiming(20000, 20000)))
    assert "far too many pixels" in message


def test_too_many_pixels_for_pillow_is_refused_even_below_the_bomb_error():
    # 100 million pixels: Pillow only *warns* here; Rapport refuses.
    message = refusal(SimpleUploadedFile("huge.png", png_header_claiming(10000, 10000)))
    assert "far too many pixels" in message


def test_header_claiming_more_than_the_side_limit_is_refused_before_decoding():
    message = refusal(SimpleUploadedFile("wide.png", png_header_claiming(5000, 3000)))
    assert message.startswith("That photo is 5000 × 3000 pixels")
