"""Photos shared in a post: checked by content and re-encoded exactly as profile photos
are (``rapport.accounts.photos``) — EXIF and GPS gone, colour profile baked in — but kept
larger, up to 2048 pixels on the long side, and without a thumbnail."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

from rapport.accounts.photos import (
    NOT_AN_IMAGE,
    _flatten_to_rgb,
    _open_checked,
    _to_srgb,
    read_capped,
)

MAX_BYTES = 5 * 1024 * 1024
LONG_SIDE = 2048
JPEG_QUALITY = 85


@dataclass(frozen=True)
class PostImage:
    data: bytes
    width: int
    height: int


def process_post_image(upload) -> PostImage:
    """The stored JPEG for an uploaded photo, or a ValidationError worded for the person.
    Nothing is written anywhere."""
    data = read_capped(
        upload, limit=MAX_BYTES, too_big="That photo is {size}; the limit is {limit}."
    )
    if not data:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open_checked(data)
            icc_profile = image.info.get("icc_profile")
            image = ImageOps.exif_transpose(image)
            image = _to_srgb(_flatten_to_rgb(image), icc_profile)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                "That image has far too many pixels to open safely — try a smaller photo "
                f"(at most {settings.PHOTO_MAX_SIDE} pixels on each side).",
                code="bomb",
            ) from error
        except Exception as error:
            # Malformed files fail in many ways; to the person they all mean the same.
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp=: the encoder writes pixels and a bare JFIF header.
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return PostImage(data=out.getvalue(), width=image.width, height=image.height)
