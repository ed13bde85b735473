"""How the test run is configured, said here rather than left to the settings' defaults.

pyproject's pytest ``addopts`` loads this module with ``-p`` so it runs before pytest-django
imports ``rapport.settings``. Settings default to DEBUG off (and then demand a SECRET_KEY);
tests run as a developer's machine does, with DEBUG on and a key generated into ``var/``.
Django still serves each test with ``settings.DEBUG = False``, as in production. Set DEBUG
(and SECRET_KEY) in the environment to run the suite against other settings."""

import os

os.environ.setdefault("DEBUG", "1")
