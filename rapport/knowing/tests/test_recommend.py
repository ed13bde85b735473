"""Picking resources for one learner: the library ranked by their goals and interests,
sending one with a personal line (notification + touchpoint, never twice), and "Picked
for you", which shows each learner only their own picks."""

from html import unescape

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.knowing.models.resources import Recommendation
from rapport.knowing.recommend import services
from rapport.knowing.recommend.testing import intro_answer, resource_make

pytestmark = pytest.mark.django_db

PICKED = "/c/env-sci/picked/"


def recommend_url(user) -> str:
    return f"/c/env-sci/learners/{user.pk}/recommend/"


@pytest.fixture
def library(cast):
    return {
        "smoke": resource_make(
            cast.course,
            title="Wildfire smoke and your lungs",
            description="What fine particles do to the body.",
            tags="air quality,wildfire,health",
            url="https://example.org/smoke",
        ),
        "birds": resource_make(
            cast.course,
            title="Counting migrating birds",
            description="Join a bird count along the wetlands.",
            tags="birds,wetlands",
            url="https://example.org/birds",
        ),
        "solar": resource_make(
            cast.course,
            title="Solar power for beginners",
            tags="renewable energy",
            url="https://example.org/solar",
        ),
    }


@pytest.fixture
def sam_answered(cast):
    intro_answer(
        cast.course,
        cast.learner,
        goals="Understand what the wildfire smoke every summer does to us.",
        interests=["Air quality", "knitting"],
    )


def test_the_library_is_ranked_by_what_the_learner_told_us(cast, library, sam_answered, client_for):
    page = unescape(client_for("ta").get(recommend_url(cast.learner)).content.decode())
    order = [page.index(resource.title) for resource in library.values()]
    assert order[0] < order[1] and order[0] < order[2]
    smoke = page.split('id="suggestion-', 2)[1]
    assert "Wildfire smoke and your lungs" in smoke
    # Reasons in words, never a score.
    assert "Matches their goal: wildfire smoke" in smoke
    assert "Matches their interest: Air quality" in smoke
    assert "score" not in smoke
    assert "Thought of you because you mentioned wildfire smoke in your goals." in smoke
    assert "Nothing Learner told us matches this one." in page
    # Resources that match nothing wait, folded away, with a plainer first line.
    rest = page.split('<details class="card other-resources">', 1)[1]
    assert "Solar power for beginners" in rest and "Thought of you when I saw this." in rest


@pytest.mark.parametrize("who", ["ta", "instructor", "outsider"])
def test_only_an_active_learner_of_the_course_has_a_recommend_page(who, cast, client_for):
    assert client_for("instructor").get(recommend_url(cast.by_role(who))).status_code == 404


def test_a_learner_who_left_has_no_recommend_page(cast, client_for):
    cast.course.memberships.filter(user=cast.learner).update(status="left")
    assert client_for("instructor").get(recommend_url(cast.learner)).status_code == 404


def test_learners_cannot_open_recommend_pages(cast, client_for):
    assert client_for("learner").get(recommend_url(cast.learner)).status_code == 404


def test_sending_a_resource_notifies_the_learner_and_records_a_touchpoint(
    cast, library, client_for
):
    client = client_for("ta")
    response = client.post(
        recommend_url(cast.learner),
        {"resource": library["smoke"].pk, "note": "Thought of you because you mentioned air."},
    )
    assert response.status_code == 302 and response["Location"] == recommend_url(cast.learner)
    pick = Recommendation.objects.get()
    assert (pick.resource, pick.learner, pick.sender) == (library["smoke"], cast.learner, cast.ta)
    assert pick.note == "Thought of you because you mentioned air."
    notification = Notification.objects.get(recipient=cast.learner)
    assert notification.kind == NotificationKind.RESOURCE_RECOMMENDED
    assert notification.url == PICKED and notification.actor == cast.ta
    assert "Wildfire smoke and your lungs" in notification.title
    touchpoint = Touchpoint.objects.get(kind=TouchpointKind.RESOURCE_RECOMMENDED)
    assert (touchpoint.actor, touchpoint.subject, touchpoint.course) == (
        cast.ta,
        cast.learner,
        cast.course,
    )
    assert touchpoint.object_id == str(pick.pk)
    page = unescape(client.get(recommend_url(cast.learner)).content.decode())
    assert "Sent “Wildfire smoke and your lungs” to Learner." in page
    sent = page.split(f'id="suggestion-{library["smoke"].pk}"', 1)[1]
    sent = sent.split('<li class="suggestion card"', 1)[0].split("</ol>", 1)[0]
    assert "Sent</span>" in sent and "by Ta" in sent and "<form" not in sent


def test_a_learner_who_prefers_email_is_emailed(
    cast, library, client_for, django_capture_on_commit_callbacks
):
    cast.learner.preferred_channel = Channel.EMAIL
    cast.learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("instructor").post(
            recommend_url(cast.learner), {"resource": library["birds"].pk, "note": "For you"}
        )
    assert [message.to for message in mail.outbox] == [[cast.learner.email]]


def test_sending_the_same_resource_twice_says_so_and_duplicates_nothing(cast, library, client_for):
    client = client_for("instructor")
    data = {"resource": library["birds"].pk, "note": "One"}
    client.post(recommend_url(cast.learner), data)
    response = client.post(recommend_url(cast.learner), data | {"note": "Two"})
    assert response.status_code == 200
    assert "You've already sent “Counting migrating birds” to Learner." in unescape(
        response.content.decode()
    )
    assert Recommendation.objects.count() == 1
    assert Recommendation.objects.get().note == "One"
    assert Notification.objects.filter(recipient=cast.learner).count() == 1
    assert Touchpoint.objects.filter(kind=TouchpointKind.RESOURCE_RECOMMENDED).count() == 1


def test_the_service_refuses_a_second_send_a_learner_of_no_course_and_a_foreign_resource(
    cast, library
):
    services.recommendation_send(
        course=cast.course, resource=library["solar"], learner=cast.learner, sender=cast.ta
    )
    with pytest.raises(Refused, match="already sent"):
        services.recommendation_send(
            course=cast.course, resource=library["solar"], learner=cast.learner, sender=cast.ta
        )
    with pytest.raises(Refused, match="isn't a learner"):
        services.recommendation_send(
            course=cast.course, resource=library["solar"], learner=cast.outsider, sender=cast.ta
        )
    poem = resource_make(cast.other_course, url="https://example.org/poem")
    with pytest.raises(Refused, match="library"):
        services.recommendation_send(
            course=cast.course, resource=poem, learner=cast.learner, sender=cast.ta
        )
    with pytest.raises(Refused, match="teaching team"):
        services.recommendation_send(
            course=cast.course,
            resource=library["birds"],
            learner=cast.learner,
            sender=cast.other_learner,
        )
    assert Recommendation.objects.count() == 1


def test_sending_with_htmx_swaps_in_the_sent_resource(cast, library, client_for):
    response = client_for("instructor").post(
        recommend_url(cast.learner),
        {"resource": library["birds"].pk, "note": ""},
        HTTP_HX_REQUEST="true",
    )
    html = unescape(response.content.decode())
    assert html.lstrip().startswith(
        f'<li class="suggestion card" id="suggestion-{library["birds"].pk}"'
    )
    assert "<html" not in html and 'role="status"' in html and "Sent</span>" in html


def test_sending_nothing_or_a_resource_from_elsewhere_is_refused_clearly(cast, library, client_for):
    client = client_for("instructor")
    page = client.post(recommend_url(cast.learner), {}).content.decode()
    assert "Choose a resource to send." in page
    poem = resource_make(cast.other_course, url="https://example.org/poem")
    page = client.post(recommend_url(cast.learner), {"resource": poem.pk}).content.decode()
    assert "That resource is no longer in the library." in page
    assert not Recommendation.objects.exists()


def test_picked_for_you_shows_only_my_picks_with_who_picked_them(cast, library, client_for):
    services.recommendation_send(
        course=cast.course,
        resource=library["smoke"],
        learner=cast.learner,
        sender=cast.instructor,
        note="Thought of you because you mentioned air quality.",
    )
    services.recommendation_send(
        course=cast.course,
        resource=library["birds"],
        learner=cast.other_learner,
        sender=cast.ta,
        note="For the birder in you.",
    )
    mine = unescape(client_for("learner").get(PICKED).content.decode())
    assert "Wildfire smoke and your lungs" in mine
    assert "Thought of you because you mentioned air quality." in mine
    assert "Instructor" in mine and "picked this for you" in mine
    assert "Counting migrating birds" not in mine and "For the birder in you." not in mine
    assert "Recently sent by the teaching team" not in mine
    theirs = unescape(client_for("other_learner").get(PICKED).content.decode())
    assert "Counting migrating birds" in theirs and "Wildfire smoke" not in theirs
    assert client_for("outsider").get(PICKED).status_code == 404


def test_staff_see_what_the_team_sent_recently(cast, library, client_for):
    services.recommendation_send(
        course=cast.course, resource=library["birds"], learner=cast.learner, sender=cast.ta
    )
    page = unescape(client_for("instructor").get(PICKED).content.decode())
    assert "Recently sent by the teaching team" in page
    assert "“Counting migrating birds” · from Ta" in page


def test_recommend_and_picked_pages_cost_the_same_queries_however_big_the_course(
    cast, library, sam_answered, client_for
):
    client = client_for("instructor")

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    def grow(start, count):
        for index in range(start, start + count):
            resource = resource_make(
                cast.course, title=f"Guide {index}", url=f"https://example.org/{index}"
            )
            learner = UserFactory()
            MembershipFactory(course=cast.course, user=learner, role=Role.LEARNER)
            for person in (learner, cast.learner):
                services.recommendation_send(
                    course=cast.course, resource=resource, learner=person, sender=cast.ta
                )

    grow(0, 3)
    small = (queries(recommend_url(cast.learner)), queries(PICKED))
    grow(3, 40)
    assert (queries(recommend_url(cast.learner)), queries(PICKED)) == small
