"""Profile photos: checked by content and re-encoded by ``rapport.core.images`` (nothing
from the original file survives), in two sizes: the photo and a square thumbnail."""

from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageOps

from rapport.core.images import decode_photo, jpeg_bytes

FULL_SIDE = 1024
THUMB_SIDE = 256


@dataclass(frozen=True)
class ProcessedPhoto:
    full: bytes
    thumb: bytes
    width: int
    height: int


def process_photo(upload) -> ProcessedPhoto:
    """Check an uploaded photo and produce the stored versions, or raise ValidationError
    with a message for the person. Nothing is written anywhere."""
    image = decode_photo(upload, max_bytes=settings.PHOTO_MAX_BYTES)
    full = image.copy()
    full.thumbnail((FULL_SIDE, FULL_SIDE), Image.Resampling.LANCZOS)
    thumb = ImageOps.fit(image, (THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(
        full=jpeg_bytes(full), thumb=jpeg_bytes(thumb), width=full.width, height=full.height
    )
