"""The demo that ``manage.py seed_demo`` builds. Its own app, so that no other app needs to
know it exists: it stands on every feature, and nothing but its tests imports it.

The cast is data in ``people``, ``classmates`` and ``courses``, with generated portraits in
``avatars``; ``seeders`` turns it into rows, one seeder a feature, and ``build`` runs them
in order. ``banner`` tells ``manage.py serve`` the sign-ins once the demo is seeded."""
