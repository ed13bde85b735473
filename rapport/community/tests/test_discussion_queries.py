"""Discussion pages cost the same number of queries with 10 posts as with 300 — and as many
topics, people, mentions, reactions, photos, edits, reports and hidden posts to match."""

import random

import pytest

from rapport.community.discussions import moderation, services
from rapport.community.discussions.testing import opening, photo_upload, reply, start
from rapport.community.models.discussions import Post
from rapport.core.testing.queries import count_queries
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.groups.testing import group_make, learner_make

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"


def add_people(course, count: int) -> list:
    people = []
    for index in range(count):
        user = UserFactory(
            photo="profiles/p.jpg" if index % 2 else "",
            photo_thumb=f"profiles/{index}/thumb-20270101.jpg" if index % 2 else "",
        )
        MembershipFactory(course=course, user=user, role=Role.LEARNER)
        people.append(user)
    return people


def grow(cast, topic, count: int) -> None:
    """``count`` more posts in ``topic`` (threaded, by new people, mentioning each other,
    with reactions; a few with photos, edited, reported or hidden) and a topic per ten."""
    rng = random.Random(count)
    people = add_people(cast.course, max(count // 5, 2))
    posts = list(Post.objects.filter(topic=topic, hidden_at__isnull=True))
    for index in range(count):
        author = people[index % len(people)]
        other = people[(index + 1) % len(people)]
        parent = rng.choice(posts)
        body = f"Reply {index} for @[{other.display_name}](user:{other.pk}) **hi**"
        image = photo_upload() if index % 25 == 0 else None
        post = reply(parent, author, body=body, image_upload=image)
        posts.append(post)
        services.reaction_toggle(post=post, user=other, emoji="🎉")
        services.reaction_toggle(post=post, user=cast.learner, emoji="❤️")
        if index % 7 == 0:
            services.post_edit(post=post, editor=author, body=body + " (edited)")
        if index % 11 == 0:
            moderation.post_report(post=post, reporter=other, reason="Please look")
        if index % 13 == 0:
            moderation.post_hide(post=post, staff=cast.ta, hidden=True)
            posts.remove(post)  # learners can't answer it any more
        if index % 10 == 0:
            extra = start(cast.course, author, title=f"Topic {index}", body=body)
            reply(opening(extra), other, body="Hi")


@pytest.fixture
def topic(cast):
    return start(cast.course, cast.learner, title="Introductions", body="Say hello!")


PAGES = [
    ("learner", lambda topic: BASE, {}),
    ("instructor", lambda topic: BASE, {}),
    ("learner", lambda topic: BASE + "?q=Reply", {}),
    ("learner", lambda topic: f"{BASE}{topic.pk}/", {}),
    ("ta", lambda topic: f"{BASE}{topic.pk}/", {}),
    ("learner", lambda topic: f"{BASE}{topic.pk}/?page=2", {}),
    ("other_learner", lambda topic: f"{BASE}{topic.pk}/newer/?after=0", {"HX-Request": "true"}),
    ("learner", lambda topic: f"{BASE}posts/{opening(topic).pk}/reply/", {}),
    ("learner", lambda topic: f"{BASE}posts/{opening(topic).pk}/history/", {}),
    ("learner", lambda topic: BASE + "mentions/?q=a", {}),
    ("instructor", lambda topic: BASE + "waiting/", {}),
    ("ta", lambda topic: BASE + "reports/", {}),
]


def measure(cast, client_for, topic) -> dict[str, int]:
    counts = {}
    for role, url_for, headers in PAGES:
        counts[f"{role} {url_for(topic)}"] = count_queries(
            client_for(role), url_for(topic), statuses=(200, 204), headers=headers
        )
    return counts


def test_query_counts_do_not_grow_with_the_discussion(cast, client_for, topic):
    # One growth for every page: 300 threaded posts take a few seconds to make.
    grow(cast, topic, 10)
    with_ten = measure(cast, client_for, topic)
    grow(cast, topic, 290)
    with_three_hundred = measure(cast, client_for, topic)
    grew = {
        page: (with_ten[page], count)
        for page, count in with_three_hundred.items()
        if count != with_ten[page]
    }
    assert not grew, f"queries grew (10 posts → 300): {grew}"


def test_a_group_thread_costs_the_same_for_a_pair_and_a_group_of_eight(cast, client_for):
    """Its page, the course's list beside it and the mentions it offers."""
    client, counts = client_for("learner"), []
    for size, replies in ((2, 3), (8, 20)):
        mates = [learner_make(cast, f"mate{size}-{n}") for n in range(size - 1)]
        thread = services.group_topic_create(
            group=group_make(cast, users=[cast.learner, *mates], title=f"Size {size}"),
            author=cast.ta,
            title="Partners",
            body="Say hello",
        )
        for n in range(replies):
            reply(opening(thread), mates[n % len(mates)])
        pages = [f"{BASE}{thread.pk}/", BASE, f"{BASE}mentions/?q=m&topic={thread.pk}"]
        counts.append([count_queries(client, page) for page in pages])
    assert counts[0] == counts[1]
