"""Photos on wall cards: checked by content and re-encoded as photos in posts are
(``rapport.core.images``: EXIF and GPS gone), up to 1600 pixels on the long side."""

from rapport.core.images import SharedPhoto, shared_photo

MAX_BYTES = 5 * 1024 * 1024
LONG_SIDE = 1600


def process_card_image(upload) -> SharedPhoto:
    """The stored JPEG for an uploaded photo, or a ValidationError worded for the person."""
    return shared_photo(upload, max_bytes=MAX_BYTES, long_side=LONG_SIDE)
