"""A person's hello from the "Introduce yourself" wall shows on their page in the course and
on the teaching team's card of them — never an anonymous one."""

import pytest
from django.urls import reverse

from rapport.media.testing import media_item_ready
from rapport.walls import services
from rapport.walls.testing import member

pytestmark = pytest.mark.django_db


def _person(cast, role, whom):
    return reverse("courses:person", args=[cast.course.slug, getattr(cast, whom).pk])


def test_a_classmates_page_plays_their_hello_clip(cast, client_for):
    intro = services.intro_board_for(course=cast.course)
    clip = media_item_ready(course=cast.course, owner=cast.learner)
    services.card_add(board=intro, member=member(cast, "learner"), kind="clip", clip=clip)
    html = client_for("other_learner").get(_person(cast, "other_learner", "learner")).content
    assert f"/media/{clip.public_id}/playback/".encode() in html
    card = client_for("ta").get(reverse("knowing:card", args=[cast.course.slug, cast.learner.pk]))
    assert f"/media/{clip.public_id}/playback/".encode() in card.content


def test_an_anonymous_hello_stays_off_the_persons_page(cast, client_for):
    intro = services.intro_board_for(course=cast.course)
    intro.allow_anonymous = True
    intro.save()
    services.card_add(
        board=intro, member=member(cast, "learner"), body="Shy hello from me", anonymous=True
    )
    html = client_for("other_learner").get(_person(cast, "other_learner", "learner")).content
    assert b"Shy hello" not in html


def test_without_a_hello_my_page_invites_me_to_record_one(cast, client_for):
    html = client_for("learner").get(_person(cast, "learner", "learner")).content.decode()
    assert "Introduce yourself" in html and "?add=1#wall-add" in html
    theirs = client_for("other_learner").get(_person(cast, "other_learner", "learner")).content
    assert b"hello-heading" not in theirs


def test_the_classmates_page_shows_the_newest_hellos_and_invites_mine(cast, client_for):
    intro = services.intro_board_for(course=cast.course)
    services.card_add(board=intro, member=member(cast, "other_learner"), body="Hi from Oslo")
    html = client_for("learner").get(reverse("courses:people", args=[cast.course.slug]))
    text = html.content.decode()
    assert "Hi from Oslo" in text and "1 person has said hello" in text
    assert "Say hello yourself" in text
