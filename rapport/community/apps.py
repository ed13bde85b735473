from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "rapport.community"
    label = "community"

    def ready(self):
        from rapport.community.discussions import streams

        streams.register()
