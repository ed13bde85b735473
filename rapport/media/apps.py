from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "rapport.media"
    label = "media"
