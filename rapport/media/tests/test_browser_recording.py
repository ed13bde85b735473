"""A real MediaRecorder recording from Chromium (fake camera and microphone) goes through
the pipeline: the WebM browsers really upload, not only our imitation of it."""

import base64

import av
import pytest

from rapport.core.recordings import header_duration
from rapport.core.testing.browser import CHROMIUM, CHROMIUM_FLAGS
from rapport.media import pipeline

pytestmark = pytest.mark.browser

RECORD = """async () => {
    const stream = await navigator.mediaDevices.getUserMedia(
        {video: {width: 320, height: 240}, audio: true});
    const recorder = new MediaRecorder(stream, {mimeType: "video/webm;codecs=vp8,opus"});
    const parts = [];
    recorder.ondataavailable = (event) => parts.push(event.data);
    recorder.start(250);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
    let text = "";
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
}"""


@pytest.fixture
def chromium_recording(tmp_path):
    from playwright.sync_api import sync_playwright

    flags = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS + flags)
        page = browser.new_page()
        # A page on localhost is a secure context (getUserMedia needs one); no server needed.
        page.route("http://localhost/", lambda route: route.fulfill(body="<p>recording</p>"))
        page.goto("http://localhost/")
        data = base64.b64decode(page.evaluate(RECORD))
        browser.close()
    path = tmp_path / "chromium.webm"
    path.write_bytes(data)
    return path


def test_a_chromium_recording_becomes_a_playable_mp4(chromium_recording, tmp_path):
    with av.open(str(chromium_recording)) as source:
        assert header_duration(source) is None
    probe = pipeline.probe(chromium_recording)
    assert probe.kind == "video" and probe.extension == "webm"
    assert pipeline.measure_duration(chromium_recording) == pytest.approx(1.5, abs=0.4)
    out = tmp_path / "playback.mp4"
    assert pipeline.transcode(chromium_recording, out, audio_only=False, max_seconds=600) == (
        320,
        240,
    )
    with av.open(str(out)) as result:
        assert {s.type: s.codec_context.name for s in result.streams} == {
            "video": "h264",
            "audio": "aac",
        }
        assert result.duration / av.time_base == pytest.approx(1.5, abs=0.4)
