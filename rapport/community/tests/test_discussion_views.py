"""Reading discussions: unread markers, new replies arriving without a reload, threads that
nest and paginate, permalinks, and the htmx partials (each also working without htmx)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.community.discussions import selectors, services
from rapport.community.discussions.testing import opening, reply, start
from rapport.community.models.discussions import Post, TopicRead

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"
HTMX = {"HX-Request": "true"}


def html(client, url, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.content.decode()


def post_pills(page: str, post: Post) -> str:
    """The pills in the head of ``post`` on ``page``."""
    article = page.split(f'id="post-{post.pk}"', 1)[1]
    return article.split('class="row post__pills">', 1)[1].split("</div>", 1)[0]


def topic_row(page: str, title: str) -> str:
    return page.split(title, 1)[1].split("</li>", 1)[0]


# --- unread markers ------------------------------------------------------------------------


def test_a_topic_is_new_until_opened_then_counts_the_replies_since(cast, client_for):
    topic = start(cast.course, cast.ta, title="zzWelcome")
    client = client_for("learner")
    assert ">New<" in topic_row(html(client, BASE), "zzWelcome")
    html(client, f"{BASE}{topic.pk}/")
    assert "new" not in topic_row(html(client, BASE), "zzWelcome").lower()
    reply(opening(topic), cast.other_learner)
    reply(opening(topic), cast.instructor)
    reply(opening(topic), cast.learner)  # one's own reply is never new
    assert "2 new" in topic_row(html(client, BASE), "zzWelcome")


def test_ones_own_topic_is_not_new(cast, client_for):
    start(cast.course, cast.learner, title="zzMine")
    assert "New" not in topic_row(html(client_for("learner"), BASE), "zzMine")


def test_replies_since_the_last_visit_are_marked_new_on_the_thread(cast, client_for):
    topic = start(cast.course, cast.ta)
    seen = reply(opening(topic), cast.other_learner, body="seen")
    client = client_for("learner")
    html(client, f"{BASE}{topic.pk}/")
    fresh = reply(seen, cast.instructor, body="fresh")
    page = html(client, f"{BASE}{topic.pk}/")
    assert "New" in post_pills(page, fresh)
    assert "New" not in post_pills(page, seen)
    assert "New" not in post_pills(html(client, f"{BASE}{topic.pk}/"), fresh)


def test_reading_one_page_never_marks_unseen_posts_on_another_read(cast):
    topic = start(cast.course, cast.ta)
    read = TopicRead.objects.create(topic=topic, user=cast.learner, last_read_post_id=10)
    marker = services.topic_mark_read(
        topic=topic, user=cast.learner, shown_ids=[11, 12, 20], visible_ids=[5, 11, 12, 15, 20]
    )
    assert marker == 14
    read.refresh_from_db()
    assert read.last_read_post_id == 14
    # One marker can't say "20 seen, 15 not": 20 may show as new once more, never skipped.
    marker = services.topic_mark_read(
        topic=topic, user=cast.learner, shown_ids=[15], visible_ids=[5, 11, 12, 15, 20]
    )
    assert marker == 15


# --- new replies without a reload ----------------------------------------------------------


def test_the_poller_gets_only_newer_posts_and_asks_from_the_newest(cast, client_for):
    topic = start(cast.course, cast.learner)
    first = opening(topic)
    client = client_for("learner")
    page = html(client, f"{BASE}{topic.pk}/")
    assert f'newer/?after={first.pk}"' in page and 'every 12s" data-poll-unless-following' in page
    url = f"{BASE}{topic.pk}/newer/?after={first.pk}"
    assert client.get(url, headers=HTMX).status_code == 204
    answer = reply(first, cast.other_learner, body="zzhello from the poller")
    partial = html(client, url, headers=HTMX)
    assert "zzhello from the poller" in partial and "<html" not in partial
    assert 'id="poller" hidden hx-swap-oob="true"' in partial
    assert f"newer/?after={answer.pk}" in partial
    assert "Replying to Learner" in partial
    assert "1 new reply below." in partial
    assert TopicRead.objects.get(user=cast.learner).last_read_post_id == answer.pk


def test_the_newer_link_works_without_htmx(cast, client_for):
    topic = start(cast.course, cast.learner)
    reply(opening(topic), cast.other_learner, body="zzplain page")
    page = html(client_for("learner"), f"{BASE}{topic.pk}/newer/?after={opening(topic).pk}")
    assert "<html" in page and "zzplain page" in page and "Check again" in page


# --- threads -------------------------------------------------------------------------------


def test_replies_nest_three_levels_then_say_whom_they_answer(cast, client_for):
    post = opening(start(cast.course, cast.learner))
    chain = []
    people = [cast.other_learner, cast.ta, cast.learner, cast.instructor, cast.other_learner]
    for person in people:
        post = reply(post, person, body=f"level {len(chain) + 1}")
        chain.append(post)
    page = html(client_for("learner"), f"{BASE}{post.topic_id}/")
    levels = {
        int(pk): int(level)
        for level, pk in re.findall(r"post--depth-(\d)[^\"]*\"\s+id=\"post-(\d+)\"", page)
    }
    assert [levels[p.pk] for p in chain] == [1, 2, 3, 3, 3]
    deep = page.split(f'id="post-{chain[3].pk}"', 1)[1]
    assert '<p class="post__replying">Replying to Learner</p>' in deep.split("</article>")[0]
    shallow = page.split(f'id="post-{chain[1].pk}"', 1)[1].split("</article>")[0]
    assert '<p class="post__replying visually-hidden">Replying to Other_Learner</p>' in shallow


def test_replies_are_in_reading_order(cast):
    first = opening(start(cast.course, cast.learner))
    now = timezone.now()
    a = reply(first, cast.ta, body="a", now=now)
    b = reply(first, cast.other_learner, body="b", now=now + timedelta(minutes=1))
    a1 = reply(a, cast.learner, body="a1", now=now + timedelta(minutes=2))
    thread = selectors.thread(topic=first.topic, user=cast.learner, is_staff=False)
    assert [p.pk for p in thread.page.object_list] == [a.pk, a1.pk, b.pk]


def test_long_threads_paginate_and_the_permalink_finds_the_page(cast, client_for):
    first = opening(start(cast.course, cast.ta))
    assert selectors.POSTS_PER_PAGE == 20
    replies = [reply(first, cast.other_learner, body=f"zzr{i}") for i in range(45)]
    client = client_for("learner")
    page_one = html(client, f"{BASE}{first.topic_id}/")
    assert page_one.count('class="post post--depth-1') == 20 and "Page 1 of 3" in page_one
    page_three = html(client, f"{BASE}{first.topic_id}/?page=3")
    assert "zzr44" in page_three and "zzr0<" not in page_three
    assert page_three.count('class="post post--depth-1') == 5
    response = client.get(f"{BASE}posts/{replies[42].pk}/")
    assert response["Location"] == f"{BASE}{first.topic_id}/?page=3#post-{replies[42].pk}"


def test_the_topic_list_paginates_by_twenty(cast, client_for):
    for i in range(23):
        start(cast.course, cast.ta, title=f"zzTopic {i}")
    client = client_for("learner")
    assert html(client, BASE).count('<li class="topic-row') == 20
    assert html(client, BASE + "?page=2").count('<li class="topic-row') == 3


def test_search_finds_topics_by_title_or_words_in_posts(cast, client_for):
    start(cast.course, cast.ta, title="zzMangroves", body="Roots")
    topic = start(cast.course, cast.ta, title="zzSoil", body="Compost")
    reply(opening(topic), cast.learner, body="My worms love coffee grounds")
    client = client_for("other_learner")
    assert "zzSoil" in html(client, BASE + "?q=worms")
    assert "zzMangroves" not in html(client, BASE + "?q=worms")
    assert "No discussions mention" in html(client, BASE + "?q=volcano")


def test_the_reply_form_comes_in_place_with_htmx_and_as_a_page_without(cast, client_for):
    first = opening(start(cast.course, cast.learner))
    client = client_for("other_learner")
    partial = html(client, f"{BASE}posts/{first.pk}/reply/", headers=HTMX)
    assert "<html" not in partial and "Replying to Learner" in partial
    assert f'id="id_reply{first.pk}_body"' in partial and "data-mentions" in partial
    page = html(client, f"{BASE}posts/{first.pk}/reply/")
    assert "<html" in page and "Reply to Learner" in page


def test_many_new_posts_come_a_page_at_a_time_the_next_poll_bringing_the_rest(cast, client_for):
    topic = start(cast.course, cast.learner)
    first = opening(topic)
    posts = [
        reply(first, cast.other_learner, body=f"zznews {n:02d}")
        for n in range(selectors.NEWER_LIMIT + 3)
    ]
    client = client_for("learner")
    partial = html(client, f"{BASE}{topic.pk}/newer/?after={first.pk}", headers=HTMX)
    assert partial.count("zznews ") == selectors.NEWER_LIMIT
    last_shown = posts[selectors.NEWER_LIMIT - 1].pk
    assert f"newer/?after={last_shown}" in partial
    rest = html(client, f"{BASE}{topic.pk}/newer/?after={last_shown}", headers=HTMX)
    assert rest.count("zznews ") == 3
