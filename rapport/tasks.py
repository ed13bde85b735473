"""The task queue. Configured by settings.HUEY (SQLite file by default, Redis with
REDIS_URL, immediate in tests); tasks live in each app's tasks.py."""

from huey.contrib.djhuey import HUEY as huey  # noqa: F401
