"""A peer group's own wall: off the course's list of walls (staff's included), and reached —
its page, its cards, their photos, its export and picture, its socket stream — only by
the group's members and the teaching team; anyone else meets it as a wall that does not
exist."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from rapport.community.rituals.testing import image_upload
from rapport.core.refusals import Refused
from rapport.courses.testing import course_socket
from rapport.groups.testing import group_make, learner_make
from rapport.walls import selectors, services
from rapport.walls.images import process_card_image
from rapport.walls.models import Board, Card, Layout
from rapport.walls.testing import board_make, card_make, member


@pytest.fixture
def noor(cast):
    return learner_make(cast, "noor")


@pytest.fixture
def group(cast, noor):
    """Noor and cast.learner, who adds the cards; cast.other_learner stays outside."""
    return group_make(cast, users=[noor, cast.learner])


@pytest.fixture
def wall(cast, group):
    return services.group_board_create(
        group=group, member=member(cast, "instructor"), title="zzOur wall"
    )


@pytest.fixture
def photo_card(cast, wall):
    card = card_make(cast, wall, kind="image", body="", image_alt="Our sketch")
    services.card_image_attach(
        card=card, member=member(cast, "learner"), image=process_card_image(image_upload())
    )
    return card


def urls(cast, wall, card) -> dict[str, str]:
    slug = cast.course.slug
    return {
        "board": reverse("walls:board", args=[slug, wall.pk]),
        "photo": reverse("walls:card_image", args=[slug, card.pk]),
        "export": reverse("walls:board_export", args=[slug, wall.pk]),
        "picture": reverse("walls:board_picture", args=[slug, wall.pk]),
    }


# --- off the course's list ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["learner", "other_learner", "ta", "instructor"])
def test_a_group_wall_is_on_no_ones_list_of_walls(cast, client_for, wall, role):
    board_make(cast, title="zzCourse wall")
    page = client_for(role).get(reverse("walls:boards", args=[cast.course.slug])).content
    assert b"zzCourse wall" in page
    assert b"zzOur wall" not in page


@pytest.mark.django_db
def test_the_intro_wall_is_never_a_group_wall(cast, wall):
    intro = services.intro_board_for(course=cast.course)
    assert intro.is_intro and intro.group_id is None and intro != wall


# --- only its group and the teaching team reach it --------------------------------------------


@pytest.mark.django_db
def test_the_groups_members_and_staff_open_the_wall_and_its_photos(
    cast, client, wall, photo_card, noor
):
    pages = urls(cast, wall, photo_card)
    for person in (cast.learner, noor, cast.ta, cast.instructor):
        client.force_login(person)
        board = client.get(pages["board"])
        assert board.status_code == 200 and b"zzOur wall" in board.content, person
        assert f'href="/c/env-sci/groups/g/{wall.group_id}/">← The group'.encode() in board.content
        assert client.get(pages["photo"]).status_code == 200, person
    for person in (cast.ta, cast.instructor):
        client.force_login(person)
        assert client.get(pages["export"]).status_code == 200
        assert client.get(pages["picture"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other_learner", "outsider"])
def test_anyone_else_meets_the_wall_and_its_photos_as_missing(
    cast, client_for, wall, photo_card, role
):
    client = client_for(role)
    pages = urls(cast, wall, photo_card)
    assert client.get(pages["board"]).status_code == 404
    assert client.get(pages["photo"]).status_code == 404
    slug = cast.course.slug
    added = client.post(
        reverse("walls:card_add", args=[slug, wall.pk]), {"kind": "text", "body": "Let me in"}
    )
    assert added.status_code == 404
    reacted = client.post(
        reverse("walls:card_react", args=[slug, wall.pk, photo_card.pk]), {"emoji": "🎉"}
    )
    assert reacted.status_code == 404
    assert list(Card.objects.filter(board=wall)) == [photo_card]
    assert not photo_card.reactions.exists()


@pytest.mark.django_db
def test_a_wall_of_a_round_not_yet_published_waits_for_its_members(cast, client):
    group = group_make(cast, users=[cast.learner], published=False)
    wall = services.group_board_create(group=group, member=member(cast, "ta"), title="Soon")
    url = reverse("walls:board", args=[cast.course.slug, wall.pk])
    client.force_login(cast.learner)
    assert client.get(url).status_code == 404
    client.force_login(cast.ta)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_selectors_keep_the_wall_from_a_learner_outside_the_group(cast, wall, photo_card):
    outside, inside = member(cast, "other_learner"), member(cast, "learner")
    assert selectors.board_or_none(course=cast.course, board_id=wall.pk, member=outside) is None
    assert selectors.board_or_none(course=cast.course, board_id=wall.pk, member=inside) == wall
    photo = {"course": cast.course, "card_id": photo_card.pk}
    assert selectors.card_image_for(**photo, member=outside) is None
    assert selectors.card_image_for(**photo, member=inside) == photo_card


# --- making it ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_group_wall_is_a_stream_made_by_staff(cast, group, wall):
    assert (wall.group, wall.course, wall.layout) == (group, cast.course, Layout.STREAM)
    assert not wall.is_intro and wall.title == "zzOur wall"
    with pytest.raises(Refused):
        services.group_board_create(group=group, member=member(cast, "learner"), title="Ours")
    assert Board.objects.filter(group=group).count() == 1


# --- the socket --------------------------------------------------------------------------------


async def _follow(user, cast, board) -> dict:
    socket = course_socket(user, cast.course.slug)
    assert (await socket.connect())[0]
    await socket.send_json_to({"type": "follow", "stream": "board", "id": board.pk})
    answer = await socket.receive_json_from(timeout=2)
    await socket.disconnect()
    return answer


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_only_the_group_and_staff_may_follow_its_wall_live(cast, wall, noor):
    for person in (cast.learner, noor, cast.ta):
        assert (await _follow(person, cast, wall))["type"] == "following"
    refused = await _follow(cast.other_learner, cast, wall)
    assert refused["type"] == "error" and "isn't there" in refused["message"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_learner_outside_the_group_cannot_act_on_its_wall(cast, wall):
    socket = course_socket(cast.other_learner, cast.course.slug)
    assert (await socket.connect())[0]
    await socket.send_json_to(
        {"type": "act", "stream": "board", "id": wall.pk, "action": "add", "body": "Hi", "ref": 1}
    )
    answer = await socket.receive_json_from(timeout=2)
    await socket.disconnect()
    assert answer["type"] == "error"
    assert not await sync_to_async(Card.objects.filter(board=wall).exists)()
