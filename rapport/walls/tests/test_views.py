"""The walls' pages without their script: the list, a board in each layout, adding each kind
of card, the fallback forms, the photo, the export."""

import pytest
from django.urls import reverse

from rapport.community.rituals.testing import image_upload
from rapport.walls.models import Card, Layout
from rapport.walls.testing import board_make, card_make

pytestmark = pytest.mark.django_db


def _board_url(cast, board):
    return reverse("walls:board", args=[cast.course.slug, board.pk])


def test_every_course_offers_an_introduce_yourself_wall(cast, client_for):
    page = client_for("learner").get(reverse("walls:boards", args=[cast.course.slug]))
    assert page.status_code == 200
    assert "Introduce yourself" in page.content.decode()


@pytest.mark.parametrize("layout", Layout.values)
def test_a_board_shows_its_cards_in_each_layout(cast, client_for, layout):
    board = board_make(cast, layout=layout, sections=["Ideas", "Questions"])
    card_make(cast, board, body="**Hello** from *Lisbon*")
    page = client_for("other_learner").get(_board_url(cast, board))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>Hello</strong> from <em>Lisbon</em>" in html
    assert 'id="wall-cards"' in html  # the cards for the live page's script


def test_adding_a_text_card_through_the_form(cast, client_for):
    board = board_make(cast)
    response = client_for("learner").post(
        reverse("walls:card_add", args=[cast.course.slug, board.pk]),
        {"kind": "text", "body": "Hi all!", "colour": "blue"},
    )
    card = Card.objects.get(board=board)
    assert response.status_code == 302 and response.url.endswith(f"#card-{card.pk}")
    assert (card.body, card.colour, card.author) == ("Hi all!", "blue", cast.learner)


def test_a_photo_card_keeps_no_metadata_and_is_served_to_members_only(cast, client_for):
    board = board_make(cast)
    client_for("learner").post(
        reverse("walls:card_add", args=[cast.course.slug, board.pk]),
        {"kind": "image", "image": image_upload(), "image_alt": "My desk", "colour": "white"},
    )
    card = Card.objects.get(board=board)
    assert card.image and card.image_alt == "My desk" and card.image_width
    photo = reverse("walls:card_image", args=[cast.course.slug, card.pk])
    assert client_for("other_learner").get(photo).status_code == 200
    assert client_for("outsider").get(photo).status_code == 404


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    board = board_make(cast)
    client = client_for("learner")
    response = client.post(
        reverse("walls:card_add", args=[cast.course.slug, board.pk]),
        {"kind": "image", "image": SimpleUploadedFile("x.jpg", b"not a photo"), "colour": "white"},
        follow=True,
    )
    assert "isn" in response.content.decode() and "image we can read" in response.content.decode()
    assert not Card.objects.exists()


def test_an_anonymous_cards_author_is_not_in_a_classmates_page(cast, client_for):
    cast.learner.preferred_name = "Zanele Quist"
    cast.learner.save(update_fields=["preferred_name"])
    board = board_make(cast, allow_anonymous=True)
    card_make(cast, board, anonymous=True, body="A secret hope")
    html = client_for("other_learner").get(_board_url(cast, board)).content.decode()
    assert "A secret hope" in html and "A classmate" in html
    assert "Zanele" not in html and cast.learner.email not in html


def test_the_move_form_moves_a_card_one_based(cast, client_for):
    board = board_make(cast)
    card = card_make(cast, board)
    client_for("learner").post(
        reverse("walls:card_move", args=[cast.course.slug, board.pk, card.pk]),
        {"version": 1, "x": 4, "y": 2},
    )
    card.refresh_from_db()
    assert (card.x, card.y) == (3, 1)


def test_a_stale_move_form_says_so(cast, client_for):
    board = board_make(cast)
    card = card_make(cast, board)
    client = client_for("learner")
    url = reverse("walls:card_move", args=[cast.course.slug, board.pk, card.pk])
    client.post(url, {"version": 1, "x": 4, "y": 2})
    page = client.post(url, {"version": 1, "x": 9, "y": 9}, follow=True)
    assert "moved this card a moment ago" in page.content.decode()
    card.refresh_from_db()
    assert (card.x, card.y) == (3, 1)


def test_the_export_names_every_author_for_staff(cast, client_for):
    board = board_make(cast, allow_anonymous=True)
    card_make(cast, board, anonymous=True, body="=1+1 is risky")
    response = client_for("instructor").get(
        reverse("walls:board_export", args=[cast.course.slug, board.pk])
    )
    body = b"".join(response.streaming_content).decode()
    assert "Learner" in body and "'=1+1 is risky" in body


def test_a_clip_card_plays_the_authors_recording_with_its_captions(cast, client_for):
    from rapport.media.models import Caption
    from rapport.media.testing import media_item_ready

    board = board_make(cast)
    media = media_item_ready(course=cast.course, owner=cast.learner)
    Caption.objects.create(media=media, vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    client_for("learner").post(
        reverse("walls:card_add", args=[cast.course.slug, board.pk]),
        {"kind": "clip", "media_id": str(media.public_id), "colour": "green"},
    )
    card = Card.objects.get(board=board)
    assert card.clip == media
    html = client_for("other_learner").get(_board_url(cast, board)).content.decode()
    assert f"/media/{media.public_id}/playback/" in html and '<track kind="captions"' in html
    played = client_for("other_learner").get(
        reverse("media:file", args=[cast.course.slug, media.public_id, "playback"])
    )
    assert played.status_code == 200


def test_someone_elses_recording_cannot_make_a_clip_card(cast, client_for):
    from rapport.media.testing import media_item_ready

    board = board_make(cast)
    media = media_item_ready(course=cast.course, owner=cast.other_learner)
    page = client_for("learner").post(
        reverse("walls:card_add", args=[cast.course.slug, board.pk]),
        {"kind": "clip", "media_id": str(media.public_id), "colour": "green"},
        follow=True,
    )
    assert "clip of your own" in page.content.decode()
    assert not Card.objects.exists()


@pytest.mark.parametrize("layout", Layout.values)
def test_the_picture_of_a_wall_is_a_png_with_every_card(cast, client_for, layout):
    import io

    from PIL import Image

    board = board_make(cast, layout=layout, sections=["Ideas", "Questions"])
    for n in range(4):
        card_make(cast, board, body=f"Card {n}")
    response = client_for("ta").get(
        reverse("walls:board_picture", args=[cast.course.slug, board.pk])
    )
    assert response["Content-Type"] == "image/png"
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format == "PNG" and picture.width >= 240 and picture.height >= 150


def _hidden(html: str, element_id: str) -> bool:
    import re

    tag = re.search(rf'<[^>]* id="{element_id}"[^>]*>', html)
    assert tag, f"#{element_id} is not on the page"
    return " hidden" in tag.group(0)


def test_a_locked_board_hides_the_add_form_from_learners_but_keeps_it_for_staff(cast, client_for):
    from django.utils import timezone

    board = board_make(cast)
    board.locked_at = timezone.now()
    board.save()
    learner_page = client_for("learner").get(_board_url(cast, board)).content.decode()
    assert _hidden(learner_page, "wall-add") and not _hidden(learner_page, "wall-locked")
    staff_page = client_for("instructor").get(_board_url(cast, board)).content.decode()
    assert not _hidden(staff_page, "wall-add")


def test_the_anonymous_choice_shows_only_where_the_board_offers_it(cast, client_for):
    closed, open_ = board_make(cast), board_make(cast, title="Hopes", allow_anonymous=True)
    client = client_for("learner")
    assert _hidden(client.get(_board_url(cast, closed)).content.decode(), "wall-anonymous")
    assert not _hidden(client.get(_board_url(cast, open_)).content.decode(), "wall-anonymous")
    refused = client.post(
        reverse("walls:card_add", args=[cast.course.slug, closed.pk]),
        {"kind": "text", "body": "Secret", "colour": "blue", "anonymous": "on"},
        follow=True,
    )
    assert "Anonymous cards are not open on this wall." in refused.content.decode()
    assert not Card.objects.filter(board=closed).exists()


def _cards_made(cast, board, count: int) -> list[int]:
    return [card_make(cast, board, body=f"Card {number}").pk for number in range(count)]


def test_a_long_wall_draws_its_first_cards_and_shows_more_on_asking(cast, client_for, monkeypatch):
    monkeypatch.setattr("rapport.walls.views.boards.CARDS_PER_PAGE", 3)
    board = board_make(cast, layout=Layout.STREAM)
    newest_first = _cards_made(cast, board, 7)[::-1]
    client = client_for("other_learner")

    first = client.get(_board_url(cast, board))
    assert [card["id"] for card in first.context["cards"]] == newest_first[:3]
    html = first.content.decode()
    assert "Card 6" in html and "Card 3" not in html
    assert f'href="?shown=6#card-{newest_first[2]}"' in html
    assert "4 more not shown yet" in html
    # the live page is told where the list was cut, to leave out what it hears past it
    assert first.context["page"].cut == {0: newest_first[2]}

    more = client.get(_board_url(cast, board) + "?shown=6")
    assert [card["id"] for card in more.context["cards"]] == newest_first[:6]
    everything = client.get(_board_url(cast, board) + "?shown=9")
    assert [card["id"] for card in everything.context["cards"]] == newest_first
    assert everything.context["page"].cut == {}
    assert "Show more cards" not in everything.content.decode()
    for nonsense in ("?shown=-5", "?shown=lots", "?shown="):
        assert len(client.get(_board_url(cast, board) + nonsense).context["cards"]) == 3


def test_a_link_to_one_card_shows_the_wall_as_far_as_that_card(cast, client_for, monkeypatch):
    monkeypatch.setattr("rapport.walls.views.boards.CARDS_PER_PAGE", 2)
    board = board_make(cast, layout=Layout.STREAM)
    oldest, *_ = _cards_made(cast, board, 5)
    page = client_for("instructor").get(_board_url(cast, board) + f"?card={oldest}")
    assert page.context["cards"][-1]["id"] == oldest
    assert len(page.context["cards"]) == 5
    assert client_for("instructor").get(_board_url(cast, board) + "?card=x").status_code == 200


def test_each_column_of_a_long_wall_is_cut_on_its_own(cast, client_for, monkeypatch):
    monkeypatch.setattr("rapport.walls.views.boards.CARDS_PER_PAGE", 2)
    board = board_make(cast, layout=Layout.COLUMNS, sections=["Ideas", "Questions"])
    ideas, questions = board.sections.all()
    in_ideas = [card_make(cast, board, section_id=ideas.pk).pk for _ in range(3)]
    in_questions = [card_make(cast, board, section_id=questions.pk).pk for _ in range(2)]
    page = client_for("learner").get(_board_url(cast, board))
    assert [card["id"] for card in page.context["cards"]] == in_ideas[:2] + in_questions
    assert page.context["page"].cut == {ideas.pk: in_ideas[1]}
    assert page.context["page"].hidden == 1
