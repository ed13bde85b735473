"""The pages people see when something is missing or broken, the favicon, and private pages
kept out of browser and proxy caches."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from rapport.media.testing import media_item_ready


def test_a_missing_page_is_friendly_and_points_home(cast, client_for):
    response = client_for("learner").get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We couldn't find that page" in page
    assert reverse("courses:dashboard") in page
    assert 'rel="icon"' in page  # the full shell, not Django's bare "Not Found"


def test_a_missing_page_for_someone_signed_out_offers_sign_in(db, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert reverse("account_login") in response.content.decode()


def test_a_course_you_do_not_belong_to_looks_like_any_missing_page(cast, client_for):
    response = client_for("outsider").get(reverse("home:course", args=[cast.course.slug]))
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
    assert cast.course.title not in response.content.decode()


def test_the_server_error_page_needs_no_request_and_no_database():
    # No ``db`` fixture: any query while rendering would fail the test.
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "rapport/css/rapport.css" in page
    assert render_to_string("500.html")  # renders from an empty context too


def test_favicon_is_answered_at_the_site_root(db, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # ICO header
    assert "max-age" in response["Cache-Control"]


def test_every_page_links_the_favicon(db, client):
    page = client.get(reverse("core:privacy")).content.decode()
    assert "rapport/img/favicon.ico" in page
    assert "rapport/img/mark.svg" in page


@pytest.mark.parametrize(
    "url",
    [
        "/c/env-sci/",
        "/c/env-sci/people/",
        "/me/profile/",
        "/notifications/",
        "/notifications/badge/",
    ],
)
def test_signed_in_pages_are_never_stored(cast, client_for, url):
    response = client_for("learner").get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_private_mood_page_is_never_stored(cast, client_for):
    response = client_for("learner").get(reverse("community:mood", args=[cast.course.slug]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_visitors_are_not_marked(db, client):
    response = client.get(reverse("core:privacy"))
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")


def test_a_response_with_its_own_cache_rule_keeps_it(cast, client_for):
    media = media_item_ready(course=cast.course, owner=cast.learner)
    url = reverse("media:file", args=[cast.course.slug, media.public_id, "playback"])
    response = client_for("learner").get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private"
