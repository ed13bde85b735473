"""Course helpers for tests."""

from channels.testing import WebsocketCommunicator

from rapport.courses.consumers import CourseConsumer


def course_socket(user, slug: str) -> WebsocketCommunicator:
    """A test socket to ``/ws/c/<slug>/`` as ``user`` (past the origin check and routing)."""
    communicator = WebsocketCommunicator(CourseConsumer.as_asgi(), f"/ws/c/{slug}/")
    communicator.scope["user"] = user
    communicator.scope["url_route"] = {"kwargs": {"course_slug": slug}}
    return communicator
