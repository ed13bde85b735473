"""The teaching team's care: a hidden post disappears everywhere for learners but stays,
marked, for staff; reports reach a queue and are resolved; topics are pinned."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.community.discussions import moderation, queues, selectors
from rapport.community.discussions.testing import opening, photo_upload, reply, start
from rapport.community.models.discussions import PostReport, ReportOutcome
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"
LONG_AGO = timedelta(days=3)


@pytest.fixture
def unkind(cast):
    """A topic by the learner, and an unkind reply by the other learner mentioning the TA
    — posted days ago and answered by no one, so it is also in the waiting queue."""
    then = timezone.now() - LONG_AGO
    topic = start(cast.course, cast.learner, title="Field trip", body="Photos please", now=then)
    bad = reply(
        opening(topic),
        cast.other_learner,
        body=f"zzunkind words @[Ta](user:{cast.ta.pk})",
        image_upload=photo_upload(),
        now=then + timedelta(minutes=5),
    )
    reply(opening(topic), cast.instructor, body="Love this", now=then + timedelta(minutes=6))
    return topic, bad


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_hidden_post_disappears_everywhere_for_learners(cast, client_for, unkind):
    topic, bad = unkind
    assert bad in queues.waiting(course=cast.course).page.object_list
    moderation.post_hide(post=bad, staff=cast.ta, hidden=True)
    for role in ("learner", "other_learner"):  # the reader and the author alike
        client = client_for(role)
        thread = page(client, f"{BASE}{topic.pk}/")
        assert "zzunkind" not in thread and f'id="post-{bad.pk}"' not in thread
        assert "1 reply" in thread
        listing = selectors.topic_page(course=cast.course, user=cast.by_role(role), is_staff=False)
        assert listing.object_list[0].reply_count == 1
        assert "Field trip" not in page(client, BASE + "?q=zzunkind")
        assert "zzunkind" not in page(client, f"{BASE}{topic.pk}/newer/?after=0")
        for url in ("", "image/", "reply/", "report/"):
            assert client.get(f"{BASE}posts/{bad.pk}/{url}").status_code == 404
        assert client.post(f"{BASE}posts/{bad.pk}/react/", {"emoji": "👍"}).status_code == 404
    assert bad not in queues.waiting(course=cast.course).page.object_list


def test_a_hidden_post_counts_as_new_for_no_learner(cast, unkind):
    topic, bad = unkind
    moderation.post_hide(post=bad, staff=cast.ta, hidden=True)
    listing = selectors.topic_page(course=cast.course, user=cast.learner, is_staff=False)
    assert listing.object_list[0].new_count == 1  # only the instructor's reply


def test_staff_still_see_a_hidden_post_marked_hidden(cast, client_for, unkind):
    topic, bad = unkind
    moderation.post_hide(post=bad, staff=cast.ta, hidden=True)
    thread = page(client_for("instructor"), f"{BASE}{topic.pk}/")
    assert "zzunkind" in thread and "Hidden from learners" in thread
    assert "Show again" in thread
    listing = page(client_for("instructor"), BASE)
    assert "1 hidden" in listing and "2 replies" in listing


def test_the_mention_notification_stays_but_its_link_is_gone_for_learners(cast, client_for, unkind):
    _, bad = unkind
    note = Notification.objects.get(kind=NotificationKind.MENTIONED, recipient=cast.ta)
    moderation.post_hide(post=bad, staff=cast.instructor, hidden=True)
    assert Notification.objects.filter(pk=note.pk).exists()
    assert client_for("ta").get(note.url).status_code == 302
    assert client_for("learner").get(note.url).status_code == 404


def test_replies_under_a_hidden_post_stay_under_the_post_above_it(cast, client_for, unkind):
    topic, bad = unkind
    kind = reply(bad, cast.learner, body="zzkindly answer")
    moderation.post_hide(post=bad, staff=cast.ta, hidden=True)
    thread = page(client_for("other_learner"), f"{BASE}{topic.pk}/")
    assert "zzkindly answer" in thread
    assert 'class="post post--depth-1' in thread.split(f'id="post-{kind.pk}"')[0][-300:]


def test_hiding_an_opening_post_hides_the_whole_topic(cast, client_for, unkind):
    topic, _ = unkind
    moderation.post_hide(post=opening(topic), staff=cast.ta, hidden=True)
    client = client_for("learner")
    assert "Field trip" not in page(client, BASE)
    assert client.get(f"{BASE}{topic.pk}/").status_code == 404
    assert queues.waiting(course=cast.course).page.paginator.count == 0
    assert "Field trip" in page(client_for("ta"), BASE)
    moderation.post_hide(post=opening(topic), staff=cast.ta, hidden=False)
    assert client.get(f"{BASE}{topic.pk}/").status_code == 200


def test_staff_hide_and_show_a_post_from_the_thread(cast, client_for, unkind):
    _, bad = unkind
    client = client_for("ta")
    client.post(f"{BASE}posts/{bad.pk}/hide/", {"hidden": "1"})
    bad.refresh_from_db()
    assert bad.is_hidden and bad.hidden_by == cast.ta
    client.post(f"{BASE}posts/{bad.pk}/hide/", {"hidden": "0"})
    bad.refresh_from_db()
    assert not bad.is_hidden


def test_learners_cannot_hide_posts(cast, unkind):
    _, bad = unkind
    with pytest.raises(Refused, match="teaching team"):
        moderation.post_hide(post=bad, staff=cast.learner, hidden=True)


# --- reports ----------------------------------------------------------------------------


def test_a_report_reaches_the_staff_queue_and_is_resolved(cast, client_for, unkind):
    _, bad = unkind
    response = client_for("learner").post(
        f"{BASE}posts/{bad.pk}/report/", {"reason": "This is unkind to my friend"}
    )
    assert response.status_code == 302
    told = Notification.objects.filter(kind=NotificationKind.POST_REPORTED)
    assert set(told.values_list("recipient_id", flat=True)) == {cast.ta.pk, cast.instructor.pk}
    assert told.first().url == f"{BASE}reports/"
    queue = page(client_for("ta"), f"{BASE}reports/")
    assert "This is unkind to my friend" in queue and "zzunkind" in queue

    client_for("ta").post(f"{BASE}posts/{bad.pk}/resolve/", {"hide": "0"})
    report = PostReport.objects.get()
    assert (report.outcome, report.resolved_by) == (ReportOutcome.KEPT, cast.ta)
    assert (
        "This is unkind to my friend"
        not in page(client_for("ta"), f"{BASE}reports/").split("Dealt with recently")[0]
    )
    bad.refresh_from_db()
    assert not bad.is_hidden


def test_resolving_a_report_by_hiding_hides_the_post(cast, client_for, unkind):
    _, bad = unkind
    moderation.post_report(post=bad, reporter=cast.learner, reason="Mean")
    moderation.post_report(post=bad, reporter=cast.ta, reason="Agreed")
    client_for("instructor").post(f"{BASE}posts/{bad.pk}/resolve/", {"hide": "1"})
    bad.refresh_from_db()
    assert bad.is_hidden
    assert set(PostReport.objects.values_list("outcome", flat=True)) == {ReportOutcome.HIDDEN}


def test_a_report_needs_a_reason_and_comes_once_per_person(cast, client_for, unkind):
    _, bad = unkind
    response = client_for("learner").post(f"{BASE}posts/{bad.pk}/report/", {"reason": " "})
    assert "Tell the teaching team what&#x27;s wrong" in response.content.decode()
    moderation.post_report(post=bad, reporter=cast.learner, reason="Mean")
    with pytest.raises(Refused, match="already reported"):
        moderation.post_report(post=bad, reporter=cast.learner, reason="Still mean")
    with pytest.raises(Refused, match="your own post"):
        moderation.post_report(post=bad, reporter=cast.other_learner, reason="Oops")
    assert PostReport.objects.count() == 1


# --- pinning -------------------------------------------------------------------------------


def test_a_pinned_topic_comes_first(cast, client_for):
    older = start(cast.course, cast.ta, title="zzRules of the road")
    start(cast.course, cast.learner, title="zzNewer chat")
    client_for("instructor").post(f"{BASE}{older.pk}/pin/", {"pinned": "1"})
    listing = page(client_for("learner"), BASE)
    assert listing.index("zzRules of the road") < listing.index("zzNewer chat")
    assert "Pinned" in listing
