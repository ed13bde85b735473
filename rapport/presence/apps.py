from django.apps import AppConfig


class PresenceConfig(AppConfig):
    name = "rapport.presence"
    label = "presence"
