"""Photos people upload (a profile photo, a ritual answer's photo, a photo in a post): read
under a byte cap, checked by content — never by name or declared type — and decoded so
that re-encoding them keeps nothing of the original file (EXIF, GPS, camera serials,
hidden payloads) but the pixels."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageOps

# Formats people's phones and laptops actually produce that Pillow decodes well. Others
# (PSD, TIFF, EPS…) are refused rather than handed to a less-travelled decoder.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
JPEG_QUALITY = 85

NOT_AN_IMAGE = "That file isn't an image we can read — try a JPEG or PNG."


def read_capped(upload, *, limit: int, too_big: str) -> bytes:
    """The upload's bytes, or a ValidationError naming its size and the limit. Reads at
    most one byte past the limit, whatever size the upload claims."""
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            too_big.format(size=filesizeformat(upload.size), limit=filesizeformat(limit)),
            code="too_big",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            too_big.format(size=f"over {filesizeformat(limit)}", limit=filesizeformat(limit)),
            code="too_big",
        )
    return data


def decode_photo(upload, *, max_bytes: int) -> Image.Image:
    """The uploaded photo's pixels, upright, in sRGB, on white where it was see-through — or
    a ValidationError with a message for the person. Nothing is written anywhere."""
    data = read_capped(
        upload, limit=max_bytes, too_big="That photo is {size}; the limit is {limit}."
    )
    if not data:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open_checked(data)
            icc_profile = image.info.get("icc_profile")
            image = ImageOps.exif_transpose(image)  # decodes the pixels
            return _to_srgb(_flatten_to_rgb(image), icc_profile)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                "That image has far too many pixels to open safely — try a smaller photo "
                f"(at most {settings.PHOTO_MAX_SIDE} pixels on each side).",
                code="bomb",
            ) from error
        except Exception as error:
            # Malformed files make decoders fail in many ways (OSError, SyntaxError,
            # struct.error, ValueError…); to the person they all mean the same thing.
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error


@dataclass(frozen=True)
class SharedPhoto:
    data: bytes
    width: int
    height: int


def shared_photo(upload, *, max_bytes: int, long_side: int) -> SharedPhoto:
    """The stored JPEG for a photo shared with others (in a post, on a wall), at most
    ``long_side`` pixels on its long side — or a ValidationError worded for the person.
    Nothing is written anywhere."""
    image = decode_photo(upload, max_bytes=max_bytes)
    image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    return SharedPhoto(data=jpeg_bytes(image), width=image.width, height=image.height)


def jpeg_bytes(image: Image.Image) -> bytes:
    # No exif= and no icc/xmp arguments: the encoder writes pixels and a bare JFIF header.
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _open_checked(data: bytes) -> Image.Image:
    """Open lazily (header only) and refuse oversized images before any pixel decoding."""
    try:
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.UnidentifiedImageError as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    width, height = image.size
    limit = settings.PHOTO_MAX_SIDE
    if width > limit or height > limit:
        raise ValidationError(
            f"That photo is {width} × {height} pixels; the limit is {limit} pixels on each "
            "side. Try a smaller copy.",
            code="too_large",
        )
    if width < 1 or height < 1:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    return image


def _flatten_to_rgb(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put see-through parts on white rather than black."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Bake a camera colour profile (Display P3 on phones) into sRGB pixels, so the photo
    keeps its colours after the profile is dropped with the rest of the metadata."""
    if not icc_profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unusable profile: keep the pixels as they are
