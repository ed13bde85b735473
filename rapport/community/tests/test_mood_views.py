"""Mood pages: a learner checks in (with and without htmx) and sees only their own history;
staff see the class overview and one learner's trend, follow up, and every look is
audited."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from rapport.community.checkins import services
from rapport.community.models.checkins import MoodCheckin, MoodScore
from rapport.community.models.settings import community_settings_for
from rapport.core.models import SensitiveRead
from rapport.courses.models import Membership
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(cast, name: str, **kwargs) -> str:
    return reverse(f"community:{name}", kwargs={"course_slug": cast.course.slug, **kwargs})


def mood(cast, learner=None, **kwargs):
    kwargs.setdefault("score", 4)
    return services.mood_record(course=cast.course, learner=learner or cast.learner, **kwargs)


# --- the learner --------------------------------------------------------------------------


def test_the_quick_mood_partial_needs_only_the_request_and_offers_five_labelled_faces(cast):
    request = RequestFactory().get("/c/env-sci/")
    request.user = cast.learner
    request.course = cast.course
    request.membership = Membership.objects.get(course=cast.course, user=cast.learner)
    html = render_to_string("community/checkins/_quick_mood.html", request=request)
    for score in MoodScore:
        assert f'value="{score.value}"' in html
        assert f">{score.label}</span>" in html
        assert f'for="quick-score-{score.value}"' in html
    assert 'type="radio" name="score"' in html
    assert f'hx-post="{url(cast, "mood")}"' in html
    assert f'action="{url(cast, "mood")}"' in html
    assert "I could use some help" in html
    assert 'name="next" value="/c/env-sci/"' in html


def test_a_learner_checks_in_without_htmx_and_comes_back_to_where_they_were(cast, client_for):
    client = client_for("learner")
    home = reverse("home:course", args=[cast.course.slug])
    response = client.post(url(cast, "mood"), {"score": "5", "word": "sunny", "next": home})
    assert response.status_code == 302 and response["Location"] == home
    checkin = MoodCheckin.objects.get()
    assert (checkin.learner, checkin.score, checkin.word) == (cast.learner, 5, "sunny")
    page = client.get(home)
    assert "Thanks for checking in" in page.content.decode()


def test_a_checkin_never_redirects_off_site(cast, client_for):
    response = client_for("learner").post(
        url(cast, "mood"), {"score": "3", "next": "https://evil.example/"}
    )
    assert response["Location"] == url(cast, "mood")


def test_with_htmx_the_quick_form_swaps_itself_for_a_thank_you(cast, client_for):
    response = client_for("learner").post(
        url(cast, "mood"), {"score": "2", "wants_help": "on"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="quick-mood"' in html and "Thanks for checking in" in html
    assert "Your teachers have been told" in html
    assert MoodCheckin.objects.get().wants_help


@pytest.mark.parametrize(
    "data,message",
    [
        ({"score": "7"}, "Choose one of the five faces"),
        ({"score": "0"}, "Choose one of the five faces"),
        ({}, "Choose how you"),
        ({"score": "3", "word": "w" * 31}, "Your word is 31 characters long"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_is_explained_and_nothing_is_saved(cast, client_for, data, message, htmx):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for("learner").post(url(cast, "mood"), data, **extra)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert ("<html" in html) is not htmx
    assert not MoodCheckin.objects.exists()


def test_the_daily_limit_is_explained_on_the_page(cast, client_for):
    settings = community_settings_for(cast.course)
    settings.mood_daily_limit = 1
    settings.save()
    client = client_for("learner")
    client.post(url(cast, "mood"), {"score": "3"})
    response = client.post(url(cast, "mood"), {"score": "4"})
    assert "You&#x27;ve checked in 1 time today" in response.content.decode()
    assert MoodCheckin.objects.count() == 1


def test_history_shows_only_my_own_checkins(cast, client_for):
    mood(cast, score=5, word="mine-word")
    mood(cast, learner=cast.other_learner, score=1, word="their-word")
    html = client_for("learner").get(url(cast, "mood")).content.decode()
    assert "mine-word" in html
    assert "their-word" not in html
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1]
    assert '<table class="mood-table">' in html


def test_staff_are_sent_from_the_learner_page_to_the_class_overview(cast, client_for):
    response = client_for("ta").get(url(cast, "mood"))
    assert response["Location"] == url(cast, "mood_overview")


# --- staff --------------------------------------------------------------------------------


def test_the_overview_puts_help_requests_first_flags_falling_moods_and_lists_the_quiet(
    cast, client_for
):
    for score in (4, 4, 3, 3, 2, 2):
        mood(cast, learner=cast.other_learner, score=score, word="swamped")
    mood(cast, score=3, wants_help=True)
    quiet = UserFactory(preferred_name="Dmitri")
    MembershipFactory(course=cast.course, user=quiet)
    html = client_for("instructor").get(url(cast, "mood_overview")).content.decode()
    asking = html.index('id="help-heading"')
    table = html.index('id="learners-heading"')
    assert asking < html.index(url(cast, "mood_follow_up", user_id=cast.learner.pk)) < table
    rows = html[table:]
    # cast.learner asked for help, so comes before other_learner, whose mood is falling.
    assert rows.index("Learner</span>") < rows.index("Other_Learner</span>")
    assert "Falling" in rows and "swamped" in rows
    assert "Haven't checked in yet (1)" in html and "Dmitri" in html


def test_viewing_the_overview_is_audited_for_every_learner_whose_mood_it_shows(cast, client_for):
    mood(cast)
    mood(cast, learner=cast.other_learner)
    MembershipFactory(course=cast.course, user=UserFactory())  # never checked in
    client_for("ta").get(url(cast, "mood_overview"))
    reads = SensitiveRead.objects.filter(kind="mood_overview")
    assert {(r.viewer, r.learner, r.kind, r.course) for r in reads} == {
        (cast.ta, cast.learner, "mood_overview", cast.course),
        (cast.ta, cast.other_learner, "mood_overview", cast.course),
    }
    assert all(r.viewed_at is not None and r.page.endswith("/class/") for r in reads)


def test_a_learners_trend_page_draws_a_chart_with_a_table_and_is_audited(cast, client_for):
    for score in (5, 4, 2):
        mood(cast, score=score, word=f"w{score}")
    response = client_for("instructor").get(url(cast, "mood_learner", user_id=cast.learner.pk))
    html = response.content.decode()
    chart = html.index('class="pygal-chart"')
    svg = html[chart : html.index("</svg>", chart)]
    assert 'role="img"' in svg and "script" not in svg and "href" not in svg
    for word in ("w5", "w4", "w2"):
        assert word in html
    read = SensitiveRead.objects.get()
    assert (read.viewer, read.learner, read.kind) == (cast.instructor, cast.learner, "mood_history")


def test_a_trend_page_is_only_for_learners_of_this_course(cast, client_for):
    client = client_for("instructor")
    for person in (cast.ta, cast.outsider):
        assert client.get(url(cast, "mood_learner", user_id=person.pk)).status_code == 404
    assert not SensitiveRead.objects.exists()


def test_following_up_with_htmx_swaps_in_a_thank_you(cast, client_for):
    mood(cast, score=2, wants_help=True)
    response = client_for("ta").post(
        url(cast, "mood_follow_up", user_id=cast.learner.pk), HTTP_HX_REQUEST="true"
    )
    assert "Noted — you followed up with Learner" in response.content.decode()
    checkin = MoodCheckin.objects.get()
    assert checkin.followed_up_by == cast.ta and checkin.followed_up_at is not None


def test_following_up_without_htmx_comes_back_to_the_overview(cast, client_for):
    mood(cast, score=2, wants_help=True)
    client = client_for("instructor")
    response = client.post(url(cast, "mood_follow_up", user_id=cast.learner.pk))
    assert response["Location"] == url(cast, "mood_overview")
    html = client.get(url(cast, "mood_overview")).content.decode()
    assert "Asked for help (0)" in html
    assert "followed up by Instructor" in html


def test_the_audit_page_shows_who_looked_at_whose_mood(cast, client_for):
    mood(cast)
    client_for("ta").get(url(cast, "mood_learner", user_id=cast.learner.pk))
    html = client_for("instructor").get(url(cast, "wellbeing_audit")).content.decode()
    assert "Mood history" in html and "Ta" in html and "Learner" in html


def test_a_big_class_overview_is_read_a_page_at_a_time_those_needing_someone_first(
    cast, client_for
):
    from rapport.community.checkins.views.moods import MOOD_ROWS_PER_PAGE
    from rapport.factories import UserFactory as Person

    for n in range(MOOD_ROWS_PER_PAGE + 1):
        learner = Person(preferred_name=f"Calm {n:02d}")
        MembershipFactory(course=cast.course, user=learner)
        mood(cast, learner=learner, score=4)
    mood(cast, score=2, wants_help=True)  # cast.learner, after everyone else
    client = client_for("instructor")
    first = client.get(url(cast, "mood_overview"))
    rows = first.content.decode().split('id="learners-heading"')[1]
    assert len(first.context["page"].object_list) == MOOD_ROWS_PER_PAGE
    assert rows.count('<li class="mood-row') == MOOD_ROWS_PER_PAGE
    assert rows.index("Learner</span>") < rows.index("Calm 00</span>")  # asking, so first
    assert "Page 1 of 2" in rows and 'href="?page=2"' in rows
    second = client.get(url(cast, "mood_overview"), {"page": 2}).content.decode()
    assert second.split('id="learners-heading"')[1].count('<li class="mood-row') == 2
    # The help request stays at the top of the page whatever page is open.
    assert second.index('id="help-heading"') < second.index("Learner</span>")
