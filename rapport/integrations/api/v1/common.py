"""What every operation shares: the course a call reaches, its page size, its errors."""

from django.http import Http404
from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination

from rapport.courses.models import Membership
from rapport.integrations.api.selectors import token_membership
from rapport.integrations.api.v1.errors import ERRORS, ErrorOut

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Deep enough for any real list; an offset past what the database can count is a 422.
MAX_OFFSET = 1_000_000

CourseSlug = Path(..., max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")


def responses(ok_status: int, schema) -> dict:
    """An operation's responses: its own, and the one error body for every error status."""
    return {ok_status: schema, ERRORS: ErrorOut}


class Pages(LimitOffsetPagination):
    """limit/offset pages: ``{"items": [...], "count": total}``."""

    class Input(Schema):
        limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


def member_or_404(request, slug: str, *, staff: bool = False) -> Membership:
    """The caller's membership of the course ``slug``: the course must be in the token's
    scope and its owner an active member of it (of its teaching team with ``staff``).
    Anything else is 404, so a token learns nothing about courses beyond its reach."""
    membership = token_membership(token=request.auth, course_slug=slug)
    if membership is None or (staff and not membership.is_staff):
        raise Http404
    return membership
