"""Models by topic; importing the modules registers them with Django."""

from rapport.knowing.models import milestones, notes, resources  # noqa: F401
