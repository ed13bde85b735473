"""Rapport's REST API, version 1 (docs/api.md): django-ninja, typed by the schemas in
``schemas``, with its OpenAPI schema at /api/v1/openapi.json.

The docs page (/api/v1/docs) is ninja's Swagger UI served from ninja's own static files
("ninja" is in INSTALLED_APPS), never from a CDN; the online validator badge is off."""

from ninja import NinjaAPI, Swagger

from rapport.integrations.api.v1 import courses, staff, writes
from rapport.integrations.api.v1.auth import TokenBearer, TokenRateThrottle
from rapport.integrations.api.v1.errors import install_error_handlers

api = NinjaAPI(
    title="Rapport API",
    version="1",
    description="Courses, people, the ledger of relational moments and the radar, for "
    "scripts and integrations. Authenticate with a personal access token "
    "(Authorization: Bearer rap_…), made on your account's API tokens page.",
    urls_namespace="api:v1",
    auth=[TokenBearer()],
    throttle=[TokenRateThrottle()],
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("", courses.router)
api.add_router("", staff.router)
api.add_router("", writes.router)
