"""Weekly reflections and mood check-ins: services (writes), selectors (reads), views,
forms, charts and tasks. Models live in ``rapport.community.models.checkins``."""
