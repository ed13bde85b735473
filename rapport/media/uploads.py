"""Stopping over-size uploads early.

Two layers, because Django's ASGI handler reads a whole request body (into a temporary
file that spills to disk past FILE_UPLOAD_MAX_MEMORY_SIZE) before any view runs:

- ``UploadSizeGuard`` wraps the ASGI application and answers 413 for a media upload
  whose Content-Length (or, when chunked, whose bytes so far) is over the cap — before a
  byte of it is written anywhere. Nothing else in Rapport takes bodies that large, so any
  other request declaring more is refused the same way (a form's plain file fallback for
  a recording, for one). Install it in ``rapport/asgi.py``.
- ``MaxSizeUploadHandler`` is installed by the upload view, first in the request's
  handlers: when the body gets to Django anyway (WSGI, the test client, a server without
  the guard) it stops the multipart parser at the cap, so no full-size temporary file is
  written a second time.
"""

import json
import re

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from rapport.media.limits import MULTIPART_SLACK, too_big_message

UPLOAD_PATH = re.compile(r"^/c/[^/]+/media/upload/$")


class MaxSizeUploadHandler(FileUploadHandler):
    """Passes chunks on untouched to the next handler, counting them; stops the upload
    (and says so in ``too_big``) once the files are over ``limit`` bytes."""

    def __init__(self, request=None, *, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else settings.MEDIA_MAX_BYTES
        self.too_big = False
        self.received = 0
        self.body_length: int | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_length = content_length
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.body_length and self.body_length > self.limit + MULTIPART_SLACK:
            self._stop()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._stop()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file

    def _stop(self):
        self.too_big = True
        raise StopUpload(connection_reset=True)


class UploadSizeGuard:
    """ASGI middleware: 413 for uploads over the media cap, without storing them."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.MEDIA_MAX_BYTES + MULTIPART_SLACK
        length = _content_length(scope)
        if length is not None and length > limit:
            await _drain(receive)
            return await _refuse(send)
        if scope.get("method") != "POST" or not UPLOAD_PATH.match(scope.get("path", "")):
            return await self.app(scope, receive, send)

        state = {"received": 0, "over": False, "started": False}

        async def counting_receive():
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    # Django sees the client go away and stops reading; we answer below.
                    state["over"] = True
                    if message.get("more_body", False):
                        await _drain(receive)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message):
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, counting_receive, tracking_send)
        if state["over"] and not state["started"]:
            await _refuse(send)


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _drain(receive) -> None:
    """Read and drop the rest of the body, so the browser gets to read our answer."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _refuse(send) -> None:
    body = json.dumps({"error": too_big_message()}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
