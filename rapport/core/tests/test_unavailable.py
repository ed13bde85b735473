"""The database out of reach: a 503 page asking to try again, never the bug page or a
traceback (rapport.core.unavailable)."""

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import path

from rapport.core.unavailable import server_error


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken(request):
    raise ValueError("a bug")


urlpatterns = [path("gone/", database_gone), path("broken/", broken)]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("debug", [False, True])
def test_a_page_whose_database_is_out_of_reach_asks_to_try_again(settings, debug):
    settings.DEBUG = debug
    response = Client(raise_request_exception=False).get("/gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "back in a moment" in page
    assert "Try again in a minute" in page
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.urls(__name__)
def test_other_errors_still_get_the_error_page(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_the_error_handler_answers_503_for_a_database_error_raised_outside_a_view():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("the connection was closed")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert server_error(request).status_code == 500  # nothing being handled: a bug's page
