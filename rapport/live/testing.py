"""Live sessions for tests: a session of the cast's course with one activity on screen."""

from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from rapport.courses.models import Membership
from rapport.live import services
from rapport.live.models import ActivityKind


def member(user, course) -> Membership:
    return Membership.objects.get(user=user, course=course)


def session_make(cast, *, guests_allowed: bool = False, blocklist: str = ""):
    return services.session_create(
        course=cast.course,
        member=member(cast.instructor, cast.course),
        title="Monday class",
        guests_allowed=guests_allowed,
        blocklist=blocklist,
    )


def activity_make(cast, session, kind=ActivityKind.WORD, **fields):
    fields.setdefault("prompt", "One word for your week")
    if kind == ActivityKind.POLL:
        fields.setdefault("choices", ["Too slow", "About right", "Too fast"])
    return services.activity_add(
        session=session, member=member(cast.instructor, cast.course), kind=kind, **fields
    )


def live_socket(user, code: str, *, guest=None, screen: bool = False) -> WebsocketCommunicator:
    """A test socket to ``/ws/live/<code>/`` as ``user`` (None: nobody signed in), or as
    the guest ``guest`` (a Participant) whose browser session holds their place."""
    from rapport.live.consumers import GUESTS_KEY, LiveConsumer

    query = "?view=screen" if screen else ""
    communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), f"/ws/live/{code}/{query}")
    communicator.scope["user"] = user or AnonymousUser()
    communicator.scope["url_route"] = {"kwargs": {"code": code}}
    communicator.scope["query_string"] = query[1:].encode()
    places = {} if guest is None else {str(guest.session_id): [guest.pk, guest.guest_key]}
    communicator.scope["session"] = {GUESTS_KEY: places}
    return communicator
