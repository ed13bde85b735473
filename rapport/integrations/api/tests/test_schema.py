"""The API keeps to its own OpenAPI schema: schemathesis generates requests from the schema
(valid ones and, for the negative mode, invalid ones) and sends them to the app in this
process, as the demo instructor with a read+write token, checking that nothing is a server
error and that every answer — status, content type and body — is one the schema declares.

A small, fixed budget keeps it to a few seconds; `.ci/api_schema_check` runs the full set of
checks against a running server."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.core.testing.caches import clear_own_cache
from rapport.integrations.api.testing import token_make

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def headers(cast, settings):
    settings.API_READS_PER_MINUTE = settings.API_WRITES_PER_MINUTE = 100_000
    clear_own_cache()
    for kind in (TouchpointKind.PERSONAL_MESSAGE, TouchpointKind.SHOUTOUT):
        touchpoints.record(
            course=cast.course, kind=kind, actor=cast.instructor, subject=cast.learner
        )
    return {"Authorization": f"Bearer {token_make(cast.instructor, cast.course)}"}


@pytest.fixture
def app():
    """The WSGI app, keeping the test's database connection across requests as Django's
    test client does: closing it (at the end of each request) would drop the test's
    transaction on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_to_the_schema(mode, headers, cast, app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    for operation in operations:
        # Mostly the seeded course, so calls get past the course lookup; the generated
        # slugs of the negative mode still probe the rest.
        fixed = {"slug": cast.course.slug} if "{slug}" in operation.path else None
        strategy = (
            operation.as_strategy(mode, path_parameters=fixed)
            if fixed
            else operation.as_strategy(mode)
        )

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_schema(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        keeps_to_schema()
