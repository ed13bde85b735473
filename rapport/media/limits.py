"""The caps on recordings, and how to say them to people."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from rapport.core.recordings import is_over

# Bytes a multipart request carries besides the file itself (boundaries, headers, the CSRF
# field): a request this much over the file cap may still hold a file under it.
MULTIPART_SLACK = 64 * 1024


def too_big_message(size: int | None = None) -> str:
    limit = filesizeformat(settings.MEDIA_MAX_BYTES)
    if size is None:
        return f"That file is over {limit}, the limit for a recording."
    return f"That file is {filesizeformat(size)}; the limit is {limit}."


def is_too_long(seconds: float, *, limit: float | None = None) -> bool:
    """Past ``limit`` seconds (a recording's cap unless another is named, such as a name
    recording's), forgiving the few milliseconds encoders pad a clip with."""
    return is_over(seconds, limit=settings.MEDIA_MAX_SECONDS if limit is None else limit)


def too_long_message(seconds: float) -> str:
    return (
        f"This recording is {duration_words(seconds)}; the limit is "
        f"{limit_words(settings.MEDIA_MAX_SECONDS)}."
    )


def duration_words(seconds: float) -> str:
    """``45 s``, ``11 min``, ``11 min 3 s``."""
    minutes, secs = divmod(round(seconds), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def limit_words(seconds: int) -> str:
    """``10 minutes``, ``1 minute``, ``90 seconds``."""
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute" + ("" if minutes == 1 else "s")
    return f"{seconds} second" + ("" if seconds == 1 else "s")
