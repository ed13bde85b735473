import pytest
from django.test import RequestFactory

from rapport.core.http import safe_next

FALLBACK = "/c/env-sci/"


def post(next_value: str, *, secure: bool = False):
    return RequestFactory().post("/", {"next": next_value}, secure=secure)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "///evil.example",
        "javascript:alert(1)",
        "http://testserver/c/env-sci/",  # plain http while the request came over HTTPS
    ],
)
def test_an_address_off_this_site_falls_back(target):
    assert safe_next(post(target, secure=True), FALLBACK) == FALLBACK


def test_a_path_on_this_site_is_kept():
    assert safe_next(post("/c/env-sci/discussions/?page=2#post-4"), FALLBACK) == (
        "/c/env-sci/discussions/?page=2#post-4"
    )


def test_the_query_string_is_read_when_the_form_carries_none():
    request = RequestFactory().get("/", {"next": "/c/env-sci/people/"})
    assert safe_next(request, FALLBACK) == "/c/env-sci/people/"


@pytest.mark.parametrize("target", ["", None])
def test_no_next_uses_the_fallback(target):
    request = RequestFactory().post("/", {} if target is None else {"next": target})
    assert safe_next(request, FALLBACK) == FALLBACK
