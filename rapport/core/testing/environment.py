"""How the test run is configured, said here rather than left to the settings' defaults.

pyproject's pytest ``addopts`` loads this module with ``-p`` so it runs before pytest-django
imports ``rapport.settings``. Settings default to DEBUG off (and then demand a SECRET_KEY);
tests run as a developer's machine does, with DEBUG on and a key generated into ``var/``.
Django still serves each test with ``settings.DEBUG = False``, as in production. Set DEBUG
(and SECRET_KEY) in the environment to run the suite against other settings."""

import os

os.environ.setdefault("DEBUG", "1")

# Workers of one run share Redis (channels, cache, tasks) but not a database: the same ids
# turn up in each, so each worker keys what it keeps in Redis apart from the others.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker:
    for _name, _default in [
        ("CACHE_KEY_PREFIX", "rapport"),
        ("CHANNEL_LAYER_PREFIX", "asgi"),
        ("HUEY_NAME", "rapport"),
    ]:
        os.environ[_name] = f"{os.environ.get(_name, _default)}-{_worker}"
