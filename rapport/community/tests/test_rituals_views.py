"""Ritual pages as people use them: staff starting a ritual from a preset and opening a
round, learners finding this week's prompt, user text rendered harmless, and round and
archive pages whose query counts don't grow with the number of answers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from rapport.community.models.rituals import (
    Featuring,
    Ritual,
    RitualPost,
    RitualReaction,
    RitualReply,
    RitualRound,
    RitualVote,
)
from rapport.community.rituals import services
from rapport.community.rituals.testing import (
    XSS_PAYLOADS,
    assert_harmless,
    harmful_markup,
    learners_add,
    ritual_make,
    round_open,
)
from rapport.media.models import MediaKind
from rapport.media.testing import media_item_ready

pytestmark = pytest.mark.django_db


def url(name, cast, *args):
    return reverse(f"community:{name}", args=[cast.course.slug, *args])


@pytest.fixture
def ritual(cast) -> Ritual:
    return ritual_make(course=cast.course, author=cast.instructor)


def test_staff_start_a_ritual_from_a_preset(cast, client_for):
    client = client_for("ta")
    listing = client.get(url("rituals", cast)).content.decode()
    assert "?preset=fun_friday" in listing and "?preset=win_of_the_week" in listing
    form = client.get(url("ritual_new", cast) + "?preset=fun_friday").content.decode()
    assert "Fun Friday" in form and "any animal for a day" in form
    response = client.post(
        url("ritual_new", cast),
        {
            "preset": "fun_friday",
            "title": "Fun Friday",
            "prompts": "Best snack?\nFavourite bird?",
            "weekday": 4,
            "time_of_day": "12:00",
            "open_days": 6,
            "featuring": "vote",
        },
    )
    ritual = Ritual.objects.get()
    assert response.status_code == 302 and response["Location"] == ritual.get_absolute_url()
    assert (ritual.preset, ritual.featuring, ritual.created_by) == ("fun_friday", "vote", cast.ta)
    assert "The first round opens on" in client.get(ritual.get_absolute_url()).content.decode()


def test_a_ritual_form_with_mistakes_explains_them(cast, client_for):
    response = client_for("instructor").post(
        url("ritual_new", cast),
        {"title": "", "prompts": "", "weekday": 4, "time_of_day": "25:99", "open_days": 9},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the ritual a name" in html and "Enter a time like 09:00" in html
    assert not Ritual.objects.exists()


def test_staff_open_this_weeks_round_from_the_page(cast, client_for, ritual):
    client = client_for("instructor")
    page = client.get(ritual.get_absolute_url()).content.decode()
    assert "Open this week's round now" in page
    response = client.post(url("ritual_open_now", cast, ritual.pk))
    round_ = RitualRound.objects.get()
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    again = client.post(url("ritual_open_now", cast, ritual.pk), follow=True)
    assert "already open" in again.content.decode()
    assert RitualRound.objects.count() == 1


def test_staff_edit_and_pause_a_ritual(cast, client_for, ritual):
    response = client_for("ta").post(
        url("ritual_edit", cast, ritual.pk),
        {
            "title": "Wins!",
            "prompts": "Your win?",
            "weekday": 0,
            "time_of_day": "08:30",
            "open_days": 3,
            "featuring": "staff",
            "paused": "on",
        },
    )
    ritual.refresh_from_db()
    assert response.status_code == 302
    assert (ritual.title, ritual.weekday, ritual.open_days, ritual.is_paused) == (
        "Wins!",
        0,
        3,
        True,
    )


def test_learners_find_this_weeks_prompt_and_answer_it(cast, client_for, ritual):
    round_ = round_open(ritual, actor=cast.instructor)
    client = client_for("learner")
    listing = client.get(url("rituals", cast)).content.decode()
    assert escape(round_.prompt) in listing and "Share yours" in listing
    page = client.get(ritual.get_absolute_url()).content.decode()
    assert escape(round_.prompt) in page and "Share my answer" in page
    client.post(url("ritual_answer", cast, round_.pk), {"body": "Ran 5k"})
    page = client.get(ritual.get_absolute_url()).content.decode()
    assert "Ran 5k" in page and "You've shared your answer" in page
    listing = client.get(url("rituals", cast)).content.decode()
    assert "See everyone" in listing


@pytest.mark.parametrize("role", ["learner", "other_learner"])
def test_learners_see_no_staff_controls(cast, client_for, ritual, role):
    round_open(ritual, actor=cast.instructor)
    services.ritual_answer_post(
        round=RitualRound.objects.get(), author=cast.other_learner, body="Hello there"
    )
    html = client_for(role).get(ritual.get_absolute_url()).content.decode()
    assert url("ritual_feature", cast, RitualPost.objects.get().pk) not in html
    assert url("ritual_open_now", cast, ritual.pk) not in html
    assert client_for(role).get(url("ritual_new", cast)).status_code == 404


def test_a_round_from_another_course_is_not_found(cast, client_for):
    foreign = ritual_make(course=cast.other_course, author=cast.outsider)
    round_ = round_open(foreign, actor=cast.outsider)
    assert client_for("learner").get(url("ritual_round", cast, round_.pk)).status_code == 404
    assert client_for("learner").get(url("ritual", cast, foreign.pk)).status_code == 404


def test_the_round_page_pages_through_htmx_and_without_it(cast, client_for, ritual):
    round_ = round_open(ritual, actor=cast.instructor)
    for person in learners_add(cast.course, 25):
        RitualPost.objects.create(round=round_, author=person, body=f"Post by {person.email}")
    client = client_for("learner")
    first = client.get(round_.get_absolute_url()).content.decode()
    assert "Show more answers" in first and first.count('class="card post') == 20
    partial = client.get(round_.get_absolute_url() + "?page=2", HTTP_HX_REQUEST="true")
    assert partial.content.decode().count('class="card post') == 5
    assert "<html" not in partial.content.decode()


# --- user text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_ritual_text_renders_harmless(cast, client_for, ritual, payload):
    round_ = round_open(ritual, actor=cast.instructor)
    post = services.ritual_answer_post(
        round=round_, author=cast.other_learner, body=payload, photo_alt=payload
    )
    services.post_reply(post=post, author=cast.learner, body=payload)
    services.post_feature(post=post, actor=cast.instructor)
    RitualRound.objects.filter(pk=round_.pk).update(prompt=payload)
    Ritual.objects.filter(pk=ritual.pk).update(title=payload[:80])
    client = client_for("learner")
    for page in (round_.get_absolute_url(), post.get_absolute_url()):
        assert_harmless(client.get(page).content.decode(), element_id=f"post-{post.pk}")
    listing = client.get(url("rituals", cast)).content.decode()
    assert [finding for finding in harmful_markup(listing) if finding != "<svg>"] == []


# --- query counts -------------------------------------------------------------------------------


def _grow(cast, round_, total: int) -> None:
    """Answers until the round has ``total``: every tenth with a photo, every fiftieth with
    a voice clip, each with a reply, reactions and votes from other learners."""
    have = RitualPost.objects.filter(round=round_).count()
    people = learners_add(cast.course, total - have, prefix=f"r{total}-")
    posts = RitualPost.objects.bulk_create(
        RitualPost(
            round=round_,
            author=person,
            body=f"My *win* number {have + n}",
            photo="rituals/x/full.jpg" if n % 10 == 0 else "",
            photo_thumb="rituals/x/thumb.jpg" if n % 10 == 0 else "",
            media=media_item_ready(course=cast.course, owner=person, kind=MediaKind.AUDIO)
            if n % 50 == 0
            else None,
            featured_at=timezone.now() if n % 30 == 0 else None,
        )
        for n, person in enumerate(people)
    )
    RitualReply.objects.bulk_create(
        RitualReply(post=post, author=cast.ta, body="Love this!") for post in posts
    )
    RitualReaction.objects.bulk_create(
        RitualReaction(post=post, user=people[(n + 1) % len(people)], emoji="🎉")
        for n, post in enumerate(posts)
    )
    RitualVote.objects.bulk_create(
        RitualVote(round=round_, post=post, voter=people[(n + 1) % len(people)])
        for n, post in enumerate(posts)
        if len(people) > 1
    )


def _queries(client, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("featuring", [Featuring.STAFF, Featuring.VOTE])
@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_the_round_page_costs_the_same_queries_with_10_and_300_answers(
    cast, client_for, role, featuring
):
    ritual = ritual_make(course=cast.course, author=cast.instructor, featuring=featuring)
    round_ = round_open(ritual, actor=cast.instructor)
    client = client_for(role)
    _grow(cast, round_, 10)
    small = _queries(client, round_.get_absolute_url())
    _grow(cast, round_, 300)
    assert _queries(client, round_.get_absolute_url()) == small


def test_the_archive_and_list_cost_the_same_queries_with_10_and_300_answers(cast, client_for):
    ritual = ritual_make(course=cast.course, author=cast.instructor)
    round_ = round_open(ritual, actor=cast.instructor)
    RitualRound.objects.filter(pk=round_.pk).update(
        opens_at=round_.opens_at - timedelta(days=8), closes_at=timezone.now()
    )
    client = client_for("learner")
    archive = url("ritual_archive", cast, ritual.pk)
    _grow(cast, round_, 10)
    small = (_queries(client, archive), _queries(client, url("rituals", cast)))
    _grow(cast, round_, 300)
    assert (_queries(client, archive), _queries(client, url("rituals", cast))) == small


def test_staff_see_who_has_not_answered_an_open_round_the_first_by_name(
    cast, ritual, client_for, monkeypatch
):
    monkeypatch.setattr("rapport.community.rituals.views.rounds.WAITING_SHOWN", 2)
    learners_add(cast.course, 3)
    round_open(ritual, actor=cast.instructor)
    response = client_for("ta").get(url("ritual", cast, ritual.pk))
    page = response.content.decode()
    assert "Not answered yet: 5 learners" in page
    assert page.count("Send a note<span") == 2 and "And 3 more." in page
    assert len(response.context["waiting"]) == 2 and response.context["waiting_count"] == 5
    assert client_for("learner").get(url("ritual", cast, ritual.pk)).context.get("waiting") is None
