"""Erasing an account: re-authentication first, the course's only instructor refused, and
afterwards no row anywhere names or links to the person; their files are gone, and the
posts others answered stay under "Former member" without their pictures."""

import pytest
from allauth.account.internal.flows.login import record_authentication
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse

from rapport.community.checkins.testing import learners_private_things
from rapport.community.discussions.testing import learners_photo_post, reply, start
from rapport.community.models.discussions import Post, Topic
from rapport.core.refusals import Refused
from rapport.media.testing import media_item_ready
from rapport.privacy.services import account_erase
from rapport.privacy.services.erasure import FORMER_MEMBER_EMAIL, FORMER_MEMBER_NAME
from rapport.walls import services as walls
from rapport.walls.models import Card
from rapport.walls.testing import board_make, card_make, member


def rows_naming(user) -> dict[str, int]:
    """Every row of every model with a foreign key to the user model that points at
    ``user``'s id — what erasure must leave at zero."""
    User = get_user_model()
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                count = model._default_manager.filter(**{field.attname: user.pk}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


@pytest.fixture
def learners_things(cast):
    """cast.learner's private things, a photo, a recording, a topic others replied to, a
    topic nobody answered, and a wall card a classmate commented on."""
    learners_private_things(cast)
    answered = learners_photo_post(cast)
    reply(answered, cast.other_learner, body="Lovely photo!")
    lonely = start(cast.course, cast.learner, title="Anyone?", body="Just me here")
    board = board_make(cast)
    card = card_make(cast, board, body="My card")
    walls.card_comment(card=card, member=member(cast, "other_learner"), body="Nice card")
    recording = media_item_ready(course=cast.course, owner=cast.learner)
    from rapport.community.discussions.testing import photo_upload

    cast.learner.photo.save("me.jpg", photo_upload(), save=True)
    files = [
        name
        for name in (
            answered.image.name,
            recording.original.name,
            recording.playback.name,
            cast.learner.photo.name,
        )
        if name
    ]
    assert all(default_storage.exists(name) for name in files)
    return {"answered": answered, "lonely": lonely, "card": card, "files": files}


def test_nothing_names_or_links_to_them_afterwards(
    cast, learners_things, django_capture_on_commit_callbacks
):
    learner = cast.learner
    assert rows_naming(learner)  # the check sees their rows before
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=learner)
    assert rows_naming(learner) == {}
    assert not get_user_model().objects.filter(email=learner.email).exists()
    assert not any(default_storage.exists(name) for name in learners_things["files"])


def test_what_others_answered_stays_under_former_member(
    cast, learners_things, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=cast.learner)
    kept = Post.objects.get(pk=learners_things["answered"].pk)
    assert kept.author.display_name == FORMER_MEMBER_NAME
    assert not kept.image and kept.body == "The wetland at dawn"
    assert Post.objects.filter(body="Lovely photo!").exists()
    assert not Topic.objects.filter(pk=learners_things["lonely"].pk).exists()
    card = Card.objects.get(pk=learners_things["card"].pk)
    assert card.author.display_name == FORMER_MEMBER_NAME
    former = kept.author
    assert not former.is_active and not former.has_usable_password()
    assert not former.memberships.exists()


def test_the_only_instructor_is_refused_until_they_hand_over(cast):
    with pytest.raises(Refused, match="only instructor of “Environmental Science 101”"):
        account_erase(user=cast.instructor)
    assert get_user_model().objects.filter(pk=cast.instructor.pk).exists()


def reauthenticated(client, user):
    """A session in which ``user`` has just confirmed who they are."""
    client.force_login(user)
    request = type("Request", (), {"session": client.session, "user": user})()
    record_authentication(request, user, method="password", reauthenticated=True)
    request.session.save()
    return client


def test_the_page_asks_who_they_are_first(cast, client):
    client.force_login(cast.learner)
    response = client.get(reverse("privacy:account_delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_deleting_needs_the_box_ticked_then_signs_them_out(
    cast, client, django_capture_on_commit_callbacks
):
    client = reauthenticated(client, cast.learner)
    url = reverse("privacy:account_delete")
    page = client.get(url)
    assert page.status_code == 200 and "Former member" in page.content.decode()
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    assert get_user_model().objects.filter(pk=cast.learner.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"understood": "on"})
    assert done.status_code == 302
    assert not get_user_model().objects.filter(pk=cast.learner.pk).exists()
    assert "_auth_user_id" not in client.session


def test_the_only_instructor_sees_why_on_the_page(cast, client):
    client = reauthenticated(client, cast.instructor)
    response = client.post(reverse("privacy:account_delete"), {"understood": "on"})
    assert response.status_code == 400
    assert "Make someone else an instructor" in response.content.decode()
    assert get_user_model().objects.filter(pk=cast.instructor.pk).exists()


def test_nothing_is_handed_to_someone_who_took_the_stand_ins_address(cast):
    get_user_model().objects.create_user(email=FORMER_MEMBER_EMAIL, password="a-real-password")
    learners_photo_post(cast)
    with pytest.raises(Refused, match="administrator"):
        account_erase(user=cast.learner)
    assert get_user_model().objects.filter(pk=cast.learner.pk).exists()
