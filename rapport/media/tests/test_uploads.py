"""UploadSizeGuard: over-size uploads are answered 413 before Django reads their body."""

import asyncio
import json

import pytest

from rapport.media.uploads import UploadSizeGuard

UPLOAD = "/c/env-sci/media/upload/"


class RecordingApp:
    """Stands in for Django: reads the whole body, then answers 201."""

    def __init__(self):
        self.called = False
        self.body = b""

    async def __call__(self, scope, receive, send):
        self.called = True
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # as Django's ASGI handler does on RequestAborted
            self.body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 201, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def run(app, *, path=UPLOAD, method="POST", headers=(), chunks=(b"",)):
    messages = [
        {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
        for index, chunk in enumerate(chunks)
    ]
    read = []
    sent = []

    async def receive():
        if messages:
            read.append(messages[0])
            return messages.pop(0)
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": list(headers)}
    asyncio.run(UploadSizeGuard(app)(scope, receive, send))
    return sent, read


@pytest.fixture(autouse=True)
def _small_cap(settings):
    settings.MEDIA_MAX_BYTES = 1000


def test_a_declared_over_size_upload_is_413_and_never_reaches_django():
    app = RecordingApp()
    sent, _ = run(app, headers=[(b"content-length", str(1000 + 70_000).encode())])
    assert not app.called
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"]) == {
        "error": "That file is over 1000\xa0bytes, the limit for a recording."
    }


def test_a_chunked_upload_is_cut_off_once_it_passes_the_cap():
    app = RecordingApp()
    chunk = b"x" * 40_000
    sent, read = run(app, chunks=[chunk, chunk, chunk, chunk])
    assert app.called
    assert len(app.body) < 3 * len(chunk)  # Django saw at most the cap's worth
    assert sent[0]["status"] == 413
    assert len(read) == 4  # the rest was read and dropped, so the browser gets the answer


def test_uploads_under_the_cap_pass_untouched():
    app = RecordingApp()
    sent, _ = run(app, headers=[(b"content-length", b"5")], chunks=[b"hello"])
    assert sent[0]["status"] == 201 and app.body == b"hello"


def test_no_other_page_takes_a_body_over_the_cap_either():
    app = RecordingApp()
    sent, _ = run(
        app,
        path="/c/env-sci/messages/new/",
        headers=[(b"content-length", b"999999999")],
        chunks=[b"hi"],
    )
    assert not app.called
    assert sent[0]["status"] == 413
    small = RecordingApp()
    sent, _ = run(small, path="/c/env-sci/people/", method="GET")
    assert sent[0]["status"] == 201
