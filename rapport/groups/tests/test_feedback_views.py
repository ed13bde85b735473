"""Peer feedback pages: each role's way in (the group's members act, staff read, everyone
else gets 404), asking and answering through the pages, thanks with and without htmx, the
work's file, and query guards."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.testing.queries import count_queries
from rapport.groups.feedback import services
from rapport.groups.feedback.testing import membership_of
from rapport.groups.models import FeedbackFormat, FeedbackReply, FeedbackRequest
from rapport.groups.testing import group_make, learner_make
from rapport.media.models import MediaKind
from rapport.media.testing import media_item_ready

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "learner", "other_learner", "ta", "instructor")


@pytest.fixture
def kai(cast):
    return learner_make(cast, "kai")


@pytest.fixture
def group(cast, kai):
    """cast.learner and Kai; cast.other_learner is in the course but not the group."""
    return group_make(cast, users=[cast.learner, kai])


@pytest.fixture
def essay(cast, group):
    return services.feedback_request_create(
        group=group,
        member=membership_of(cast, cast.learner),
        title="My wetlands essay",
        body="A **first** draft.",
        attachment=SimpleUploadedFile("My essay.txt", b"Wetlands filter water.\n"),
    )


@pytest.fixture
def kais_answer(cast, essay, kai):
    return services.feedback_reply(
        request=essay,
        member=membership_of(cast, kai),
        parts={"works": "Your intro is clear.", "question": "", "suggestion": "Add a map."},
    )


def signed_in(client, user):
    client.force_login(user)
    return client


def urls(cast, group, essay, reply) -> dict[str, str]:
    slug = cast.course.slug
    return {
        "feedback_new": reverse("groups:feedback_new", args=[slug, group.pk]),
        "feedback": reverse("groups:feedback", args=[slug, essay.pk]),
        "feedback_reply": reverse("groups:feedback_reply", args=[slug, essay.pk]),
        "feedback_thank": reverse("groups:feedback_thank", args=[slug, essay.pk, reply.pk]),
        "feedback_attachment": reverse("groups:feedback_attachment", args=[slug, essay.pk]),
        "feedback_report": reverse("groups:feedback_report", args=[slug, group.round.group_set_id]),
    }


def only(status, *roles, others=404) -> dict:
    """``status`` for ``roles``, ``others`` for the rest; anonymous people sign in."""
    return {role: status if role in roles else others for role in ROLES} | {"anonymous": "login"}


MEMBERS = ("learner", "other_learner", "ta", "instructor")
# cast.learner is in the group and wrote the request; other_learner is a classmate outside
# the group. An empty POST: the author's own answer is refused with the reason (200), their
# thanks go through (302).
EXPECTED = {
    "feedback_new": {"GET": only(200, "learner"), "POST": only(200, "learner")},
    "feedback": {
        "GET": only(200, "learner", "ta", "instructor"),
        "POST": only(405, *MEMBERS),
    },
    "feedback_reply": {"GET": only(405, *MEMBERS), "POST": only(200, "learner")},
    "feedback_thank": {"GET": only(405, *MEMBERS), "POST": only(302, "learner")},
    "feedback_attachment": {
        "GET": only(200, "learner", "ta", "instructor"),
        "POST": only(405, *MEMBERS),
    },
    "feedback_report": {
        "GET": only(200, "ta", "instructor"),
        "POST": only(405, "ta", "instructor"),
    },
}
CASES = [
    (name, method, role)
    for name, methods in EXPECTED.items()
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_who_reaches_each_feedback_page(
    name, method, role, cast, group, essay, kais_answer, client_for
):
    url = urls(cast, group, essay, kais_answer)[name]
    client = client_for(role)
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = EXPECTED[name][method][role]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} {method} {url}"


# --- asking -------------------------------------------------------------------------------


def test_the_ask_page_offers_the_formats_three_first_and_the_recorder(cast, group, client_for):
    page = client_for("learner").get(reverse("groups:feedback_new", args=["env-sci", group.pk]))
    html = page.content.decode()
    assert "Ask your group for feedback" in html
    for label in FeedbackFormat.labels:
        assert label in html
    assert 'value="three" id="id_format_0" required checked' in html
    assert "data-recorder" in html and 'enctype="multipart/form-data"' in html


def test_asking_through_the_page_shares_the_work_and_tells_the_group(cast, group, kai, client_for):
    response = client_for("learner").post(
        reverse("groups:feedback_new", args=["env-sci", group.pk]),
        {
            "title": "My poster",
            "body": "Please look at the *colours*.",
            "link_url": "example.org/poster",
            "format": FeedbackFormat.GLOW_GROW,
            "attachment": SimpleUploadedFile("poster.txt", b"Poster text\n"),
        },
    )
    poster = FeedbackRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == poster.get_absolute_url()
    assert poster.link_url == "https://example.org/poster"
    assert poster.format == FeedbackFormat.GLOW_GROW
    assert Notification.objects.get(kind=NotificationKind.FEEDBACK_ASKED).recipient == kai

    page = signed_in(client_for("anonymous"), kai).get(poster.get_absolute_url()).content.decode()
    assert "<em>colours</em>" in page
    assert "Open poster.txt" in page
    assert "A glow" in page and "A grow" in page


def test_a_refused_ask_comes_back_with_the_reason_and_saves_nothing(cast, group, client_for):
    response = client_for("learner").post(
        reverse("groups:feedback_new", args=["env-sci", group.pk]),
        {
            "title": "My program",
            "format": FeedbackFormat.THREE,
            "attachment": SimpleUploadedFile("program.exe", b"MZ\x90\x00binary\x00"),
        },
    )
    assert response.status_code == 200
    assert "We can&#x27;t tell what kind of file that is." in response.content.decode()
    assert not FeedbackRequest.objects.exists()


def test_a_clip_recorded_in_the_browser_goes_with_the_work(cast, group, client_for):
    clip = media_item_ready(course=cast.course, owner=cast.learner)
    client_for("learner").post(
        reverse("groups:feedback_new", args=["env-sci", group.pk]),
        {"title": "My talk", "format": "three", "media_id": str(clip.public_id)},
    )
    assert FeedbackRequest.objects.get().clip == clip


# --- answering ----------------------------------------------------------------------------


def test_a_groupmate_answers_in_the_structure_asked_for(cast, essay, kai, client_for):
    client = signed_in(client_for("anonymous"), kai)
    page = client.get(essay.get_absolute_url()).content.decode()
    for prompt in ("One thing that works", "One question", "One suggestion"):
        assert prompt in page
    assert 'data-modes="voice"' in page
    assert "Send my feedback" in page

    response = client.post(
        reverse("groups:feedback_reply", args=["env-sci", essay.pk]),
        {"part_works": "Clear intro", "part_question": "Why reeds?", "part_suggestion": ""},
    )
    reply = FeedbackReply.objects.get()
    assert response["Location"] == f"{essay.get_absolute_url()}#answer-{reply.pk}"
    assert reply.parts == {"works": "Clear intro", "question": "Why reeds?", "suggestion": ""}

    again = client.get(essay.get_absolute_url()).content.decode()
    assert "Your feedback" in again and "Change your feedback" in again
    assert "Why reeds?" in again


def test_an_answer_over_the_limit_comes_back_with_the_reason(cast, essay, kai, client_for):
    response = signed_in(client_for("anonymous"), kai).post(
        reverse("groups:feedback_reply", args=["env-sci", essay.pk]),
        {"part_works": "x" * 2001},
    )
    assert response.status_code == 200
    assert "Keep “One thing that works” under 2000 characters" in response.content.decode()
    assert not FeedbackReply.objects.exists()


def test_a_voice_clip_answer_plays_for_the_author(cast, essay, kai, client_for):
    clip = media_item_ready(course=cast.course, owner=kai, kind=MediaKind.AUDIO)
    signed_in(client_for("anonymous"), kai).post(
        reverse("groups:feedback_reply", args=["env-sci", essay.pk]),
        {"media_id": str(clip.public_id)},
    )
    page = client_for("learner").get(essay.get_absolute_url()).content.decode()
    assert f'data-media-id="{clip.public_id}"' in page


def test_the_author_and_staff_see_every_answer_other_groupmates_only_their_own(
    cast, group, essay, kais_answer, client_for
):
    sam = learner_make(cast, "sam")
    group.members.create(round=group.round, user=sam)
    services.feedback_reply(
        request=essay, member=membership_of(cast, sam), parts={"works": "Sam liked the title"}
    )

    author = client_for("learner").get(essay.get_absolute_url()).content.decode()
    staff = client_for("instructor").get(essay.get_absolute_url()).content.decode()
    sams = signed_in(client_for("anonymous"), sam).get(essay.get_absolute_url()).content.decode()

    for page in (author, staff):
        assert "Your intro is clear." in page and "Sam liked the title" in page
    assert "Sam liked the title" in sams and "Your intro is clear." not in sams
    assert "Say thank you to Kai" in author
    assert "Say thank you" not in staff and f"feedback/{essay.pk}/reply/" not in staff


# --- thanks -------------------------------------------------------------------------------


def test_the_author_thanks_in_place_with_htmx(cast, essay, kais_answer, client_for):
    url = reverse("groups:feedback_thank", args=["env-sci", essay.pk, kais_answer.pk])
    response = client_for("learner").post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "You said thank you" in response.content.decode()
    assert "<html" not in response.content.decode()

    again = client_for("learner").post(url, follow=True)
    assert "You&#x27;ve already thanked Kai for this." in again.content.decode()


def test_the_reviewer_sees_they_were_thanked(cast, essay, kais_answer, kai, client_for):
    services.feedback_thank(reply=kais_answer, member=membership_of(cast, cast.learner))
    page = signed_in(client_for("anonymous"), kai).get(essay.get_absolute_url())
    assert "Learner thanked you" in page.content.decode()


def test_a_reviewer_cannot_thank_themself(cast, essay, kais_answer, kai, client_for):
    url = reverse("groups:feedback_thank", args=["env-sci", essay.pk, kais_answer.pk])
    assert signed_in(client_for("anonymous"), kai).post(url).status_code == 404


# --- the work's file ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["learner", "kai", "ta"])
def test_the_file_is_served_to_the_group_and_staff_as_a_download(cast, essay, kai, who, client_for):
    client = signed_in(client_for("anonymous"), kai) if who == "kai" else client_for(who)
    response = client.get(reverse("groups:feedback_attachment", args=["env-sci", essay.pk]))
    assert b"".join(response.streaming_content) == b"Wetlands filter water.\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="My essay.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_image_opens_in_the_browser_and_a_request_without_a_file_has_none(
    cast, group, client_for
):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 90)).save(out, format="PNG")
    picture = services.feedback_request_create(
        group=group,
        member=membership_of(cast, cast.learner),
        title="My map",
        attachment=SimpleUploadedFile("map.png", out.getvalue()),
    )
    plain = services.feedback_request_create(
        group=group, member=membership_of(cast, cast.learner), title="Words", body="Only words"
    )
    client = client_for("learner")
    response = client.get(reverse("groups:feedback_attachment", args=["env-sci", picture.pk]))
    assert response["Content-Disposition"] == 'inline; filename="map.png"'
    assert response["Content-Type"] == "image/png"
    missing = client.get(reverse("groups:feedback_attachment", args=["env-sci", plain.pk]))
    assert missing.status_code == 404


def test_the_file_is_reached_only_through_its_own_course(cast, essay, client_for):
    url = reverse("groups:feedback_attachment", args=["poetry", essay.pk])
    assert client_for("outsider").get(url).status_code == 404


# --- the group page's list and the staff table ---------------------------------------------


def test_the_group_page_lists_requests_with_a_button_to_ask(cast, group, essay, kai, client_for):
    page = signed_in(client_for("anonymous"), kai).get(group.get_absolute_url()).content.decode()
    assert "My wetlands essay" in page
    assert "Waiting for your feedback" in page
    assert reverse("groups:feedback_new", args=["env-sci", group.pk]) in page
    staff = client_for("ta").get(group.get_absolute_url()).content.decode()
    assert "Ask for feedback" not in staff
    assert reverse("groups:feedback_report", args=["env-sci", group.round.group_set_id]) in staff


def test_the_staff_table_names_each_learner_with_their_counts(
    cast, group, essay, kais_answer, client_for
):
    url = reverse("groups:feedback_report", args=["env-sci", group.round.group_set_id])
    page = client_for("instructor").get(url).content.decode()
    assert "Kai" in page and "Learner" in page
    assert "1 request" in page and "1 answer" in page
    assert "1 learner hasn&#x27;t given feedback yet" in page  # cast.learner, to no one yet


def _busy_set(cast, size: int):
    """A group set of ``size`` learners in pairs, where each pair asks and answers."""
    learners = [learner_make(cast, f"peer{size}x{n}") for n in range(size)]
    group = group_make(cast, users=learners[:2], title=f"Pairs of {size}")
    round_ = group.round
    for number, start in enumerate(range(0, size, 2), start=1):
        pair = learners[start : start + 2]
        if start:
            group = round_.groups.create(course=cast.course, number=number)
            for learner in pair:
                group.members.create(round=round_, user=learner)
        asked = services.feedback_request_create(
            group=group, member=membership_of(cast, pair[0]), title="Draft", body="Words"
        )
        reply = services.feedback_reply(
            request=asked, member=membership_of(cast, pair[1]), parts={"works": "Yes"}
        )
        services.feedback_thank(reply=reply, member=membership_of(cast, pair[0]))
    return round_.group_set


def test_the_staff_table_shows_a_page_of_learners_and_totals_for_everyone(
    cast, client_for, monkeypatch
):
    monkeypatch.setattr("rapport.groups.feedback.views.REPORT_ROWS_PER_PAGE", 3)
    group_set = _busy_set(cast, 8)
    url = reverse("groups:feedback_report", args=["env-sci", group_set.pk])
    client = client_for("instructor")
    first, last = client.get(url), client.get(url + "?page=3")
    assert len(first.context["page"]) == 3 and len(last.context["page"]) == 2
    named = [row.learner for row in first.context["page"]] + [
        row.learner for row in client.get(url + "?page=2").context["page"]
    ]
    assert len(set(named + [row.learner for row in last.context["page"]])) == 8
    for page in (first, last):
        assert "4 requests" in page.content.decode() and "Page " in page.content.decode()


def test_the_staff_table_costs_the_same_queries_for_a_bigger_class(cast, client_for):
    small, large = _busy_set(cast, 4), _busy_set(cast, 16)
    client = client_for("instructor")

    def cost(group_set):
        return count_queries(
            client, reverse("groups:feedback_report", args=["env-sci", group_set.pk])
        )

    assert cost(small) == cost(large)


def test_a_request_page_costs_the_same_queries_however_many_answered(cast, client_for):
    def request_with_answers(count: int):
        people = [learner_make(cast, f"mate{count}x{n}") for n in range(count)]
        group = group_make(cast, users=[cast.learner, *people], title=f"Group of {count}")
        asked = services.feedback_request_create(
            group=group, member=membership_of(cast, cast.learner), title="Essay", body="Words"
        )
        for person in people:
            clip = media_item_ready(course=cast.course, owner=person, kind=MediaKind.AUDIO)
            services.feedback_reply(
                request=asked,
                member=membership_of(cast, person),
                parts={"works": "Good"},
                clip_id=str(clip.public_id),
            )
        return asked

    client = client_for("learner")
    few, many = request_with_answers(1), request_with_answers(5)
    assert count_queries(client, few.get_absolute_url()) == count_queries(
        client, many.get_absolute_url()
    )
