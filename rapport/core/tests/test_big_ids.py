"""An id too big for the database in any URL is a 404, never a 500."""

import re

import pytest
from django.urls import Resolver404, get_resolver, resolve

from rapport.core.tests.test_role_matrix import _walk

TOO_BIG = 2**70
_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_SAMPLE = {
    "slug": "env-sci",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _fill(route: str, number: int) -> str:
    def value(match):
        converter = match.group("converter") or "str"
        if converter == "int":
            return str(number)
        if match.group("name") == "course_slug":
            return "env-sci"
        return _SAMPLE[converter]

    return "/" + _PARAM.sub(value, route)


INT_ROUTES = sorted(
    {(name, route) for name, route in _walk(get_resolver().url_patterns) if "<int:" in route}
)


def test_the_app_has_int_routes_to_check():
    names = {name for name, _ in INT_ROUTES}
    assert {"accounts:photo", "accounts:pronunciation", "courses:person"} <= names
    assert len(INT_ROUTES) > 20


@pytest.mark.parametrize(("name", "route"), INT_ROUTES, ids=[n for n, _ in INT_ROUTES])
def test_an_id_beyond_64_bits_is_not_found(name, route, cast, client_for):
    # The same URL with a small id is a real route, so the 404 below is the id's doing.
    assert resolve(_fill(route, 1)).view_name == name
    url = _fill(route, TOO_BIG)
    with pytest.raises(Resolver404):
        resolve(url)
    client = client_for("instructor")
    client.raise_request_exception = True
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_the_largest_64_bit_id_still_resolves():
    assert resolve(f"/me/photos/{2**63 - 1}/").kwargs == {"user_id": 2**63 - 1}
    with pytest.raises(Resolver404):
        resolve(f"/me/photos/{2**63}/")
