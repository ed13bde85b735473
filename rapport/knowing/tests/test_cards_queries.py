"""The roster, a card and the celebrate page cost the same number of queries with 10
learners as with 200."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rapport.core.kinds import TouchpointKind
from rapport.core.testing.queries import count_queries, grown
from rapport.knowing import services
from rapport.knowing.selectors import milestones as m
from rapport.knowing.tests.test_cards_helpers import add_learners, give_intro_answers, touch

pytestmark = pytest.mark.django_db

TIMEZONES = ["Africa/Lagos", "Asia/Tokyo", "Europe/Oslo", "America/Chicago"]


def grow(cast, count: int) -> None:
    """``count`` more learners, each with answers, a ledger, news, a birthday this week and
    a staff note — and every branch of the pages in play."""
    now = timezone.now()
    today = timezone.localdate()
    learners = add_learners(cast.course, count)
    for index, learner in enumerate(learners):
        learner.timezone = TIMEZONES[index % len(TIMEZONES)]
        learner.pronouns = "she/her" if index % 2 else ""
        learner.photo_thumb = f"profiles/{index}/thumb-20270101.jpg" if index % 3 else ""
        learner.save()
        give_intro_answers(
            cast.course,
            learner,
            submitted=bool(index % 5),
            goals=f"Goal {index}",
            interests=[f"topic {index % 7}", "birds"],
            channel="Email" if index % 2 else "Text",
            best_times=[[index % 7, 600, 720]],
        )
        touch(
            cast.course,
            kind=TouchpointKind.PERSONAL_MESSAGE,
            actor=cast.ta,
            subject=learner,
            # Some of the first ten already unreached for two weeks: the filtered roster
            # shows (and audits) cards in both measurements.
            at=now - timedelta(days=index * 3 % 20),
        )
        touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=learner, at=now)
        touch(cast.course, kind=TouchpointKind.POST_REPLY, actor=learner, subject=cast.learner)
        touch(cast.course, kind=TouchpointKind.CHECKIN_WATCHED, actor=cast.learner, subject=cast.ta)
        services.birthday_share(user=learner, month=today.month, day=today.day)
        services.personal_milestone_share(
            course=cast.course, user=learner, text=f"News {index}", happened_on=today
        )
        # Notes and celebrations about cast.learner, whose card is measured.
        services.staff_note_add(
            course=cast.course,
            author=cast.instructor if index % 2 else cast.ta,
            learner=cast.learner,
            body=f"Note {index}",
        )
        if index % 4 == 0:
            services.milestone_celebrate(
                course=cast.course,
                author=cast.ta,
                learner=learner,
                occasion=m.FIRST_POST,
                body="Yay",
            )
    services.module_mark_finished(course=cast.course, marked_by=cast.ta, title=f"Module {count}")


PAGES = [
    ("instructor", lambda cast: "/c/env-sci/learners/"),
    ("ta", lambda cast: "/c/env-sci/learners/?q=goal&interest=birds&no_contact=on"),
    ("instructor", lambda cast: f"/c/env-sci/learners/{cast.learner.pk}/"),
    ("ta", lambda cast: "/c/env-sci/celebrate/"),
    ("ta", lambda cast: "/c/env-sci/celebrate/?part=shared&page=2"),
    ("instructor", lambda cast: "/c/env-sci/learners/?interest=birds&page=2"),
    ("instructor", lambda cast: f"/c/env-sci/celebrate/{cast.learner.pk}/"),
    ("learner", lambda cast: "/c/env-sci/milestones/"),
]


def test_query_count_does_not_grow_with_the_course(cast):
    """Every page above, measured at 10 learners and again once the course has 200 (the
    course grows once for all of them)."""
    cast.course.starts_on = timezone.localdate() - timedelta(days=30)
    cast.course.ends_on = timezone.localdate() + timedelta(days=28)
    cast.course.save()
    clients = {}
    for role in {role for role, _ in PAGES}:
        clients[role] = Client()
        clients[role].force_login(cast.by_role(role))
    grow(cast, 10)
    with_ten = [count_queries(clients[role], url(cast)) for role, url in PAGES]
    grow(cast, 190)
    with_two_hundred = [count_queries(clients[role], url(cast)) for role, url in PAGES]
    labels = [f"{url(cast)} as {role}" for role, url in PAGES]
    assert len(with_two_hundred) == 8 and not grown(labels, with_ten, with_two_hundred)
