"""The staff's view of who is waiting: learners' posts nobody has answered, oldest first,
and how quickly the class answers learners — on data whose answers are known."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.community.discussions import moderation, queues
from rapport.community.discussions.testing import opening, reply, start
from rapport.community.models.settings import community_settings_for

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
H = timedelta(hours=1)
D = timedelta(days=1)


def ago(delta):
    return NOW - delta


@pytest.fixture
def history(cast):
    """Learners' posts with known first replies (see each line)."""
    c, learner, other = cast.course, cast.learner, cast.other_learner
    posts = {}
    posts["A"] = opening(start(c, learner, title="A", now=ago(2 * D)))
    reply(posts["A"], cast.ta, now=ago(2 * D) + 2 * H)  # answered in 2 h
    posts["B"] = opening(start(c, learner, title="B", now=ago(3 * D)))
    # answered in 30 h, by a classmate whose reply nobody answers
    posts["B'"] = reply(posts["B"], other, now=ago(3 * D) + 30 * H)
    posts["C"] = opening(start(c, learner, title="C", now=ago(10 * D)))
    reply(posts["C"], cast.instructor, now=ago(10 * D) + H)  # answered in 1 h
    posts["D"] = opening(start(c, learner, title="D", now=ago(12 * H)))  # too new to wait
    posts["E"] = opening(start(c, other, title="E", now=ago(20 * D)))  # never answered
    posts["F"] = opening(start(c, learner, title="F", now=ago(40 * D)))  # before the 4 weeks
    reply(posts["F"], cast.ta, now=ago(40 * D) + 5 * H)
    posts["staff"] = opening(start(c, cast.ta, title="Staff", now=ago(5 * D)))  # not a learner
    return posts


def waiting_titles(course, **kwargs) -> list:
    page = queues.waiting(course=course, now=NOW, **kwargs).page
    return [(post.topic.title, post.is_opening) for post in page.object_list]


def test_waiting_lists_unanswered_learner_posts_past_the_threshold_oldest_first(cast, history):
    assert waiting_titles(cast.course) == [("E", True), ("B", False)]


def test_the_threshold_comes_from_the_course_settings(cast, history):
    settings = community_settings_for(cast.course)
    settings.waiting_reply_hours = 48
    settings.save()
    assert waiting_titles(cast.course) == [("E", True)]
    settings.waiting_reply_hours = 6
    settings.save()
    assert waiting_titles(cast.course) == [("E", True), ("B", False), ("D", True)]


def test_answering_yourself_or_a_hidden_answer_does_not_count(cast, history):
    ta_answer = history["A"].children.get()
    moderation.post_hide(post=ta_answer, staff=cast.instructor, hidden=True)
    reply(history["E"], cast.other_learner, body="Anyone?", now=ago(19 * D))
    titles = waiting_titles(cast.course)
    assert ("A", True) in titles and ("E", True) in titles


def test_a_locked_topic_or_a_departed_learner_is_not_waiting(cast, history):
    moderation.topic_lock(topic=history["E"].topic, staff=cast.ta, locked=True)
    cast.course.memberships.filter(user=cast.other_learner).update(status="left")
    assert waiting_titles(cast.course) == []


def test_the_waiting_page_shows_names_and_the_reply_figures(cast, client_for, history):
    html = client_for("ta").get("/c/env-sci/discussions/waiting/").content.decode()
    assert html.index("Other_Learner") < html.index("Reply to Other_Learner")
    assert "2 waiting" in html
    assert "Answered within 24 hours" in html


def test_reply_figures_on_known_data(cast, history):
    figures = queues.reply_figures(course=cast.course, now=NOW)
    # last 7 days: A (2 h), B (30 h), B' and D unanswered
    assert figures.week == queues.ReplyTimes(posts=4, answered=2, median=16 * H)
    # last 4 weeks: also C (1 h) and E (unanswered); F is older
    assert figures.four_weeks == queues.ReplyTimes(posts=6, answered=3, median=2 * H)
    # at least a day old: A, B, B', C, E — answered within a day: A and C
    assert (figures.judged, figures.within_a_day) == (5, 2)
    assert figures.within_a_day_percent == "40%"
    assert figures.week.median_text == "16 h"


def test_reply_figures_with_no_posts_say_so(cast):
    figures = queues.reply_figures(course=cast.course, now=NOW)
    assert figures.week.median is None and figures.week.median_text == "—"
    assert figures.within_a_day_percent == "—"


@pytest.mark.parametrize(
    "delta,text",
    [
        (timedelta(minutes=45), "45 min"),
        (3 * H + timedelta(minutes=20), "3 h 20 min"),
        (2 * D + 4 * H, "2 days 4 h"),
        (D, "1 day"),
    ],
)
def test_durations_read_at_a_glance(delta, text):
    assert queues.duration_text(delta) == text
