"""When the database can't be reached (restarting, failing over, out of connections), a page
says so: 503 with ``Retry-After`` and the "back in a moment" page, rather than the error
page meant for bugs — or, with DEBUG, a traceback. The web server keeps running; the
connection pool reconnects once the database is back, and the next request is served.

``DatabaseUnavailableMiddleware`` answers for errors raised in a view (with or without
DEBUG); ``server_error``, Django's ``handler500``, for those raised anywhere else."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


def unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        return unavailable_response()


def server_error(request, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    """Called while the request's exception is being handled, so it is at hand."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    return defaults.server_error(request, template_name)
