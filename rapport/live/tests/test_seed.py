"""The demo's live classes: last week's and this week's, closed, each opened with "One word
for your week" (a word cloud whose commonest word is biggest), their answers and the ledger
dated when the class met, no drifting learner there; and nothing added on a second run."""

from dataclasses import dataclass
from datetime import datetime

import pytest

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.courses import ENV_SCI
from rapport.demo.seeders.live import LAST_WEEK, THIS_WEEK, seed_live
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.demo.testing import demo_on_a_saturday
from rapport.live import selectors
from rapport.live.models import Answer, LiveSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


@dataclass
class Demo:
    course: Course
    now: datetime


def build() -> Demo:
    seeded = demo_on_a_saturday()
    return Demo(course=Course.objects.get(slug=ENV_SCI.slug), now=seeded.now)


demo = module_data(build, name="demo")


def test_two_past_live_classes_with_a_word_cloud_for_the_week(demo):
    open_now, past = selectors.sessions_for(course=demo.course)
    assert open_now == []
    assert [s.title for s in past] == [THIS_WEEK.title, LAST_WEEK.title]
    for session in past:
        assert session.closed_at < demo.now
        first = selectors.activities_of(session)[0]
        assert first.prompt == "One word for your week"
        cloud = {w["word"]: w for w in selectors.results(first)["words"]}
        top = max(cloud.values(), key=lambda w: w["count"])
        assert top["size"] == max(w["size"] for w in cloud.values())
        assert len(cloud) > 5
    last_week = next(s for s in past if s.title == LAST_WEEK.title)
    words = selectors.results(selectors.activities_of(last_week)[0])["words"]
    assert max(words, key=lambda w: w["count"])["word"] == "busy"


def test_answers_and_the_ledger_are_dated_when_the_class_met(demo):
    for session in LiveSession.objects.filter(course=demo.course):
        answers = Answer.objects.filter(activity__session=session)
        assert answers.exists()
        assert all(session.opened_at <= a.changed_at <= session.closed_at for a in answers)
    moments = Touchpoint.objects.filter(course=demo.course, kind=TouchpointKind.LIVE_ANSWERED)
    assert moments.exists() and all(m.occurred_at < demo.now for m in moments)
    there = {m.actor.email.split("@")[0] for m in moments.select_related("actor")}
    assert there and not there & set(DRIFTING)


def test_anonymous_activities_keep_no_name_and_upvotes_count(demo):
    session = LiveSession.objects.get(course=demo.course, title=THIS_WEEK.title)
    activities = selectors.activities_of(session)
    rose = next(a for a in activities if a.kind == "open")
    assert rose.anonymous and rose.salt == ""
    assert not Answer.objects.filter(activity=rose, participant__isnull=False).exists()
    votes = [a["votes"] for a in selectors.results(rose)["answers"]]
    assert votes == sorted(votes, reverse=True) and votes[0] == 5


def test_seeding_again_adds_nothing(demo):
    assert seed_live(course=demo.course, users={}, now=demo.now) == 0
    assert LiveSession.objects.filter(course=demo.course).count() == 2
