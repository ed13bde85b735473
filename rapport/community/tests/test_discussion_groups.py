"""A peer group's own thread: on none of the course's lists (staff's included), opened,
answered, reacted to and followed only by the group's members and the teaching team —
anyone else meets it as a topic that does not exist; its @mentions name only them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.community.discussions import queues, selectors, services
from rapport.community.discussions.streams import may_follow_topic
from rapport.community.discussions.testing import opening, reply, start
from rapport.community.models.discussions import Post
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.groups.testing import group_make, learner_make

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"


@pytest.fixture
def noor(cast):
    return learner_make(cast, "noor")


@pytest.fixture
def group(cast, noor):
    """cast.learner and Noor; cast.other_learner is a learner of the course outside it."""
    return group_make(cast, users=[cast.learner, noor])


@pytest.fixture
def thread(cast, group):
    return services.group_topic_create(
        group=group, author=cast.instructor, title="zzOur corner", body="Say hello, partners"
    )


# --- off the course's lists ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["learner", "other_learner", "ta", "instructor"])
def test_a_group_thread_is_on_no_ones_course_topic_list(cast, client_for, thread, role):
    start(cast.course, cast.ta, title="zzCourse-wide")
    page = client_for(role).get(BASE).content.decode()
    assert "zzCourse-wide" in page
    assert "zzOur corner" not in page


def test_a_group_thread_is_not_found_by_the_course_search(cast, client_for, thread):
    reply(opening(thread), cast.learner, body="zzwetlands are great")
    for role in ("learner", "instructor"):
        page = client_for(role).get(BASE, {"q": "zzwetlands"}).content.decode()
        assert "zzOur corner" not in page and "No discussions mention" in page


def test_a_group_threads_posts_never_wait_in_the_course_queue(cast, group):
    topic = services.group_topic_create(
        group=group, author=cast.ta, title="zzOur corner", body="Hello"
    )
    asked = reply(opening(topic), cast.learner, body="Anyone around this week?")
    start(cast.course, cast.other_learner, title="zzCourse-wide")
    later = timezone.now() + timedelta(days=3)
    waiting = [post.pk for post in queues.waiting(course=cast.course, now=later).page]
    assert asked.pk not in waiting
    assert Post.objects.filter(topic__title="zzCourse-wide").get().pk in waiting
    assert queues.reply_figures(course=cast.course, now=later).four_weeks.posts == 1


def test_a_group_thread_is_not_counted_on_the_staff_list(cast, thread):
    page = selectors.topic_page(
        course=cast.course,
        user=cast.instructor,
        is_staff=True,
    )
    assert thread.pk not in [topic.pk for topic in page.object_list]


# --- only its group and the teaching team reach it --------------------------------------------


def test_the_groups_members_and_staff_open_the_thread(cast, client, thread, noor):
    url = f"{BASE}{thread.pk}/"
    for person in (cast.learner, noor, cast.ta, cast.instructor):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, person
        page = response.content.decode()
        assert "zzOur corner" in page
        assert f'href="/c/env-sci/groups/g/{thread.group_id}/">← The group' in page


@pytest.mark.parametrize("role", ["other_learner", "outsider"])
def test_anyone_else_meets_the_thread_as_missing(cast, client_for, thread, role):
    post = opening(thread)
    client = client_for(role)
    for url in (
        f"{BASE}{thread.pk}/",
        f"{BASE}{thread.pk}/newer/?after=0",
        f"{BASE}posts/{post.pk}/",
        f"{BASE}posts/{post.pk}/reply/",
        f"{BASE}posts/{post.pk}/report/",
    ):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (f"{BASE}posts/{post.pk}/reply/", {"body": "Let me in"}),
        (f"{BASE}posts/{post.pk}/react/", {"emoji": "❤️"}),
        (f"{BASE}posts/{post.pk}/report/", {"reason": "Curious"}),
    ):
        assert client.post(url, data).status_code == 404, url
    assert not thread.posts.filter(body="Let me in").exists()
    assert not post.reactions.exists() and not post.reports.exists()


def test_a_member_replies_and_an_outsider_to_the_group_cannot(cast, client_for, thread):
    post = opening(thread)
    ok = client_for("learner").post(f"{BASE}posts/{post.pk}/reply/", {"body": "Hi partner"})
    assert ok.status_code == 302
    refused = client_for("other_learner").post(f"{BASE}posts/{post.pk}/reply/", {"body": "Hi"})
    assert refused.status_code == 404
    bodies = list(thread.posts.values_list("body", flat=True))
    assert bodies == ["Say hello, partners", "Hi partner"]


def test_the_services_refuse_a_learner_outside_the_group(cast, thread):
    post = opening(thread)
    with pytest.raises(Refused):
        services.post_reply(parent=post, author=cast.other_learner, body="Hello?")
    with pytest.raises(Refused):
        services.reaction_toggle(post=post, user=cast.other_learner, emoji="❤️")
    assert services.reaction_toggle(post=post, user=cast.learner, emoji="❤️")


def test_a_thread_of_a_round_not_yet_published_is_its_members_to_wait_for(cast, client):
    group = group_make(cast, users=[cast.learner], published=False)
    topic = services.group_topic_create(
        group=group, author=cast.instructor, title="zzSoon", body="Coming"
    )
    client.force_login(cast.learner)
    assert client.get(f"{BASE}{topic.pk}/").status_code == 404
    client.force_login(cast.ta)
    assert client.get(f"{BASE}{topic.pk}/").status_code == 200


def test_only_the_group_and_staff_may_follow_the_thread_live(cast, thread, noor):
    def may(role_or_user):
        user = getattr(cast, role_or_user) if isinstance(role_or_user, str) else role_or_user
        membership = cast.course.memberships.get(user=user)
        return may_follow_topic(cast.course, membership, thread.pk)

    assert may("learner") and may(noor) and may("ta") and may("instructor")
    assert not may("other_learner")


# --- making it ---------------------------------------------------------------------------------


def test_a_group_thread_is_made_by_staff_with_its_opening_post(cast, group):
    topic = services.group_topic_create(
        group=group, author=cast.ta, title="  Week 1   partners ", body="Meet here"
    )
    assert (topic.group, topic.course, topic.title) == (group, cast.course, "Week 1 partners")
    assert opening(topic).body == "Meet here"
    assert Touchpoint.objects.filter(
        kind=TouchpointKind.TOPIC_STARTED, actor=cast.ta, object_id=str(topic.pk)
    ).exists()


def test_a_learner_cannot_make_a_group_thread(cast, group):
    with pytest.raises(Refused):
        services.group_topic_create(group=group, author=cast.learner, title="Ours", body="Hi")


# --- mentions ----------------------------------------------------------------------------------


def test_mentions_in_a_group_thread_offer_only_the_group_and_staff(cast, client_for, thread):
    client = client_for("learner")
    offered = client.get(f"{BASE}mentions/", {"q": "o", "topic": thread.pk}).json()
    names = {person["name"] for person in offered}
    assert "Noor" in names and "Other_Learner" not in names
    staff = client.get(f"{BASE}mentions/", {"q": "ta", "topic": thread.pk}).json()
    assert [person["name"] for person in staff] == ["Ta"]
    course_wide = client.get(f"{BASE}mentions/", {"q": "o"}).json()
    assert "Other_Learner" in {person["name"] for person in course_wide}


def test_mention_search_for_a_thread_one_may_not_open_is_missing(cast, client_for, thread):
    response = client_for("other_learner").get(f"{BASE}mentions/", {"q": "n", "topic": thread.pk})
    assert response.status_code == 404


def test_only_the_group_and_staff_hear_of_a_mention_in_its_thread(cast, thread, noor):
    body = (
        f"@[Noor](user:{noor.pk}) @[Ta](user:{cast.ta.pk}) @[Other](user:{cast.other_learner.pk})"
    )
    reply(opening(thread), cast.learner, body=body)
    told = Notification.objects.filter(kind=NotificationKind.MENTIONED)
    assert set(told.values_list("recipient_id", flat=True)) == {noor.pk, cast.ta.pk}


def test_a_typed_name_outside_the_group_stays_plain_text(cast, client_for, thread, noor):
    post = opening(thread)
    client_for("learner").post(
        f"{BASE}posts/{post.pk}/reply/", {"body": "Ask @Other_Learner or @Noor"}
    )
    newest = thread.posts.order_by("-pk").first()
    assert newest.body == f"Ask @Other_Learner or @[Noor](user:{noor.pk})"
