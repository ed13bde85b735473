"""Whole numbers in URLs that a database row id can be.

Django's ``<int:...>`` matches any run of digits, so ``/me/photos/<2**70>/`` reached the
database and crashed it (SQLite: OverflowError; PostgreSQL refuses it too) with a 500. Every
``<int:...>`` route in Rapport gets ``DatabaseIdConverter`` instead (``bound_int_routes``,
called once on the root URLconf), so too big a number simply matches no URL: a 404, with
no view, decorator or lookup having to remember it."""

from django.urls import URLResolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

# The largest signed 64-bit integer: PostgreSQL's bigint and SQLite's INTEGER.
LARGEST_ID = 2**63 - 1


class DatabaseIdConverter(IntConverter):
    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError("Too large to be a row id.")  # Django: "no match"
        return number


def bound_int_routes(patterns: list) -> list:
    """Give every ``<int:...>`` route under ``patterns`` a ``DatabaseIdConverter``."""
    for pattern in patterns:
        route = pattern.pattern
        if isinstance(route, RoutePattern):
            # A fresh dict: Django caches and shares one per route text.
            route.converters = {
                name: DatabaseIdConverter() if type(converter) is IntConverter else converter
                for name, converter in route.converters.items()
            }
        if isinstance(pattern, URLResolver):
            bound_int_routes(pattern.url_patterns)
    return patterns
