"""The cue editor's saving: the rows posted (as typed, or as split and merged in the page)
become the stored WebVTT; a wrong row is named and nothing is saved; only those who may
change the recording's captions reach it."""

import pytest
from django.urls import reverse

from rapport.media import cue_edits
from rapport.media.models import Audience, Caption, CaptionTiming, CaptionTimingStatus
from rapport.media.testing import media_item_ready

STORED = (
    "WEBVTT\n\n"
    "00:00:00.000 --> 00:00:00.300\nHello everyone\n\n"
    "00:00:00.300 --> 00:00:00.600\nwelcome to\n\n"
    "00:00:00.600 --> 00:00:00.900\nweek two\n"
)


@pytest.fixture
def captioned(learner_media):
    """The learner's 1 s recording with three English cues."""
    Caption.objects.create(media=learner_media, language="en", label="English", vtt=STORED)
    return learner_media


def cues_url(media, language="en"):
    return reverse("media:caption_cues", args=[media.course.slug, media.public_id, language])


def rows(*cues):
    """The form's fields for (start, end, text) rows, in order."""
    return {
        "start": [cue[0] for cue in cues],
        "end": [cue[1] for cue in cues],
        "text": [cue[2] for cue in cues],
    }


def stored(media) -> str:
    return Caption.objects.get(media=media, language="en").vtt


def test_the_editor_lists_each_cue_as_a_row_of_the_plain_form(client_for, captioned):
    response = client_for("learner").get(cues_url(captioned))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('name="start"') == 4  # the three cues and an empty one to add
    assert 'id="cue-4-start"' in page and "Add a caption" in page
    assert page.count('name="remove"') == 3 and 'value="2"' in page
    assert 'value="0:00.300"' in page and "welcome to</textarea>" in page
    assert 'for="cue-2-text"' in page and 'id="cue-2-text"' in page
    assert "cue-editor.js" in page and "defer" in page


def test_edited_text_and_times_are_saved_as_webvtt(client_for, captioned, cast):
    response = client_for("learner").post(
        cues_url(captioned),
        rows(
            ("0:00.000", "0:00.400", "Hello, everyone"),
            ("0.4", "0.6", "welcome to & <b>"),
            ("0:00.600", "0:01.000", "week two\n\n  second line "),
        ),
    )
    assert response.status_code == 302
    assert stored(captioned) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:00.400\nHello, everyone\n\n"
        "00:00:00.400 --> 00:00:00.600\nwelcome to &amp; &lt;b&gt;\n\n"
        "00:00:00.600 --> 00:00:01.000\nweek two\nsecond line\n"
    )
    caption = Caption.objects.get(media=captioned)
    assert caption.label == "English" and caption.updated_by == cast.learner


def test_a_split_cue_as_posted_becomes_two_cues(client_for, captioned):
    client_for("learner").post(
        cues_url(captioned),
        rows(
            ("0:00.000", "0:00.150", "Hello"),
            ("0:00.150", "0:00.300", "everyone"),
            ("0:00.300", "0:00.600", "welcome to"),
            ("0:00.600", "0:00.900", "week two"),
        ),
    )
    assert stored(captioned).count("-->") == 4
    assert "00:00:00.000 --> 00:00:00.150\nHello\n\n00:00:00.150 --> 00:00:00.300\neveryone\n" in (
        stored(captioned)
    )


def test_merged_cues_as_posted_become_one_cue(client_for, captioned):
    client_for("learner").post(
        cues_url(captioned),
        rows(
            ("0:00.000", "0:00.600", "Hello everyone welcome to"),
            ("0:00.600", "0:00.900", "week two"),
        ),
    )
    assert stored(captioned) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:00.600\nHello everyone welcome to\n\n"
        "00:00:00.600 --> 00:00:00.900\nweek two\n"
    )


def test_a_cues_position_is_kept_and_nothing_else_reaches_its_time_line(client_for, captioned):
    posted = rows(("0", "0.3", "Hello"), ("0.3", "0.6", "again"))
    posted["settings"] = ["align:start line:0", "align:end\n\n00:00.000 --> 00:00.900\nEvil"]
    client_for("learner").post(cues_url(captioned), posted)
    assert stored(captioned) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:00.300 align:start line:0\nHello\n\n"
        "00:00:00.300 --> 00:00:00.600 align:end\nagain\n"
    )
    page = client_for("learner").get(cues_url(captioned)).content.decode()
    assert 'name="settings" value="align:start line:0"' in page


def test_a_caption_added_in_the_empty_row_takes_its_place_by_its_start(client_for, captioned):
    posted = rows(
        ("0", "0.3", "Hello everyone"), ("0.3", "0.5", "welcome to"), ("0.6", "0.9", "week two")
    )
    for name, value in (("start", "0:00.500"), ("end", "0:00.600"), ("text", "our")):
        posted[name].append(value)
    posted |= {"start": posted["start"] + [""], "end": posted["end"] + [""]}
    posted["text"].append("   ")  # a second empty row adds nothing
    client_for("learner").post(cues_url(captioned), posted)
    assert stored(captioned).split("\n\n")[1:] == [
        "00:00:00.000 --> 00:00:00.300\nHello everyone",
        "00:00:00.300 --> 00:00:00.500\nwelcome to",
        "00:00:00.500 --> 00:00:00.600\nour",
        "00:00:00.600 --> 00:00:00.900\nweek two\n",
    ]


def test_a_caption_ticked_for_removal_is_removed(client_for, captioned):
    posted = rows(("0", "0.3", "Hello everyone"), ("0.3", "0.6", "um"), ("0.6", "0.9", "week two"))
    client_for("learner").post(cues_url(captioned), posted | {"remove": ["2"]})
    assert "um" not in stored(captioned) and stored(captioned).count("-->") == 2
    response = client_for("learner").post(cues_url(captioned), posted | {"remove": ["1", "2", "3"]})
    assert "keep at least one" in response.content.decode()
    assert stored(captioned).count("-->") == 2  # nothing saved


def test_cue_names_are_kept_and_a_split_copy_does_not_repeat_one(client_for, captioned):
    Caption.objects.filter(media=captioned).update(
        vtt="WEBVTT\n\nintro\n00:00.000 --> 00:00.600\nHello everyone\n\n"
        "00:00.600 --> 00:00.900\nweek two\n"
    )
    page = client_for("learner").get(cues_url(captioned)).content.decode()
    assert 'name="identifier" value="intro"' in page
    posted = rows(("0", "0.3", "Hello"), ("0.3", "0.6", "everyone"), ("0.6", "0.9", "week two"))
    posted["identifier"] = ["intro", "intro", "x --> 00:01.000"]
    client_for("learner").post(cues_url(captioned), posted)
    assert stored(captioned) == (
        "WEBVTT\n\nintro\n00:00:00.000 --> 00:00:00.300\nHello\n\n"
        "00:00:00.300 --> 00:00:00.600\neveryone\n\n"
        "00:00:00.600 --> 00:00:00.900\nweek two\n"
    )


def test_saving_by_hand_replaces_pasted_text_being_timed(client_for, captioned, cast):
    CaptionTiming.objects.create(
        media=captioned, language="en", text="hi", requested_by=cast.learner
    )
    client_for("learner").post(cues_url(captioned), rows(("0", "0.5", "Hello")))
    assert not CaptionTiming.objects.filter(media=captioned).exists()


@pytest.mark.parametrize(
    "posted,message",
    [
        (
            rows(("0:00.000", "0:00.500", "Hello"), ("0:00.400", "0:00.900", "again")),
            "Caption 2 starts at 0:00.400, before caption 1 ends at 0:00.500. "
            "Captions can&#x27;t overlap.",
        ),
        (
            rows(("0:00.000", "0:00.300", "Hello"), ("0:00.600", "0:00.500", "again")),
            "Caption 2 ends at 0:00.500, which is not after it starts (0:00.600).",
        ),
        (
            rows(("0:00.000", "0:00.300", "Hello"), ("0:00.300", "0:00.500", "  \n ")),
            "Caption 2 has no words. Write what is said, or merge it with the next caption.",
        ),
        (
            rows(("0:00.000", "0:00.300", "Hello"), ("0:00.300", "0:01.500", "again")),
            "Caption 2 ends at 0:01.500, after the recording ends at 0:01.000.",
        ),
        (
            rows(("0:00.000", "0:00.300", "x" * 1001)),
            "Caption 1 is longer than 1000 characters; split it in two.",
        ),
        (
            rows(("0:00.000", "soon", "Hello")),
            "Caption 1: its end “soon” isn&#x27;t a time. Minutes and seconds, like 0:01.500.",
        ),
        (
            rows(("1:75.000", "2:00.000", "Hello")),
            "Caption 1: its start “1:75.000” isn&#x27;t a time.",
        ),
        ({}, "There are no captions to save; keep at least one."),
        (
            {"start": ["0"], "end": ["1"]},
            "Some captions arrived without their times or words",
        ),
    ],
)
def test_a_wrong_cue_is_named_and_nothing_is_saved(client_for, captioned, posted, message):
    response = client_for("learner").post(cues_url(captioned), posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved." in page and message in page
    assert stored(captioned) == STORED


def test_posted_rows_come_back_to_be_corrected(client_for, captioned):
    response = client_for("learner").post(
        cues_url(captioned), rows(("0", "0.3", "Kept words"), ("0.2", "0.5", "more"))
    )
    assert "Kept words</textarea>" in response.content.decode()


def test_times_read_as_the_editor_writes_them():
    assert cue_edits.clock(3723.25) == "1:02:03.250"
    assert cue_edits.clock(62.5) == "1:02.500"
    parsed = cue_edits.cues_from(
        [cue_edits.CueRow(1, "1:02:03.250", "1:02:04,5", "Hi")], duration=None
    )
    assert (parsed[0].start, parsed[0].end) == (3723.25, 3724.5)


@pytest.mark.parametrize("role", ["other_learner", "ta", "instructor", "outsider"])
def test_nobody_else_reaches_or_saves_a_learners_private_captions(client_for, captioned, role):
    client = client_for(role)
    assert client.get(cues_url(captioned)).status_code == 404
    assert client.post(cues_url(captioned), rows(("0", "0.5", "Taken"))).status_code == 404
    assert stored(captioned) == STORED


def test_anonymous_people_are_sent_to_sign_in(client_for, captioned):
    response = client_for("anonymous").post(cues_url(captioned), rows(("0", "0.5", "Taken")))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert stored(captioned) == STORED


def test_staff_who_can_see_a_recording_may_correct_its_captions(client_for, cast):
    media = media_item_ready(course=cast.course, owner=cast.learner, audience=Audience.STAFF)
    Caption.objects.create(media=media, language="en", label="English", vtt=STORED)
    response = client_for("ta").post(cues_url(media), rows(("0", "0.5", "Corrected")))
    assert response.status_code == 302
    assert "Corrected" in stored(media)


def test_the_captions_page_leads_to_the_editor(client_for, captioned):
    CaptionTiming.objects.create(
        media=captioned, language="en", text="hi", status=CaptionTimingStatus.READY
    )
    url = reverse("media:captions", args=[captioned.course.slug, captioned.public_id])
    page = client_for("learner").get(url).content.decode()
    # one link beside the English captions, one from the timing that made them
    assert page.count(f'href="{cues_url(captioned)}"') == 2
    assert "correct them caption by caption" in page


def test_a_language_without_captions_is_404(client_for, captioned):
    assert client_for("learner").get(cues_url(captioned, "fr")).status_code == 404
