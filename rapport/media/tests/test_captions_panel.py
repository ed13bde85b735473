"""The captions panel under every player: its managers (the recording's author, the course's
staff) see the captions' status and a link to the captions page; everyone who may see the
recording reads its transcript once captions are ready; pasted text being timed, or whose
timing failed, shows to nobody. One selector fills every panel on a page in two queries."""

import pytest
from django.db.models import prefetch_related_objects
from django.template import Context, Template
from django.urls import reverse

from rapport.community.rituals import services as rituals
from rapport.community.rituals.testing import ritual_make, round_open
from rapport.groups.feedback import services as feedback
from rapport.groups.feedback.testing import membership_of
from rapport.groups.testing import group_make, learner_make
from rapport.media import selectors
from rapport.media.models import Caption, CaptionTiming, CaptionTimingStatus, MediaKind
from rapport.media.testing import media_item_ready
from rapport.presence import services as presence

pytestmark = pytest.mark.django_db

SPOKEN = "WEBVTT\n\n00:00:02.500 --> 00:00:04.000\nWelcome to the wetlands\n"
PASTED = "Words nobody but the author and the teaching team may read"


def captioned(media) -> None:
    Caption.objects.create(media=media, language="en", label="English", vtt=SPOKEN)


def failed_timing(media) -> None:
    CaptionTiming.objects.create(
        media=media, text=PASTED, status=CaptionTimingStatus.FAILED, failure_reason="No match."
    )


def page(client_for, role: str, url: str) -> str:
    response = client_for(role).get(url)
    assert response.status_code == 200, role
    return response.content.decode()


def captions_link(media) -> str:
    return reverse("media:captions", args=[media.course.slug, media.public_id])


def assert_managers_and_readers(client_for, url, media, *, managers, readers) -> None:
    for role in managers:
        html = page(client_for, role, url)
        assert "Captions:" in html and "ready" in html, role
        assert f'href="{captions_link(media)}">Edit captions' in html, role
        assert "Read the transcript" in html and "Welcome to the wetlands" in html, role
    for role in readers:
        html = page(client_for, role, url)
        assert "Read the transcript" in html, role
        assert '<span class="muted" data-seek="2.500">0:02</span>' in html, role
        assert "Welcome to the wetlands" in html, role
        assert "Captions:" not in html and f'href="{captions_link(media)}"' not in html, role


def test_a_check_in_panel(cast, client_for):
    media = media_item_ready(course=cast.course, owner=cast.instructor)
    checkin = presence.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 3", media_id=media.public_id
    )
    url = checkin.get_absolute_url()
    none_yet = page(client_for, "instructor", url)
    assert "Captions:" in none_yet and "none" in none_yet
    assert f'href="{captions_link(media)}">Add captions' in none_yet
    assert "Read the transcript" not in none_yet
    captioned(media)
    assert_managers_and_readers(
        client_for, url, media, managers=["instructor", "ta"], readers=["learner"]
    )


def test_a_personal_note_panel_is_for_its_two_people(cast, client_for):
    media = media_item_ready(course=cast.course, owner=cast.ta, kind=MediaKind.AUDIO)
    note = presence.note_send(
        course=cast.course,
        author=cast.ta,
        recipient=cast.learner,
        tone="other",
        body="Listen",
        media_id=media.public_id,
    )
    captioned(media)
    assert_managers_and_readers(
        client_for, note.get_absolute_url(), media, managers=["ta"], readers=["learner"]
    )
    assert client_for("other_learner").get(note.get_absolute_url()).status_code == 404


def test_a_ritual_answer_panel(cast, client_for):
    round_ = round_open(ritual_make(course=cast.course, author=cast.instructor), actor=cast.ta)
    media = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    post = rituals.ritual_answer_post(
        round=round_, author=cast.learner, media_id=str(media.public_id)
    )
    captioned(media)
    url = reverse("community:ritual_post", args=[cast.course.slug, post.pk])
    assert_managers_and_readers(
        client_for, url, media, managers=["learner", "instructor"], readers=["other_learner"]
    )


def test_a_feedback_answer_panel(cast, client_for):
    kai = learner_make(cast, "kai")
    group = group_make(cast, users=[cast.learner, kai])
    essay = feedback.feedback_request_create(
        group=group, member=membership_of(cast, cast.learner), title="Essay", body="Draft"
    )
    media = media_item_ready(course=cast.course, owner=kai, kind=MediaKind.AUDIO)
    feedback.feedback_reply(
        request=essay, member=membership_of(cast, kai), parts={}, clip_id=str(media.public_id)
    )
    captioned(media)
    assert_managers_and_readers(
        client_for, essay.get_absolute_url(), media, managers=["ta"], readers=["learner"]
    )


def test_a_failed_timing_shows_its_status_to_managers_and_its_text_to_nobody(cast, client_for):
    media = media_item_ready(course=cast.course, owner=cast.instructor)
    checkin = presence.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 4", media_id=media.public_id
    )
    failed_timing(media)
    instructor = page(client_for, "instructor", checkin.get_absolute_url())
    assert "timing failed" in instructor and "Edit captions" in instructor
    learner = page(client_for, "learner", checkin.get_absolute_url())
    assert "Read the transcript" not in learner and "timing failed" not in learner
    for html in (instructor, learner):
        assert PASTED not in html
    # text still being timed is no transcript either
    CaptionTiming.objects.filter(media=media).update(status=CaptionTimingStatus.WORKING)
    instructor = page(client_for, "instructor", checkin.get_absolute_url())
    assert "being timed" in instructor and PASTED not in instructor
    assert PASTED not in page(client_for, "learner", checkin.get_absolute_url())


@pytest.mark.parametrize("count", [2, 12])
def test_the_panels_of_a_page_cost_two_queries_however_many_recordings(
    cast, count, django_assert_num_queries
):
    for index in range(count):
        media = media_item_ready(course=cast.course, owner=cast.instructor)
        captioned(media)
        if index % 2:
            failed_timing(media)
    items = list(type(media).objects.filter(course=cast.course))
    membership = cast.course.memberships.get(user=cast.learner)
    with django_assert_num_queries(2):
        prefetch_related_objects(items, *selectors.media_caption_prefetches())
        panels = [
            selectors.captions_panel_for(media=item, user=cast.learner, membership=membership)
            for item in items
        ]
    assert [len(panel.transcripts) for panel in panels] == [1] * count
    assert selectors.media_caption_prefetches("clip") == ["clip__captions", "clip__timings"]


def test_the_panel_tag_works_alone_in_any_course_page(cast, rf):
    media = media_item_ready(course=cast.course, owner=cast.learner)
    captioned(media)
    request = rf.get("/c/env-sci/anything/")
    request.user, request.course = cast.learner, cast.course
    request.membership = cast.course.memberships.get(user=cast.learner)
    html = Template("{% load media_player %}{% media_captions_panel media %}").render(
        Context({"media": media, "request": request})
    )
    assert "Read the transcript" in html and "Welcome to the wetlands" in html
    assert f'href="{captions_link(media)}">Edit captions' in html


def _wall_clip(cast, *, owner, board=None):
    from rapport.walls import services as walls
    from rapport.walls.testing import member

    media = media_item_ready(course=cast.course, owner=owner)
    board = board or walls.intro_board_for(course=cast.course)
    role = {cast.learner.pk: "learner", cast.instructor.pk: "instructor"}[owner.pk]
    card = walls.card_add(board=board, member=member(cast, role), kind="clip", clip=media)
    return media, card


def test_a_wall_clip_panel_on_its_board_and_on_the_persons_page(cast, client_for):
    media, card = _wall_clip(cast, owner=cast.learner)
    board_url = reverse("walls:board", args=[cast.course.slug, card.board_id])
    none_yet = page(client_for, "learner", board_url)
    assert f'href="{captions_link(media)}">Add captions' in none_yet
    captioned(media)
    assert_managers_and_readers(
        client_for, board_url, media, managers=["learner", "ta"], readers=["other_learner"]
    )
    person_url = reverse("courses:person", args=[cast.course.slug, cast.learner.pk])
    assert_managers_and_readers(
        client_for, person_url, media, managers=["learner", "instructor"], readers=["other_learner"]
    )


def test_a_wall_clips_panel_data_is_cut_for_each_reader(cast):
    from rapport.walls import selectors as walls

    media, card = _wall_clip(cast, owner=cast.learner)
    captioned(media)
    payload = walls.card_event(card_id=card.pk)
    assert payload["clip"]["panel"]["transcripts"][0]["lines"] == [
        {"start": 2.5, "clock": "0:02", "text": "Welcome to the wetlands"}
    ]
    as_author = walls.shape(payload, user_id=cast.learner.pk, is_staff=False)["clip"]
    as_staff = walls.shape(payload, user_id=cast.ta.pk, is_staff=True)["clip"]
    as_classmate = walls.shape(payload, user_id=cast.other_learner.pk, is_staff=False)["clip"]
    for managed in (as_author, as_staff):
        assert managed["panel"]["can_manage"] and managed["captions_page"] == captions_link(media)
    assert not as_classmate["panel"]["can_manage"] and "captions_page" not in as_classmate
    assert as_classmate["panel"]["transcripts"] == as_author["panel"]["transcripts"]
    assert "owner" not in as_classmate and PASTED not in str(payload)


def test_the_captions_page_does_not_link_to_itself(cast, client_for):
    media = media_item_ready(course=cast.course, owner=cast.instructor)
    presence.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 5", media_id=media.public_id
    )
    captioned(media)
    html = page(client_for, "instructor", captions_link(media))
    assert "Captions:" in html and f'href="{captions_link(media)}">Edit captions' not in html
