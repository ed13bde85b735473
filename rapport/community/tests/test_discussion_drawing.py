"""A post is drawn once, when it is written: its Markdown is not rendered again on every
view, only its mentions are drawn then (names and memberships change). Photos are
processed before the reply's write transaction begins."""

import importlib
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from rapport.community.discussions import mentions, services
from rapport.community.discussions.testing import opening, photo_upload, reply, start
from rapport.community.models.discussions import Post
from rapport.courses.models import Membership, MembershipStatus

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"


def token(user, label) -> str:
    return f"@[{label}](user:{user.pk})"


def page(client, topic) -> str:
    return client.get(f"{BASE}{topic.pk}/").content.decode()


def test_viewing_a_topic_renders_no_markdown(cast, client_for):
    topic = start(cast.course, cast.learner, body="Hello **class**")
    for n in range(3):
        reply(opening(topic), cast.other_learner, body=f"Reply _{n}_ to {token(cast.ta, 'T')}")
    client = client_for("instructor")
    with mock.patch.object(mentions, "render_markdown", side_effect=AssertionError) as render:
        html = page(client, topic)
    assert render.call_count == 0
    assert "Hello <strong>class</strong>" in html
    assert "Reply <em>2</em> to" in html
    assert f'<span class="mention" data-user-id="{cast.ta.pk}">@Ta</span>' in html


def test_mentions_are_drawn_as_people_are_now(cast, client_for):
    topic = start(cast.course, cast.learner, body=f"Thanks {token(cast.ta, 'Typed label')}!")
    client = client_for("other_learner")
    cast.ta.preferred_name = "Teodora"
    cast.ta.save()
    assert f'data-user-id="{cast.ta.pk}">@Teodora</span>' in page(client, topic)
    Membership.objects.filter(user=cast.ta, course=cast.course).update(
        status=MembershipStatus.REMOVED, status_changed_at=timezone.now()
    )
    html = page(client, topic)
    assert "Thanks @Typed label!" in html
    assert 'class="mention"' not in html


def test_an_edit_draws_the_post_again(cast, client_for):
    post = opening(start(cast.course, cast.learner, body="First *try*"))
    key = post.body_html_key
    services.post_edit(post=post, editor=cast.learner, body=f"Second **go** {token(cast.ta, 'T')}")
    post.refresh_from_db()
    assert post.body_html_key and post.body_html_key != key
    assert "<strong>go</strong>" in post.body_html
    html = page(client_for("learner"), post.topic)
    assert "Second <strong>go</strong>" in html and "First" not in html.split("<main", 1)[1]


def test_text_shaped_like_a_placeholder_stays_text(cast, client_for):
    post = opening(start(cast.course, cast.learner, body=f"Hi {token(cast.ta, 'T')}"))
    forged = f"\ue000{post.body_html_key}-0\ue001 &#xE000;{post.body_html_key}-0&#xE001;"
    services.post_edit(post=post, editor=cast.learner, body=forged)
    html = page(client_for("instructor"), post.topic)
    assert 'class="mention"' not in html


def test_a_post_written_before_drawings_were_kept_is_drawn_on_view_and_by_the_migration(
    cast, client_for
):
    post = opening(start(cast.course, cast.learner, body=f"Old *one* {token(cast.ta, 'T')}"))
    Post.objects.filter(pk=post.pk).update(body_html="", body_html_key="")
    html = page(client_for("learner"), post.topic)
    assert "Old <em>one</em>" in html and f'data-user-id="{cast.ta.pk}"' in html
    migration = importlib.import_module(
        "rapport.community.migrations.0003_posts_keep_their_drawing"
    )
    migration.draw_existing_posts(apps, None)
    post.refresh_from_db()
    assert post.body_html_key and "<em>one</em>" in post.body_html


def test_a_reply_photo_is_processed_before_the_write_transaction(cast):
    first = opening(start(cast.course, cast.learner))
    outside = list(connection.savepoint_ids)
    seen = []
    real = services.process_post_image

    def spy(upload):
        seen.append(list(connection.savepoint_ids))
        return real(upload)

    with mock.patch.object(services, "process_post_image", side_effect=spy):
        reply(first, cast.other_learner, body="Look", image_upload=photo_upload())
        services.topic_start(
            course=cast.course,
            author=cast.learner,
            title="Photos",
            body="",
            image_upload=photo_upload(),
        )
    assert seen == [outside, outside]


def test_a_refused_reply_leaves_no_photo_file_behind(cast, settings):
    first = opening(start(cast.course, cast.learner))
    topic = first.topic
    topic.locked_at = timezone.now()
    topic.save()
    media = Path(settings.MEDIA_ROOT)
    before = {p for p in media.rglob("*") if p.is_file()} if media.exists() else set()
    with pytest.raises(services.Refused):
        reply(first, cast.other_learner, body="Late", image_upload=photo_upload())
    after = {p for p in media.rglob("*") if p.is_file()} if media.exists() else set()
    assert after == before
    assert Post.objects.count() == 1


def test_every_link_under_a_post_names_that_post_wherever_it_is_drawn(cast, client_for):
    topic = start(cast.course, cast.learner, body="Opening")
    first = reply(opening(topic), cast.other_learner, body="First reply")
    second = reply(first, cast.learner, body="Second reply", image_upload=photo_upload())
    client = client_for("instructor")
    pages = {
        "topic": f"{BASE}{topic.pk}/",
        "reply page": f"{BASE}posts/{first.pk}/reply/",
        "newer": f"{BASE}{topic.pk}/newer/?after=0",
    }
    for where, url in pages.items():
        html = client.get(url).content.decode()
        assert 'href=""' not in html and 'action=""' not in html, where
        for post in (first, second) if where != "reply page" else (first,):
            for link in ("reply/", "report/", "hide/", "react/"):
                assert f"{BASE}posts/{post.pk}/{link}" in html, (where, post.pk, link)
    html = client.get(pages["topic"]).content.decode()
    assert f'src="{BASE}posts/{second.pk}/image/"' in html
