from django.urls import path

from rapport.core.consumers import PersonalConsumer
from rapport.courses.consumers import CourseConsumer

websocket_urlpatterns = [
    path("ws/me/", PersonalConsumer.as_asgi()),
    path("ws/c/<slug:course_slug>/", CourseConsumer.as_asgi()),
]
