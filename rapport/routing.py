from django.urls import path

from rapport.core.consumers import PersonalConsumer

websocket_urlpatterns = [
    path("ws/me/", PersonalConsumer.as_asgi()),
]
