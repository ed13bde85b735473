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


# --- what people type: "@Name", picked from the list or not -----------------------------


def post_reply(client, topic, body, mention_ids=""):
    parent = opening(topic)
    return client.post(
        f"{BASE}posts/{parent.pk}/reply/", {"body": body, "mention_ids": mention_ids}
    )


def newest_body(topic):
    return topic.posts.order_by("-pk").first().body


@pytest.fixture
def sams(cast):
    """Two learners both called Sam, and a Sam Lee."""
    people = []
    for full in ("Sam Ortiz", "Sam Novak"):
        user = UserFactory(preferred_name="Sam", full_name=full)
        MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
        people.append(user)
    lee = UserFactory(preferred_name="Sam Lee", full_name="Samuel Lee")
    MembershipFactory(course=cast.course, user=lee, role=Role.LEARNER)
    return [*people, lee]


def test_a_typed_name_without_javascript_becomes_a_mention(cast, client_for):
    topic = start(cast.course, cast.instructor)
    response = post_reply(client_for("learner"), topic, "Thanks @other_learner, and @Ta!")
    assert response.status_code == 302
    assert newest_body(topic) == f"Thanks {token(cast.other_learner)}, and {token(cast.ta)}!"
    assert mentioned() == {cast.other_learner.pk, cast.ta.pk}
    html = client_for("other_learner").get(f"{BASE}{topic.pk}/").content.decode()
    assert f'<span class="mention" data-user-id="{cast.ta.pk}">@Ta</span>' in html


def test_typed_names_need_a_whole_word_and_a_member(cast, client_for):
    topic = start(cast.course, cast.instructor)
    body = "Ask @Tanya, mail me@Ta or @Outsider; @Nobody"
    post_reply(client_for("learner"), topic, body)
    assert newest_body(topic) == body
    assert mentioned() == set()


def test_a_picked_person_wins_over_a_namesake(cast, client_for, sams):
    first, second, _ = sams
    topic = start(cast.course, cast.instructor)
    response = post_reply(client_for("learner"), topic, "Hi @Sam!", mention_ids=str(second.pk))
    assert response.status_code == 302
    assert newest_body(topic) == f"Hi {token(second)}!"
    post_reply(client_for("learner"), topic, "@Sam and @Sam", f"{second.pk},{first.pk}")
    assert newest_body(topic) == f"{token(second)} and {token(first)}"


def test_a_shared_name_nobody_picked_is_explained_and_nothing_is_saved(cast, client_for, sams):
    topic = start(cast.course, cast.instructor)
    before = topic.posts.count()
    response = post_reply(client_for("learner"), topic, "Hi @Sam!")
    assert response.status_code == 200
    assert "More than one person in this course is called “Sam”" in response.content.decode()
    assert topic.posts.count() == before


def test_the_longest_name_that_fits_wins_and_full_names_work(cast, client_for, sams):
    first, _, lee = sams
    topic = start(cast.course, cast.instructor)
    post_reply(client_for("learner"), topic, "Thanks @Sam Lee and @sam ortiz.")
    assert newest_body(topic) == f"Thanks {token(lee)} and {token(first)}."


def test_editing_shows_names_and_keeps_the_people_meant(cast, client_for, sams):
    _, second, _ = sams
    topic = start(cast.course, cast.learner, body=f"Hi {token(second)} and {token(cast.ta)}")
    first = opening(topic)
    client = client_for("learner")
    page = client.get(f"{BASE}posts/{first.pk}/edit/").content.decode()
    assert "Hi @Sam and @Ta</textarea>" in page
    assert f'name="mention_ids" value="{second.pk},{cast.ta.pk}"' in page
    response = client.post(
        f"{BASE}posts/{first.pk}/edit/",
        {"body": "Hi @Sam and @Ta!", "title": "Hello", "mention_ids": f"{second.pk},{cast.ta.pk}"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.body == f"Hi {token(second)} and {token(cast.ta)}!"


def test_a_new_topic_takes_typed_mentions_too(cast, client_for):
    response = client_for("learner").post(
        f"{BASE}new/", {"title": "Question", "body": "What do you think, @Instructor?"}
    )
    assert response.status_code == 302
    assert mentioned() == {cast.instructor.pk}
