"""One body for every error the API answers, whatever raised it:

    {"error": {"code": "not_found", "message": "…", "fields": {"text": "…"}}}

``fields`` names the request fields at fault (empty when none is). Every operation
declares these statuses with this body in the schema (``ERRORS``)."""

import logging

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from rapport.core.refusals import Refused

logger = logging.getLogger(__name__)

ERRORS = frozenset({400, 401, 403, 404, 405, 409, 422, 429, 500})

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}

NOT_FOUND = "Nothing here, or nothing this token may reach."
UNAUTHORIZED = (
    "Send a personal access token that is in use: an 'Authorization: Bearer rap_…' header."
)


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Schema):
    error: ErrorDetail


def error_body(status: int, message: str, fields: dict[str, str] | None = None) -> dict:
    return {"error": {"code": CODES[status], "message": message, "fields": fields or {}}}


def error_response(status: int, message: str, fields: dict[str, str] | None = None):
    response = JsonResponse(error_body(status, message, fields), status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="rapport"'
    return response


class Invalid(Exception):
    """Input that passed the schema but names something this request may not use (a
    learner id outside the course): 422, with the field named."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _location(error: dict) -> str:
    # ("body", "payload", "text") -> "text"; ("query", "limit") -> "limit"
    parts = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    parts = parts[1:] if len(parts) > 1 and parts[0] in ("payload", "filters") else parts
    return ".".join(parts) or "request"


def _validation_fields(errors: list[dict]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(_location(error), error.get("msg", "This value is not valid."))
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(
            422, "Some of what was sent is not valid.", _validation_fields(exc.errors)
        )

    def on_invalid(request: HttpRequest, exc: Invalid) -> HttpResponse:
        return error_response(422, exc.message, {exc.field: exc.message})

    def on_refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        # A refusal about one field is bad input (400); one about the state of things — a
        # daily limit reached, a person no longer in the course — is a conflict (409).
        if exc.field:
            return error_response(400, exc.message, {exc.field: exc.message})
        return error_response(409, exc.message)

    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        # ninja adds Retry-After to this response itself.
        return error_response(429, "Too many requests for this token. Wait, then try again.")

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            return error_response(401, UNAUTHORIZED)
        status = exc.status_code if exc.status_code in CODES else 400
        return error_response(status, str(exc))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, NOT_FOUND)

    def on_anything_else(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("The API failed on %s %s", request.method, request.path)
        return error_response(500, "Something went wrong on our side. Try again later.")

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(Invalid, on_invalid)
    api.add_exception_handler(Refused, on_refused)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(Exception, on_anything_else)
