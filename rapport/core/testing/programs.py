"""Programs of the machine some tests run (nginx, systemd-analyze): where each is, if here.

A test that needs one is marked ``@pytest.mark.program("nginx")``. Where the program is
missing, the run deselects the test and says so (rapport/conftest.py), as for the browser
tests — except in CI, which installs them all (.ci/run): there a missing program fails the
test instead of passing it over."""

import os
import shutil

# Debian puts daemons in /usr/sbin, which is not on every user's PATH.
SBIN = "/usr/sbin"


def program_path(name: str) -> str | None:
    found = shutil.which(name)
    if found is not None:
        return found
    candidate = os.path.join(SBIN, name)
    return candidate if os.access(candidate, os.X_OK) else None
