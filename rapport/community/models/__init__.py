"""Models by topic; importing the modules registers them with Django."""

from rapport.community.models import (  # noqa: F401
    checkins,
    discussions,
    rituals,
    settings,
    shoutouts,
)
