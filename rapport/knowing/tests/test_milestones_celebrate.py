"""Celebrate this week: each occasion gets a prefilled personal note; sending it goes through
presence, records MILESTONE_CELEBRATED, tells the learner, and takes it off the list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.knowing import services
from rapport.knowing.models.milestones import Celebration, ModuleMarker, ModuleMilestone
from rapport.knowing.selectors import milestones as m
from rapport.knowing.tests.test_cards_helpers import HX, touch
from rapport.presence.models import Message, MessageKind, Tone

pytestmark = pytest.mark.django_db

CELEBRATE = "/c/env-sci/celebrate/"


def send_url(cast, learner=None) -> str:
    return f"{CELEBRATE}{(learner or cast.learner).pk}/"


@pytest.fixture
def first_post(cast):
    touch(
        cast.course,
        kind=TouchpointKind.TOPIC_STARTED,
        actor=cast.learner,
        at=timezone.now() - timedelta(days=1),
    )


@pytest.fixture
def new_job(cast):
    return services.personal_milestone_share(
        course=cast.course,
        user=cast.learner,
        text="Started a new job at the clinic",
        happened_on=timezone.localdate(),
    )


def test_the_page_lists_what_learners_shared_and_reached(cast, client_for, first_post, new_job):
    page = client_for("ta").get(CELEBRATE).content.decode()
    assert "News they shared" in page and "Started a new job at the clinic" in page
    assert "Milestones reached" in page and "Posted in the discussions for the first time" in page
    assert "I loved seeing your first post" in page  # the note, prefilled
    assert "I saw your news — “Started a new job at the clinic”" in page


def test_celebrating_sends_a_note_records_the_moment_and_tells_the_learner(
    cast, client_for, first_post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("ta").post(
            send_url(cast),
            {"occasion": m.FIRST_POST, "body": "So glad you posted!", "next": CELEBRATE},
        )
    assert response.status_code == 302 and response["Location"] == CELEBRATE
    note = Message.objects.get(kind=MessageKind.NOTE)
    assert (note.author, note.recipient, note.tone, note.body) == (
        cast.ta,
        cast.learner,
        Tone.CONGRATULATIONS,
        "So glad you posted!",
    )
    celebrated = Touchpoint.objects.get(kind=TouchpointKind.MILESTONE_CELEBRATED)
    celebration = Celebration.objects.get()
    assert (celebrated.actor, celebrated.subject, celebrated.target) == (
        cast.ta,
        cast.learner,
        celebration,
    )
    told = Notification.objects.get(kind=NotificationKind.MILESTONE_CELEBRATED)
    assert told.recipient == cast.learner
    assert told.title == "Ta is celebrating your first post with you"
    assert told.url == note.get_absolute_url()
    # It leaves the list, for the whole team.
    assert (
        "Posted in the discussions" not in client_for("instructor").get(CELEBRATE).content.decode()
    )


def test_htmx_swaps_the_occasion_for_a_thank_you(cast, client_for, new_job):
    key = f"personal:{new_job.pk}"
    response = client_for("instructor").post(
        send_url(cast), {"occasion": key, "body": "Congratulations!"}, headers=HX
    )
    page = response.content.decode()
    assert 'class="occasion occasion--sent"' in page
    assert "Your note is on its way to Learner" in page
    assert "<html" not in page
    assert Celebration.objects.get().occasion == key


def test_a_celebrated_occasion_cannot_be_celebrated_twice(cast, client_for, first_post):
    client_for("ta").post(send_url(cast), {"occasion": m.FIRST_POST, "body": "Yay"})
    response = client_for("instructor").post(
        send_url(cast), {"occasion": m.FIRST_POST, "body": "Yay"}
    )
    assert response.status_code == 200
    assert "Ta already celebrated this with Learner." in response.content.decode()
    assert Message.objects.count() == 1 and Celebration.objects.count() == 1


def test_an_empty_note_is_refused_and_nothing_is_sent(cast, client_for, first_post):
    response = client_for("ta").post(send_url(cast), {"occasion": m.FIRST_POST, "body": "  "})
    assert response.status_code == 200
    assert "Write a few words to go with your congratulations." in response.content.decode()
    assert not Message.objects.exists()
    assert not Celebration.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.MILESTONE_CELEBRATED).exists()
    assert not Notification.objects.exists()


def test_htmx_errors_stay_in_place(cast, client_for, first_post):
    response = client_for("ta").post(
        send_url(cast), {"occasion": m.FIRST_POST, "body": ""}, headers=HX
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<li class="occasion"')
    assert "Write a few words" in page


@pytest.mark.parametrize("occasion", ["", "first_post", "personal:999", "birthday:1999"])
def test_an_occasion_the_learner_does_not_have_is_refused(cast, client_for, occasion):
    response = client_for("ta").post(send_url(cast), {"occasion": occasion, "body": "Hi"})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert not Message.objects.exists()


def test_someone_elses_personal_milestone_cannot_be_celebrated_for_this_learner(cast, client_for):
    theirs = services.personal_milestone_share(
        course=cast.course,
        user=cast.other_learner,
        text="New puppy",
        happened_on=timezone.localdate(),
    )
    response = client_for("ta").post(
        send_url(cast), {"occasion": f"personal:{theirs.pk}", "body": "Hi"}
    )
    assert response.status_code == 200
    assert not Message.objects.exists()


def test_something_else_can_be_celebrated_any_time(cast, client_for):
    response = client_for("instructor").post(
        send_url(cast), {"occasion": m.OTHER, "body": "Your essay was brilliant."}
    )
    assert response.status_code == 302
    assert Celebration.objects.get().occasion == ""
    told = Notification.objects.get(kind=NotificationKind.MILESTONE_CELEBRATED)
    assert told.title == "Instructor sent you a congratulations note"
    # And again: "something else" is never used up.
    client_for("instructor").post(send_url(cast), {"occasion": m.OTHER, "body": "And again!"})
    assert Celebration.objects.count() == 2


def test_the_learners_celebrate_page_lists_waiting_and_celebrated(
    cast, client_for, first_post, new_job
):
    client_for("ta").post(send_url(cast), {"occasion": m.FIRST_POST, "body": "Yay"})
    page = client_for("instructor").get(send_url(cast)).content.decode()
    waiting, celebrated = page.split("Already celebrated")
    assert "Started a new job at the clinic" in waiting
    assert "Posted in the discussions for the first time" in celebrated
    assert "by Ta" in celebrated


def test_only_learners_of_this_course_can_be_celebrated(cast, client_for):
    assert client_for("instructor").get(send_url(cast, cast.ta)).status_code == 404
    with pytest.raises(Refused):
        services.milestone_celebrate(
            course=cast.course,
            author=cast.other_learner,
            learner=cast.learner,
            occasion=m.OTHER,
            body="Hi",
        )


def test_marking_a_module_finished_puts_the_class_on_the_page(cast, client_for):
    response = client_for("ta").post(f"{CELEBRATE}modules/", {"title": "Week 4: wetlands"})
    assert response.status_code == 302
    marker = ModuleMarker.objects.get()
    assert set(ModuleMilestone.objects.values_list("learner_id", flat=True)) == {
        cast.learner.pk,
        cast.other_learner.pk,
    }
    page = client_for("instructor").get(CELEBRATE).content.decode()
    assert "The class: Finished “Week 4: wetlands”" in page
    assert "2 learners still to celebrate" in page
    client_for("ta").post(send_url(cast), {"occasion": f"module:{marker.pk}", "body": "Well done!"})
    page = client_for("instructor").get(CELEBRATE).content.decode()
    assert "1 learner still to celebrate" in page


@pytest.mark.parametrize(
    "title,message",
    [("", "Name the module"), ("x" * 121, "Ensure this value has at most 120 characters")],
)
def test_a_module_needs_a_name(cast, client_for, title, message):
    response = client_for("ta").post(f"{CELEBRATE}modules/", {"title": title})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ModuleMarker.objects.exists()


def test_a_module_is_marked_finished_once(cast, client_for):
    client_for("ta").post(f"{CELEBRATE}modules/", {"title": "Week 4"})
    response = client_for("instructor").post(f"{CELEBRATE}modules/", {"title": "week 4"})
    assert "was already marked finished" in response.content.decode()
    assert ModuleMarker.objects.count() == 1


def test_nothing_this_week_says_so(cast, client_for):
    page = client_for("ta").get(CELEBRATE).content.decode()
    assert "Nothing waiting to be celebrated this week." in page


def test_old_news_is_not_on_this_weeks_page(cast, client_for):
    services.personal_milestone_share(
        course=cast.course,
        user=cast.learner,
        text="Old news",
        happened_on=timezone.localdate() - timedelta(days=9),
        now=timezone.now() - timedelta(days=8),
    )
    assert "Old news" not in client_for("ta").get(CELEBRATE).content.decode()
    # ...but it is still waiting on the learner's own celebrate page.
    assert "Old news" in client_for("ta").get(send_url(cast)).content.decode()


def test_no_shout_out_link_without_a_shout_out_page(cast, client_for, first_post):
    from rapport.knowing.views.cards import optional_url

    page = client_for("ta").get(CELEBRATE).content.decode()
    has_page = bool(optional_url("community:shoutout_new", course_slug="env-sci"))
    assert ("Give a shout-out instead" in page) == has_page
