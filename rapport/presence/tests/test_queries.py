"""Presence's lists cost the same number of queries with 5 learners and messages as with
50."""

import pytest
from django.test import Client

from rapport.core.testing.queries import count_queries, grown
from rapport.media.models import Caption, MediaKind
from rapport.presence import services
from rapport.presence.models import Message, Tone
from rapport.presence.selectors import learners
from rapport.presence.tests.helpers import add_learners, make_media

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/messages/"


def grow(cast, count: int) -> None:
    """``count`` more learners, check-ins (every other one a video with captions), notes and
    feedback for ``cast.learner``, and views, reactions and replies from the newcomers."""
    learners = add_learners(cast.course, count)
    for index in range(count):
        author = cast.instructor if index % 3 else cast.ta
        media = None
        if index % 2:
            kind = MediaKind.VIDEO if index % 4 == 1 else MediaKind.AUDIO
            media = make_media(cast.course, author, kind=kind)
            Caption.objects.create(media=media, vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n")
        checkin = services.checkin_post(
            course=cast.course,
            author=author,
            title=f"Week {index}",
            body="Hello **everyone**",
            media_id=media.public_id if media else None,
        )
        learner = learners[index]
        services.message_open(message=checkin, user=learner)
        services.reaction_toggle(message=checkin, user=learner, emoji="🎉")
        services.reply_post(message=checkin, thread_learner=learner, author=learner, body="Hi")
        services.reply_post(message=checkin, thread_learner=learner, author=cast.ta, body="Yo")
        if index % 2:
            services.note_send(
                course=cast.course,
                author=cast.ta,
                recipient=cast.learner,
                tone=Tone.OTHER,
                body="Note",
            )
        else:
            services.feedback_give(
                course=cast.course,
                author=cast.instructor,
                recipient=learner,
                assignment_title="Essay",
                body="Good",
            )


def latest_checkin_url(cast) -> str:
    checkin = Message.objects.filter(kind="checkin").order_by("-pk").first()
    return f"{BASE}{checkin.pk}/"


PAGES = [
    ("learner", lambda cast: BASE),
    ("instructor", lambda cast: BASE),
    ("ta", lambda cast: BASE + "?kind=checkin"),
    ("instructor", latest_checkin_url),
    ("learner", latest_checkin_url),
    ("ta", lambda cast: BASE + "notes/new/"),
    ("ta", lambda cast: BASE + "feedback/new/"),
    ("instructor", lambda cast: BASE + "templates/"),
]


def test_query_count_does_not_grow_with_the_course(cast):
    """Every page above and a learner's thread, measured with 5 learners and messages and
    again with 50 (the course grows once for all of them)."""
    clients = {}
    for role in {role for role, _ in PAGES}:
        clients[role] = Client()
        clients[role].force_login(cast.by_role(role))
    pages = PAGES + [
        ("instructor", lambda cast: latest_checkin_url(cast) + f"with/{cast.learner.pk}/")
    ]
    grow(cast, 5)
    with_five = [count_queries(clients[role], url_for(cast)) for role, url_for in pages]
    grow(cast, 45)
    with_fifty = [count_queries(clients[role], url_for(cast)) for role, url_for in pages]
    labels = [f"{url_for(cast)} as {role}" for role, url_for in pages]
    assert len(with_fifty) == 9 and not grown(labels, with_five, with_fifty)


def test_template_review_does_not_grow_with_the_learners_chosen(cast, client_for, note_template):
    client = client_for("instructor")
    url = BASE + f"templates/{note_template.pk}/send/"

    def review():
        ids = [m.user_id for m in learners(course=cast.course)]
        return count_queries(
            client, url, "post", {"step": "review", "learners": ids, "tone": "other"}
        )

    add_learners(cast.course, 5)
    with_five = review()
    assert count_queries(client, url) == count_queries(client, url)
    add_learners(cast.course, 45)
    assert review() == with_five
