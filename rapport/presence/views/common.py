"""What the presence views share: finding a message the person may see, and where to go
back to after a small action."""

from django.http import Http404

from rapport.presence import selectors
from rapport.presence.models import Message


def message_or_404(request, message_id: int) -> Message:
    message = selectors.message_for(
        course=request.course,
        user=request.user,
        is_staff=request.membership.is_staff,
        message_id=message_id,
    )
    if message is None:
        raise Http404("No such message.")
    return message


def is_script_request(request) -> bool:
    """htmx, or presence.js's fetch: answered without a redirect."""
    return bool(request.htmx) or request.headers.get("X-Requested-With") == "fetch"
