from django.db import models


class Channel(models.TextChoices):
    """How a relational moment reached a person.

    The first few are also delivery channels a person may prefer for notifications; a new
    delivery channel (SMS, chat) is added here and given a sender in core.notifications.
    """

    IN_APP = "in_app", "In Rapport"
    EMAIL = "email", "Email"
    TEXT = "text", "Text"
    VOICE = "voice", "Voice"
    VIDEO = "video", "Video"
    LIVE = "live", "Live"
    SYSTEM = "system", "Automatic"

    @classmethod
    def preference_choices(cls) -> list[tuple[str, str]]:
        return [(c.value, c.label) for c in PREFERENCE_CHANNELS]


PREFERENCE_CHANNELS = [Channel.IN_APP, Channel.EMAIL]
