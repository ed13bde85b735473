"""Captions: strict WebVTT checking with messages people can act on, stored as plain text
and shown escaped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapport.media import vtt
from rapport.media.models import Caption

GOOD = """WEBVTT - made by hand

NOTE written for the demo

intro
00:00:01.000 --> 00:00:03.500 align:start region:r1
Hello, <b>everyone</b>!

00:04.000 --> 00:06.000
<v Ms. Rivera>Welcome to week two.
Let's begin.
"""


def captions_url(media):
    return reverse("media:captions", args=[media.course.slug, media.public_id])


def vtt_url(media, language="en"):
    return reverse("media:captions_vtt", args=[media.course.slug, media.public_id, language])


def test_good_webvtt_is_read_into_plain_cues():
    cues = vtt.parse(GOOD)
    assert [(cue.start, cue.end) for cue in cues] == [(1.0, 3.5), (4.0, 6.0)]
    assert cues[0].text == "Hello, everyone!"
    assert cues[0].settings == "align:start"  # known settings kept, regions dropped
    assert cues[0].identifier == "intro"
    assert cues[1].text == "Ms. Rivera: Welcome to week two.\nLet's begin."


def test_stored_webvtt_has_no_markup_styles_or_notes():
    stored = vtt.clean(
        "WEBVTT\n\nSTYLE\n::cue { background: url(https://tracker.example/x.png) }\n\n"
        "00:00.000 --> 00:01.000\n<script>alert(1)</script> 5 &lt; 6 & <i>fine</i>\n"
    )
    assert stored == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nalert(1) 5 &lt; 6 &amp; fine\n"
    assert "tracker" not in stored


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "Captions must start with the line WEBVTT."),
        ("1\n00:00:01.000 --> 00:00:02.000\nHi", "Captions must start with the line WEBVTT."),
        (
            "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHi",
            "Line 3: “00:00:01,000” isn't a time",
        ),
        ("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nHi", "Line 3: a caption must end after it"),
        (
            "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nA\n\n00:00:01.000 --> 00:00:02.000\nB",
            "Line 6: captions must be in time order",
        ),
        ("WEBVTT\n\nHello there\nGeneral", "Line 3: expected a time range like"),
        ("WEBVTT\n00:00:01.000 --> 00:00:02.000\nHi", "Line 2: leave a blank line after WEBVTT"),
        ("WEBVTT\n\nNOTE nothing else\n", "There are no captions in that text."),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n00:00:02.000 --> 00:00:03.000\nB",
            "Line 5: a caption's text can't contain “-->”",
        ),
    ],
)
def test_bad_webvtt_is_refused_with_the_line_and_the_fix(text, message):
    with pytest.raises(vtt.CaptionError) as refused:
        vtt.parse(text)
    assert refused.value.message.startswith(message)


def test_captions_over_200_kb_are_refused():
    cue = "00:00:01.000 --> 00:00:02.000\n" + "x" * 900 + "\n\n"
    with pytest.raises(vtt.CaptionError, match="the limit is 200 KB"):
        vtt.parse("WEBVTT\n\n" + cue * 250)


def test_non_utf8_files_are_refused():
    with pytest.raises(vtt.CaptionError, match="UTF-8"):
        vtt.decode("WEBVTT\n\n00:00.000 --> 00:01.000\nCafé".encode("latin-1"))


def test_the_owner_pastes_captions_and_they_play_and_read(client_for, learner_media):
    client = client_for("learner")
    response = client.post(
        captions_url(learner_media), {"language": "en", "label": "English", "text": GOOD}
    )
    assert response.status_code == 302
    caption = Caption.objects.get(media=learner_media)
    assert caption.label == "English"
    track = client.get(vtt_url(learner_media))
    assert track["Content-Type"] == "text/vtt; charset=utf-8"
    assert track["X-Content-Type-Options"] == "nosniff"
    assert track.content.decode().startswith("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:03.500")


def test_a_vtt_file_can_be_uploaded(client_for, learner_media):
    upload = SimpleUploadedFile("captions.vtt", ("\ufeff" + GOOD).encode(), "text/vtt")
    response = client_for("learner").post(
        captions_url(learner_media), {"language": "es", "label": "Español", "file": upload}
    )
    assert response.status_code == 302
    assert Caption.objects.get(media=learner_media).language == "es"


def test_bad_captions_get_the_message_and_nothing_is_saved(client_for, learner_media):
    response = client_for("learner").post(
        captions_url(learner_media),
        {"language": "en", "label": "English", "text": "Hello\n00:01 --> 00:02\nHi"},
    )
    assert response.status_code == 200
    assert "Captions must start with the line WEBVTT." in response.content.decode()
    assert not Caption.objects.exists()


def test_a_bad_language_code_is_explained(client_for, learner_media):
    response = client_for("learner").post(
        captions_url(learner_media),
        {"language": "<script>", "label": "English", "text": GOOD},
    )
    assert "Use a language code such as" in response.content.decode()
    assert not Caption.objects.exists()


def test_caption_text_is_shown_as_text_never_as_html(client_for, learner_media):
    client = client_for("learner")
    client.post(
        captions_url(learner_media),
        {
            "language": "en",
            "label": "<img src=x onerror=alert(1)>",
            "text": "WEBVTT\n\n00:00.000 --> 00:01.000\n&lt;script&gt;alert('hi')&lt;/script&gt;\n",
        },
    )
    html = client.get(
        reverse("media:status", args=[learner_media.course.slug, learner_media.public_id])
    ).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_editing_replaces_and_remove_deletes(client_for, learner_media):
    client = client_for("learner")
    url = captions_url(learner_media)
    client.post(url, {"language": "en", "label": "English", "text": GOOD})
    edit = client.get(url + "?language=en").content.decode()
    assert "Hello, everyone!" in edit
    client.post(
        url,
        {
            "language": "en",
            "label": "English (edited)",
            "text": "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n",
        },
    )
    assert Caption.objects.get().label == "English (edited)"
    client.post(url, {"remove": "en"})
    assert not Caption.objects.exists()
    assert client.get(vtt_url(learner_media)).status_code == 404
