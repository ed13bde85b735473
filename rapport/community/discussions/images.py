"""Photos shared in a post: checked by content and re-encoded exactly as profile photos
are (``rapport.core.images``) — EXIF and GPS gone, colour profile baked in — but kept
larger, up to 2048 pixels on the long side, and without a thumbnail."""

from rapport.core.images import SharedPhoto, shared_photo

MAX_BYTES = 5 * 1024 * 1024
LONG_SIDE = 2048


def process_post_image(upload) -> SharedPhoto:
    """The stored JPEG for an uploaded photo, or a ValidationError worded for the person.
    Nothing is written anywhere."""
    return shared_photo(upload, max_bytes=MAX_BYTES, long_side=LONG_SIDE)
