import io
import re

import av
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rapport.accounts.recordings import content_type_for, process_recording
from rapport.accounts.tests.samples import recording_upload, tone


def refusal(upload) -> str:
    with pytest.raises(ValidationError) as caught:
        process_recording(upload)
    return caught.value.messages[0]


def test_webm_opus_clip_is_accepted_and_measured():
    recording = process_recording(recording_upload(seconds=2))
    assert recording.extension == "webm"
    assert 1.9 < recording.seconds < 2.2


def test_browser_webm_without_a_duration_is_measured_by_decoding_and_stored_with_one():
    data = tone(2, streaming=True)
    with av.open(io.BytesIO(data)) as original:
        assert original.duration is None  # as MediaRecorder writes it

    recording = process_recording(SimpleUploadedFile("blob", data, content_type="audio/webm"))

    assert 1.9 < recording.seconds < 2.2
    with av.open(io.BytesIO(recording.data)) as stored:
        assert stored.duration and 1.9 < stored.duration / av.time_base < 2.2


def test_ogg_opus_clip_is_accepted():
    recording = process_recording(recording_upload("name.ogg", container="ogg"))
    assert recording.extension == "ogg"


def test_m4a_aac_clip_is_accepted():
    upload = recording_upload("name.m4a", "audio/mp4", container="ipod", codec="aac")
    recording = process_recording(upload)
    assert recording.extension == "m4a"
    assert content_type_for(f"x.{recording.extension}") == "audio/mp4"


def test_stored_clip_loses_its_tags_and_location():
    upload = recording_upload(
        "memo.m4a",
        container="ipod",
        codec="aac",
        metadata={"title": "Home sweet home", "location": "+40.6892-074.0445/"},
    )
    recording = process_recording(upload)
    assert b"Home sweet home" not in recording.data
    assert b"40.6892" not in recording.data


def test_twenty_second_clip_is_refused():
    message = refusal(recording_upload(seconds=20))
    assert message.startswith("That recording is 20 seconds long; please keep it to 15 seconds")


def test_long_clip_without_a_duration_header_is_still_refused():
    upload = SimpleUploadedFile("blob.webm", tone(20, streaming=True))
    assert "please keep it to 15 seconds" in refusal(upload)


def test_text_file_named_webm_is_refused():
    upload = SimpleUploadedFile("name.webm", b"hello there " * 100, content_type="audio/webm")
    assert refusal(upload).startswith("That file isn't a recording we can play")


def test_playlist_pretending_to_be_audio_is_refused_without_being_followed():
    playlist = b"#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"
    assert refusal(SimpleUploadedFile("name.m4a", playlist)).startswith("That file isn't")


def test_image_is_not_a_recording():
    from rapport.accounts.tests.samples import photo_bytes

    upload = SimpleUploadedFile("name.webm", photo_bytes())
    assert refusal(upload).startswith("That file isn't a recording we can play")


def test_clip_over_the_byte_limit_is_refused(settings):
    settings.PRONUNCIATION_MAX_BYTES = 10 * 1024
    message = refusal(recording_upload(seconds=2))
    assert re.fullmatch(r"That recording is [\d.]+\xa0KB; the limit is 10\.0\xa0KB\.", message)
