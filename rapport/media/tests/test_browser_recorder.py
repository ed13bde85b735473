"""The recorder in a real browser: an instructor records a check-in with Chromium's fake
camera, and a learner on a phone plays it. Also the file path and its errors, and the form
that still works with JavaScript off."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rapport.core.testing.browser import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_FLAGS,
    PHONE,
    browser,
    screenshot,
    signed_in,
)
from rapport.courses.models import Role
from rapport.factories import CourseFactory, MembershipFactory, UserFactory
from rapport.media.samples import make_audio
from rapport.presence.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# A camera and microphone that exist and say yes without asking.
FAKE_MEDIA_FLAGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture
def recording_browser(browser):  # noqa: F811 — reuses the shared fixture's Playwright set-up
    extra = browser.browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_FLAGS + FAKE_MEDIA_FLAGS
    )
    yield extra
    extra.close()


@pytest.fixture
def people(db):
    course = CourseFactory(title="Environmental Science 101", slug="env-sci")
    instructor = UserFactory(preferred_name="Ada")
    learner = UserFactory(preferred_name="Kwame")
    MembershipFactory(course=course, user=instructor, role=Role.INSTRUCTOR)
    MembershipFactory(course=course, user=learner, role=Role.LEARNER)
    return course, instructor, learner


@pytest.fixture
def js_errors():
    """Uncaught JavaScript errors on any page a test opens: there must be none."""
    errors = []
    yield errors
    assert not errors, f"JavaScript errors: {errors}"


def compose_url(live_server, course):
    return live_server.url + reverse("presence:checkin_new", args=[course.slug])


def test_an_instructor_records_a_check_in_and_a_learner_plays_it_on_a_phone(
    recording_browser, live_server, people, js_errors
):
    course, instructor, learner = people
    teacher = signed_in(recording_browser, live_server, instructor, js_errors, viewport=PHONE)
    teacher.goto(compose_url(live_server, course))
    teacher.get_by_label("Title").fill("Week 3: wetlands")
    recorder = teacher.locator("[data-recorder]")
    expect(recorder.get_by_text("Or upload a file")).to_be_visible()

    recorder.get_by_label("Video", exact=True).check()
    recorder.get_by_role("button", name="Turn on camera").click()
    expect(recorder.get_by_role("button", name="Record")).to_be_focused()
    expect(recorder.get_by_label("Camera preview")).to_be_visible()
    expect(recorder.get_by_label("Camera", exact=True)).not_to_be_empty()
    recorder.get_by_role("button", name="Record").click()
    expect(recorder.get_by_role("status")).to_contain_text("Recording in 3")
    expect(recorder.get_by_role("timer")).to_have_text("0:02", timeout=8000)
    screenshot(teacher, "recorder-recording.png", full_page=False)
    recorder.get_by_role("button", name="Stop").click()

    review = recorder.get_by_label("Your recording").and_(teacher.locator("video"))
    expect(review).to_be_focused()
    expect(recorder.get_by_role("status")).to_contain_text(re.compile(r"Recorded [2-4] seconds"))
    # The camera is off while they watch it back.
    assert teacher.evaluate("document.querySelector('[data-part=live]').srcObject") is None
    screenshot(teacher, "recorder-review.png", full_page=False)

    recorder.get_by_role("button", name="Use this recording").click()
    hidden = recorder.locator("input[type=hidden][name=media_id]")
    expect(hidden).to_have_value(re.compile(r"^[0-9a-f-]{36}$"), timeout=30_000)
    uploaded_id = hidden.input_value()
    expect(recorder.locator("progress")).to_be_hidden()
    expect(recorder.get_by_role("status")).to_contain_text("is uploaded")
    assert not recorder.locator("[role=alert]").text_content()
    teacher.get_by_role("button", name="Send check-in").click()
    expect(teacher).to_have_url(re.compile(r"/c/env-sci/messages/\d+/$"))
    screenshot(teacher, "recorder-checkin-posted.png")
    checkin_url = teacher.url
    teacher.get_by_role("link", name="Add captions").click()
    teacher.get_by_label("WebVTT captions").fill(
        "WEBVTT\n\n00:00.000 --> 00:01.500\nHello, wetlands team!\n"
    )
    teacher.get_by_role("button", name="Save captions").click()
    expect(teacher.get_by_text("Captions so far")).to_be_visible()
    teacher.context.close()
    checkin = Message.objects.select_related("media").get()
    assert str(checkin.media.public_id) == uploaded_id
    assert (checkin.media.kind, checkin.media.status) == ("video", "ready")

    pupil = signed_in(recording_browser, live_server, learner, js_errors, viewport=PHONE)
    pupil.goto(checkin_url)
    expect(pupil.get_by_text("Week 3: wetlands").first).to_be_visible()
    video = pupil.locator("video").first
    expect(video).to_be_visible(timeout=15_000)
    track = pupil.locator("video track[kind=captions]")
    expect(track).to_have_attribute("srclang", "en")
    pupil.wait_for_function(
        "v => v.textTracks.length === 1 && v.textTracks[0].mode === 'showing'",
        arg=video.element_handle(),
    )
    pupil.get_by_text("Read the transcript").click()
    expect(pupil.get_by_text("Hello, wetlands team!")).to_be_visible()
    video.evaluate("v => { v.muted = true; return v.play(); }")
    pupil.wait_for_function("v => v.currentTime > 0", arg=video.element_handle(), timeout=15_000)
    screenshot(pupil, "recorder-learner-plays.png")


def test_a_chosen_file_uploads_and_stays_attached_and_a_refused_one_says_why(
    recording_browser, live_server, people, tmp_path, js_errors
):
    course, instructor, _ = people
    page = signed_in(recording_browser, live_server, instructor, js_errors, viewport=PHONE)
    page.goto(compose_url(live_server, course))
    recorder = page.locator("[data-recorder]")
    file_input = recorder.get_by_label("Or upload a file")
    hidden = recorder.locator("input[type=hidden][name=media_id]")
    submit = page.get_by_role("button", name="Send check-in")

    file_input.set_input_files(
        {"name": "notes.webm", "mimeType": "video/webm", "buffer": b"not really a video"}
    )
    alert = recorder.get_by_role("alert")
    expect(alert).not_to_be_empty(timeout=15_000)
    expect(hidden).to_have_value("")
    # Refused: the input is ready for another try, and the form's own button works again.
    expect(file_input).to_have_attribute("name", "media_file")
    expect(file_input).to_be_focused()
    expect(submit).to_be_enabled()

    # A file that is not audio or video is turned away before it is sent.
    file_input.set_input_files(
        {"name": "essay.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    expect(alert).to_contain_text("isn't a video or a voice recording")

    file_input.set_input_files(str(make_audio(tmp_path / "hello.ogg", container="ogg")))
    expect(hidden).to_have_value(re.compile(r"^[0-9a-f-]{36}$"), timeout=30_000)
    expect(alert).to_be_empty()
    expect(recorder.get_by_role("status")).to_contain_text("voice recording is uploaded")
    # Sent by XHR, so the form itself must not carry the file again.
    assert file_input.get_attribute("name") is None
    expect(recorder.get_by_label("Voice recording", exact=True)).to_be_visible()  # the player
    uploaded_id = hidden.input_value()

    # The form comes back for a missing title: the recording is still attached, and shown.
    submit.click()
    expect(page.get_by_text("This field is required")).to_be_visible()
    expect(hidden).to_have_value(uploaded_id)
    expect(recorder.get_by_label("Voice recording", exact=True)).to_be_visible()
    page.get_by_label("Title").fill("Week 3: wetlands")
    submit.click()
    expect(page).to_have_url(re.compile(r"/c/env-sci/messages/\d+/$"))
    assert str(Message.objects.select_related("media").get().media.public_id) == uploaded_id


def test_without_javascript_the_recorder_is_a_plain_file_input_that_posts(
    browser,  # noqa: F811
    live_server,
    people,
    tmp_path,
    js_errors,
):
    course, instructor, _ = people
    page = signed_in(
        browser, live_server, instructor, js_errors, viewport=PHONE, java_script_enabled=False
    )
    page.goto(compose_url(live_server, course))
    recorder = page.locator("[data-recorder]")
    expect(recorder.get_by_role("button", name="Turn on camera")).to_be_hidden()
    expect(recorder.get_by_role("radio")).to_have_count(0)
    expect(recorder.get_by_text("turn on JavaScript")).to_be_visible()
    screenshot(page, "recorder-no-javascript.png")

    page.get_by_label("Title").fill("Week 4: rivers")
    recorder.get_by_label("Upload a video or voice recording").set_input_files(
        str(make_audio(tmp_path / "rivers.ogg", container="ogg"))
    )
    page.get_by_role("button", name="Send check-in").click()
    expect(page).to_have_url(re.compile(r"/c/env-sci/messages/\d+/$"))
    expect(page.locator("audio")).to_be_attached()
    checkin = Message.objects.select_related("media").get()
    assert (checkin.title, checkin.media.kind) == ("Week 4: rivers", "audio")


RECORDER_MODULES = Path(__file__).resolve().parents[2] / "static/rapport/js/recorder"


def test_the_recorder_modules_all_load_without_an_error(
    browser,  # noqa: F811
    live_server,
    people,
    js_errors,
):
    course, instructor, _ = people
    page = signed_in(browser, live_server, instructor, js_errors, viewport=PHONE)
    console_errors = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    scripts = {}
    page.on("response", lambda r: r.url.endswith(".js") and scripts.update({r.url: r.status}))
    # The test server speaks no WebSocket: the shell's live badge gets a quiet stand-in, so
    # any console error left is the page's own.
    page.route_web_socket(re.compile(r"/ws/"), lambda socket: None)
    page.goto(compose_url(live_server, course))

    # The widget was enhanced, so index.js and everything it imports ran.
    expect(page.locator("[data-recorder]").get_by_text("Or upload a file")).to_be_visible()
    assert page.evaluate("typeof window.RapportRecorder.enhance") == "function"
    static = live_server.url + "/static/rapport/js/"
    loaded = {url.removeprefix(static): status for url, status in scripts.items()}
    expected = {f"recorder/{path.name}" for path in RECORDER_MODULES.glob("*.js")}
    expected |= {"csrf.js", "presence.js"}
    assert {name: loaded.get(name) for name in expected} == dict.fromkeys(expected, 200)
    assert not console_errors, console_errors


def test_record_can_be_cancelled_in_the_countdown_and_an_upload_shows_progress_and_cancels(
    recording_browser, live_server, people, js_errors
):
    course, instructor, _ = people
    page = signed_in(recording_browser, live_server, instructor, js_errors, viewport=PHONE)
    page.goto(compose_url(live_server, course))
    recorder = page.locator("[data-recorder]")
    status = recorder.get_by_role("status")

    recorder.get_by_role("button", name="Turn on camera").click()
    recorder.get_by_role("button", name="Record").click()
    expect(status).to_contain_text("Recording in 3")
    expect(recorder.locator("[data-part=countdown]")).to_have_text("3")
    recorder.get_by_role("button", name="Cancel").click()
    expect(status).to_have_text("Cancelled. Press Record when you're ready.")
    expect(recorder.get_by_role("button", name="Record")).to_be_focused()
    expect(recorder.get_by_role("timer")).to_be_hidden()
    recorder.get_by_role("button", name="Turn camera off").click()
    expect(status).to_have_text("The camera is off.")

    # A slow connection, so the upload is seen part-way.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 256_000},
    )
    file_input = recorder.get_by_label("Or upload a file")
    submit = page.get_by_role("button", name="Send check-in")
    file_input.set_input_files(
        {"name": "long.webm", "mimeType": "video/webm", "buffer": b"\x1a" * (3 * 1024 * 1024)}
    )
    progress = recorder.locator("progress")
    expect(progress).to_be_visible()
    expect(recorder.get_by_role("button", name="Cancel upload")).to_be_focused()
    page.wait_for_function(
        "p => p.value > 0 && p.value < 100", arg=progress.element_handle(), timeout=15_000
    )
    expect(recorder.locator("[data-part=percent]")).to_have_text(re.compile(r"^\d{1,2}%$"))
    # The form waits for the upload, and says why if sent anyway.
    expect(submit).to_be_disabled()
    assert file_input.get_attribute("name") is None

    recorder.get_by_role("button", name="Cancel upload").click()
    expect(status).to_have_text("Upload cancelled.")
    expect(progress).to_be_hidden()
    expect(file_input).to_be_focused()
    expect(file_input).to_have_attribute("name", "media_file")
    expect(submit).to_be_enabled()
    expect(recorder.locator("input[type=hidden][name=media_id]")).to_have_value("")
    assert not recorder.get_by_role("alert").text_content()
