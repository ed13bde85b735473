"""@mentions resolve only to active members of the post's own course; they are told once,
and the ledger records it. The search that feeds mentions.js offers only those people."""

import pytest
from django.utils import timezone

from rapport.community.discussions import mentions, services
from rapport.community.discussions.testing import opening, reply, start
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"


def token(user, label=None) -> str:
    return f"@[{label or user.display_name}](user:{user.pk})"


def mentioned(kind=NotificationKind.MENTIONED):
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def mention_touchpoints():
    return set(
        Touchpoint.objects.filter(kind=TouchpointKind.MENTION).values_list("actor_id", "subject_id")
    )


@pytest.fixture
def removed(cast):
    user = UserFactory(preferred_name="Gone")
    MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
    Membership.objects.filter(user=user).update(
        status=MembershipStatus.REMOVED, status_changed_at=timezone.now()
    )
    return user


def test_a_mention_of_a_member_is_drawn_as_their_name_and_tells_them(cast, client_for):
    topic = start(cast.course, cast.learner, body=f"Thanks {token(cast.ta, 'Tom')}!")
    assert mentioned() == {cast.ta.pk}
    assert mention_touchpoints() == {(cast.learner.pk, cast.ta.pk)}
    note = Notification.objects.get(kind=NotificationKind.MENTIONED)
    assert note.url == f"{BASE}posts/{opening(topic).pk}/"
    assert note.body == "Thanks @Ta!"
    html = client_for("other_learner").get(f"{BASE}{topic.pk}/").content.decode()
    assert f'<span class="mention" data-user-id="{cast.ta.pk}">@Ta</span>' in html
    assert "user:" not in html.split("<main", 1)[1]


def test_tokens_for_outsiders_removed_members_and_made_up_ids_stay_plain_text(
    cast, removed, client_for
):
    body = f"Hi {token(cast.outsider)} and {token(removed)} and @[Nobody](user:987654)"
    topic = start(cast.course, cast.learner, body=body)
    assert mentioned() == set()
    assert mention_touchpoints() == set()
    html = client_for("other_learner").get(f"{BASE}{topic.pk}/").content.decode()
    assert "Hi @Outsider and @Gone and @Nobody" in html
    assert 'class="mention"' not in html


def test_only_active_members_of_the_same_course_resolve(cast, removed):
    ids = {cast.outsider.pk, removed.pk, cast.learner.pk, cast.instructor.pk}
    assert set(mentions.active_members(course=cast.course, ids=ids)) == {
        cast.learner.pk,
        cast.instructor.pk,
    }


def test_mentioning_yourself_tells_no_one(cast):
    start(cast.course, cast.learner, body=f"Note to self {token(cast.learner)}")
    assert mentioned() == set() and mention_touchpoints() == set()


def test_the_person_replied_to_hears_once_though_also_mentioned(cast):
    first = opening(start(cast.course, cast.learner))
    reply(first, cast.other_learner, body=f"{token(cast.learner)} welcome!")
    kinds = list(Notification.objects.filter(recipient=cast.learner).values_list("kind", flat=True))
    assert kinds == [NotificationKind.POST_REPLY]
    assert mention_touchpoints() == {(cast.other_learner.pk, cast.learner.pk)}


def test_an_edit_tells_only_the_people_newly_mentioned(cast):
    first = opening(start(cast.course, cast.learner, body=f"Hi {token(cast.ta)}"))
    services.post_edit(
        post=first, editor=cast.learner, body=f"Hi {token(cast.ta)} and {token(cast.instructor)}"
    )
    services.post_edit(post=first, editor=cast.learner, body=f"Hi {token(cast.instructor)}!")
    counts = Notification.objects.filter(kind=NotificationKind.MENTIONED)
    assert sorted(counts.values_list("recipient_id", flat=True)) == sorted(
        [cast.ta.pk, cast.instructor.pk]
    )
    assert Touchpoint.objects.filter(kind=TouchpointKind.MENTION).count() == 2


def test_the_name_shown_is_the_persons_current_name_not_the_typed_label(cast):
    body = token(cast.ta, "Someone Else")
    people = mentions.active_members(course=cast.course, ids=mentions.mentioned_ids(body))
    assert "@Ta" in str(mentions.render_post(body, people=people))
    assert "Someone Else" not in str(mentions.render_post(body, people=people))


# --- the search behind mentions.js ------------------------------------------------------


def search(client, q):
    response = client.get(BASE + "mentions/", {"q": q})
    assert response.status_code == 200
    return response.json()


def test_search_offers_active_members_of_this_course_only(cast, client_for, removed):
    UserFactory(preferred_name="Outlander")  # no course at all
    client = client_for("learner")
    names = {person["name"] for person in search(client, "o")}
    assert "Other_Learner" in names
    assert not names & {"Outsider", "Outlander", "Gone"}
    assert "Learner" not in {p["name"] for p in search(client, "learn")}  # not oneself


def test_search_matches_names_without_their_accents(cast, client_for):
    tomas = UserFactory(preferred_name="Tomás", full_name="Tomás Rivera")
    MembershipFactory(course=cast.course, user=tomas, role=Role.TA)
    soren = UserFactory(preferred_name="Søren", full_name="Søren Kjær")
    MembershipFactory(course=cast.course, user=soren, role=Role.LEARNER)
    client = client_for("learner")
    assert [p["id"] for p in search(client, "toma")] == [tomas.pk]
    assert [p["id"] for p in search(client, "@soren")] == [soren.pk]
    assert [p["id"] for p in search(client, "rive")] == [tomas.pk]
    assert search(client, "") == []


def test_search_gives_a_face_only_where_the_viewer_may_see_the_photo(cast, client_for):
    shy = UserFactory(
        preferred_name="Shy",
        photo="profiles/1/photo-20270101.jpg",
        photo_thumb="profiles/1/thumb-20270101.jpg",
        show_photo_to_peers=False,
    )
    MembershipFactory(course=cast.course, user=shy, role=Role.LEARNER)
    assert search(client_for("learner"), "shy")[0]["face_url"] == ""
    face_url = search(client_for("ta"), "shy")[0]["face_url"]
    assert face_url.endswith(f"/photos/{shy.pk}/?v=20270101")
