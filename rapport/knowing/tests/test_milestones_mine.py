"""A learner's own milestones page: they share news, edit and remove it, and see only
their own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.knowing import services
from rapport.knowing.models.milestones import MilestoneVisibility, PersonalMilestone
from rapport.knowing.selectors import milestones as m

pytestmark = pytest.mark.django_db

MINE = "/c/env-sci/milestones/"


@pytest.fixture
def ten_k(cast):
    return services.personal_milestone_share(
        course=cast.course,
        user=cast.learner,
        text="Ran my first 10K",
        happened_on=timezone.localdate(),
        visibility=MilestoneVisibility.STAFF,
    )


def test_a_learner_shares_a_milestone(cast, client_for):
    today = timezone.localdate()
    response = client_for("learner").post(
        MINE,
        {"text": " Started a new job ", "happened_on": today.isoformat(), "visibility": "class"},
    )
    assert response.status_code == 302
    saved = PersonalMilestone.objects.get()
    assert (saved.user, saved.course, saved.text, saved.happened_on, saved.visibility) == (
        cast.learner,
        cast.course,
        "Started a new job",
        today,
        MilestoneVisibility.CLASS,
    )
    assert "Started a new job" in client_for("learner").get(MINE).content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"text": "", "visibility": "staff"}, "Tell us what happened"),
        ({"text": "New job", "visibility": "staff"}, "Add the date it happened."),
        ({"text": "New job", "visibility": "everyone"}, "Select a valid choice"),
        ({"text": "x" * 201, "visibility": "staff"}, "at most 200 characters"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(cast, client_for, data, message):
    response = client_for("learner").post(MINE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PersonalMilestone.objects.exists()


def test_a_milestone_in_the_future_is_refused(cast, client_for):
    later = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client_for("learner").post(
        MINE, {"text": "Graduation", "happened_on": later, "visibility": "staff"}
    )
    assert "choose today or an earlier date" in response.content.decode()
    assert not PersonalMilestone.objects.exists()


def test_a_learner_edits_and_removes_their_own(cast, client_for, ten_k):
    client = client_for("learner")
    edit = f"{MINE}{ten_k.pk}/edit/"
    assert "Ran my first 10K" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "text": "Ran my first half marathon",
            "happened_on": ten_k.happened_on,
            "visibility": "class",
        },
    )
    assert response.status_code == 302
    ten_k.refresh_from_db()
    assert (ten_k.text, ten_k.visibility) == ("Ran my first half marathon", "class")
    assert client.post(f"{MINE}{ten_k.pk}/delete/").status_code == 302
    assert not PersonalMilestone.objects.exists()


def test_an_edit_that_empties_the_text_is_refused_and_nothing_changes(cast, client_for, ten_k):
    response = client_for("learner").post(
        f"{MINE}{ten_k.pk}/edit/", {"text": "", "happened_on": "", "visibility": "staff"}
    )
    assert response.status_code == 200
    ten_k.refresh_from_db()
    assert ten_k.text == "Ran my first 10K"


@pytest.mark.parametrize("role", ["other_learner", "ta", "instructor"])
def test_nobody_else_can_edit_or_remove_it(cast, client_for, ten_k, role):
    client = client_for(role)
    assert client.get(f"{MINE}{ten_k.pk}/edit/").status_code == 404
    assert client.post(f"{MINE}{ten_k.pk}/edit/", {"text": "Hacked"}).status_code == 404
    assert client.post(f"{MINE}{ten_k.pk}/delete/").status_code == 404
    ten_k.refresh_from_db()
    assert ten_k.text == "Ran my first 10K"
    with pytest.raises(Refused):
        services.personal_milestone_delete(milestone=ten_k, user=getattr(cast, role))


def test_each_learner_sees_only_their_own_on_the_page(cast, client_for, ten_k):
    services.personal_milestone_share(
        course=cast.course,
        user=cast.other_learner,
        text="Adopted a puppy",
        happened_on=timezone.localdate(),
        visibility=MilestoneVisibility.CLASS,
    )
    page = client_for("learner").get(MINE).content.decode()
    assert "Ran my first 10K" in page and "Adopted a puppy" not in page
    page = client_for("other_learner").get(MINE).content.decode()
    assert "Adopted a puppy" in page and "Ran my first 10K" not in page


def test_staff_see_shared_milestones_on_the_card_and_the_celebrate_page(cast, client_for, ten_k):
    assert "Ran my first 10K" in client_for("ta").get("/c/env-sci/celebrate/").content.decode()
    card = client_for("ta").get(f"/c/env-sci/learners/{cast.learner.pk}/").content.decode()
    assert "Ran my first 10K" in card and "shared with only my teachers" in card


def test_milestones_are_per_course(cast, client_for, ten_k):
    assert (
        "Ran my first 10K"
        not in client_for("outsider").get("/c/poetry/milestones/").content.decode()
    )


def test_only_class_milestones_are_offered_to_class_facing_pages(cast, ten_k):
    shared = services.personal_milestone_share(
        course=cast.course,
        user=cast.other_learner,
        text="Adopted a puppy",
        happened_on=timezone.localdate(),
        visibility=MilestoneVisibility.CLASS,
    )
    since = timezone.now() - timedelta(days=7)
    assert m.shared_with_class(course=cast.course, since=since) == [shared]
