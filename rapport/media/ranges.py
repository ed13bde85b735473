"""Serving stored files with HTTP Range support, streamed in chunks from storage.

Browsers fetch video in ranges (``bytes=0-``, then wherever the viewer seeks); Safari
won't play a video whose server ignores them. One range per request is supported — a
request for several gets the whole file, which HTTP allows. Files in an S3 bucket, or on
disk behind nginx, are handed to them instead (rapport.core.offload).
"""

import re

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from rapport.core.offload import offloaded_response

CHUNK = 64 * 1024
# Only the viewer's own browser may keep a copy: these are private recordings.
CACHE_CONTROL = "private"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# No file is bigger than this many digits of bytes; a longer number is only ever "beyond
# the end" (and Python refuses to parse one of over 4,300 digits at all).
_MAX_DIGITS = 18
_BEYOND_ANY_FILE = 10**_MAX_DIGITS


class Unsatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first byte, last byte) for a single-range ``Range`` header; None when the whole
    file should be sent (no header, or one we don't understand, which HTTP says to
    ignore); Unsatisfiable when the range lies outside the file."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        count = _byte_number(last)
        if count == 0 or size == 0:
            raise Unsatisfiable()
        return max(0, size - count), size - 1
    start = _byte_number(first)
    end = _byte_number(last) if last else size - 1
    if last and end < start:
        return None  # malformed: ignore it
    if start >= size:
        raise Unsatisfiable()
    return start, min(end, size - 1)


def _byte_number(digits: str) -> int:
    return int(digits) if len(digits) <= _MAX_DIGITS else _BEYOND_ANY_FILE


class _FileRange:
    """Yields ``length`` bytes of an open file, from where it stands, in chunks; closed
    by Django when the response is done."""

    def __init__(self, handle, length: int):
        self.handle = handle
        self.remaining = length

    def __iter__(self):
        while self.remaining > 0:
            chunk = self.handle.read(min(CHUNK, self.remaining))
            if not chunk:
                break
            self.remaining -= len(chunk)
            yield chunk

    def close(self):
        self.handle.close()


def ranged_file_response(
    request,
    field,
    *,
    content_type: str,
    etag: str,
    filename: str | None = None,
    as_attachment: bool = False,
) -> HttpResponse:
    """The stored file behind ``field`` as a 200, 206 or 416 response."""
    if not field:
        raise Http404("Nothing here.")
    offloaded = offloaded_response(
        field,
        content_type=content_type,
        cache_control=CACHE_CONTROL,
        filename=filename,
        as_attachment=as_attachment,
    )
    if offloaded is not None:
        return offloaded  # the bucket or nginx sends it, ranges included
    storage, name = field.storage, field.name
    try:
        size = storage.size(name)
    except (FileNotFoundError, OSError) as error:
        raise Http404("Nothing here.") from error
    range_header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if if_range and if_range.strip() != etag:
        range_header = None  # the file changed since the client's copy: send it whole
    try:
        byte_range = parse_range(range_header, size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _with_headers(response, etag)
    start, end = byte_range if byte_range else (0, size - 1)
    length = max(0, end - start + 1)
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404("Nothing here.") from error
    if start:
        handle.seek(start)
    response = StreamingHttpResponse(
        _FileRange(handle, length), status=206 if byte_range else 200, content_type=content_type
    )
    response["Content-Length"] = str(length)
    if byte_range:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    if filename:
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return _with_headers(response, etag)


def _with_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
