"""The demo that ``manage.py seed_demo`` builds: data in ``people``, ``classmates`` and
``courses``, generated portraits in ``avatars``, and the builder in ``build``."""
