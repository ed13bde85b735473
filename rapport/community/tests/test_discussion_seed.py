"""The demo's discussions: six weeks of a real-sounding class, three learners no classmate
answers, exactly two learner posts waiting more than a day — quick, and idempotent."""

from datetime import timedelta

import pytest
from django.db.models import Count, Q

from rapport.community.discussions import queues
from rapport.community.models.discussions import Post, PostMention, PostRevision, Topic
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Role
from rapport.demo.seeders.discussions import seed_discussions
from rapport.demo.testing import one_feature_seeded

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]

ISOLATED = ["dmitri@rapport.test", "liam@rapport.test", "wei@rapport.test"]


def build():
    return one_feature_seeded(seed_discussions)


seeded = module_data(build, name="seeded")


def test_six_weeks_of_topics_and_replies(seeded):
    course, _, now, added = seeded
    topics = Topic.objects.filter(course=course)
    assert topics.count() == 10 and added > 200
    oldest = Post.objects.filter(course=course).earliest("created_at").created_at
    assert now - oldest > timedelta(weeks=5)
    intros = topics.get(title__startswith="Introductions")
    learners = course.memberships.filter(role=Role.LEARNER).values_list("user_id", flat=True)
    assert set(learners) <= set(intros.posts.values_list("author_id", flat=True))
    assert intros.is_pinned and topics.get(title="Tech check before we start").is_locked
    _second_run_adds_nothing(seeded)


def _second_run_adds_nothing(seeded):
    course, users, now, _ = seeded
    before = (Post.objects.count(), Touchpoint.objects.count(), Notification.objects.count())
    assert seed_discussions(course=course, users=users, now=now) == 0
    assert (
        Post.objects.count(),
        Touchpoint.objects.count(),
        Notification.objects.count(),
    ) == before


def test_the_story_isolated_learners_two_waiting_and_a_class_that_names_each_other(seeded):
    _three_learners_post_but_no_classmate_ever_answers_them(seeded)
    _exactly_two_learner_posts_have_waited_more_than_a_day(seeded)
    _the_class_mentions_each_other_and_staff_use_names(seeded)


def _three_learners_post_but_no_classmate_ever_answers_them(seeded):
    course, users, *_ = seeded
    staff = set(
        course.memberships.filter(role__in=[Role.INSTRUCTOR, Role.TA]).values_list(
            "user_id", flat=True
        )
    )
    for email in ISOLATED:
        person = users[email]
        assert Post.objects.filter(author=person).count() >= 2
        answers = Post.objects.filter(parent__author=person).exclude(author=person)
        assert set(answers.values_list("author_id", flat=True)) <= staff
        reached = Touchpoint.objects.filter(course=course, subject=person).exclude(
            actor__in=staff | {person.pk}
        )
        assert not reached.filter(
            kind__in=[
                TouchpointKind.POST_REPLY,
                TouchpointKind.MENTION,
                TouchpointKind.POST_REACTION,
            ]
        ).exists(), email


def _exactly_two_learner_posts_have_waited_more_than_a_day(seeded):
    course, users, now, *_ = seeded
    waiting = queues.waiting(course=course, now=now).page.object_list
    assert [post.author.email for post in waiting] == ["liam@rapport.test", "rahul@rapport.test"]
    figures = queues.reply_figures(course=course, now=now)
    assert figures.four_weeks.answered > 50 and figures.within_a_day_share > 0.8


def _the_class_mentions_each_other_and_staff_use_names(seeded):
    course, *_ = seeded
    assert PostMention.objects.filter(post__course=course).count() > 60
    staff_posts = Post.objects.filter(
        course=course, author__memberships__role__in=[Role.INSTRUCTOR, Role.TA]
    )
    named = staff_posts.filter(Q(body__contains="@[")).count()
    assert named / staff_posts.count() > 0.8
    peers = Touchpoint.objects.filter(course=course, kind=TouchpointKind.POST_REPLY).exclude(
        actor__memberships__role__in=[Role.INSTRUCTOR, Role.TA]
    )
    assert peers.values("actor").annotate(n=Count("pk")).count() > 12


def test_sam_has_a_few_topics_with_new_replies_and_an_edited_post_to_see(seeded, module_outbox):
    course, users, *_ = seeded
    from rapport.community.discussions import selectors

    page = selectors.topic_page(course=course, user=users["learner@rapport.test"], is_staff=False)
    assert 2 <= sum(1 for topic in page.object_list if topic.new_count or topic.unread) <= 6
    assert PostRevision.objects.filter(post__course=course).count() == 1
    assert not Notification.objects.filter(
        url__contains="/discussions/", recipient__preferred_channel="email", emailed_at=None
    ).exists()
    assert not [m for m in module_outbox if "/discussions/" in m.body]  # no stale demo email
