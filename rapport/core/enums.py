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


# A person's place in a course. They live here, below every app, so that accounts, the
# template tags and feature apps can speak of roles without importing courses; the
# Membership model in courses uses them for its choices.
class Role(models.TextChoices):
    INSTRUCTOR = "instructor", "Instructor"
    TA = "ta", "Teaching assistant"
    LEARNER = "learner", "Learner"


STAFF_ROLES = frozenset({Role.INSTRUCTOR, Role.TA})


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"
    REMOVED = "removed", "Removed"
    LEFT = "left", "Left"


class JoinedVia(models.TextChoices):
    CREATED = "created", "Created the course"
    CODE = "code", "Join link or code"
    INVITATION = "invitation", "Invitation"
    ADDED = "added", "Added by staff"
    IMPORTED = "imported", "Imported from a class list"
    LTI = "lti", "From the learning platform"
