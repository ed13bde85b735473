"""Photos shared in a post: checked by content and re-encoded exactly as profile photos
are (``rapport.core.images``) — EXIF and GPS gone, colour profile baked in — but kept
larger, up to 2048 pixels on the long side, and without a thumbnail."""

from dataclasses import dataclass

from PIL import Image

from rapport.core.images import decode_photo, jpeg_bytes

MAX_BYTES = 5 * 1024 * 1024
LONG_SIDE = 2048


@dataclass(frozen=True)
class PostImage:
    data: bytes
    width: int
    height: int


def process_post_image(upload) -> PostImage:
    """The stored JPEG for an uploaded photo, or a ValidationError worded for the person.
    Nothing is written anywhere."""
    image = decode_photo(upload, max_bytes=MAX_BYTES)
    image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    return PostImage(data=jpeg_bytes(image), width=image.width, height=image.height)
