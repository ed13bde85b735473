from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rapport.community"
    label = "community"
