from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from rapport.core.consumers import PersonalConsumer
from rapport.core.socket_stack import socket_stack
from rapport.courses.consumers import CourseConsumer
from rapport.live.consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/me/", PersonalConsumer.as_asgi()),
    path("ws/c/<slug:course_slug>/", CourseConsumer.as_asgi()),
    path("ws/live/<str:code>/", LiveConsumer.as_asgi()),
]

# Sockets from pages of this site only (the Origin header names an allowed host), with the
# signed-in person and their session in their scope (rapport.core.socket_stack).
websocket_application = AllowedHostsOriginValidator(socket_stack(URLRouter(websocket_urlpatterns)))
