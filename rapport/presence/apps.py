from django.apps import AppConfig


class PresenceConfig(AppConfig):
    name = "rapport.presence"
    label = "presence"

    def ready(self) -> None:
        from rapport.media.uses import register_media_use
        from rapport.presence.media_uses import describe_presence_media

        register_media_use(describe_presence_media)
