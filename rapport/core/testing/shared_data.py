"""Data built once for a whole test module, such as the demo seed.

Building the demo takes seconds; doing it for every test made the seed tests most of the
suite's time. ``module_data(build)`` runs ``build()`` once, inside a transaction that the
module's tests share: each test still runs in its own savepoint (pytest-django's ``db``), so
whatever a test changes is undone before the next one, and the module's data is rolled back
when the module ends. Files the build writes go to a media folder of the module's own,
which ``media_folder`` (see rapport/conftest.py) gives to the module's tests; the emails it
sent are in the ``module_outbox`` fixture (each test's ``mail.outbox`` starts empty).

``KeptForTheSameKey`` goes one step further in such a module: what the cases of a
parametrized test in a row need alike (the role matrix: one URL's objects, for each role
and method) is made once, in a transaction of its own inside the module's, and undone when
a case asks for another key or the module ends. Each case still runs in its own savepoint
inside it.
"""

from collections.abc import Callable, Hashable
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.test import TestCase, override_settings


def test_settings(settings) -> dict[str, Any]:
    """What every test runs with: mail kept in memory, a fast password hasher, plain static
    files (no manifest to build)."""
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


# module name -> the media folder its shared data wrote to, and the emails it sent
SHARED_MEDIA: dict[str, Any] = {}
SHARED_OUTBOX: dict[str, list] = {}
# modules that use module_data: their tests stay on one xdist worker, so it builds once
SHARED_MODULES: set[str] = set()


def module_data(build: Callable[[], Any], *, name: str):
    """A module-scoped fixture called ``name`` whose value is ``build()``'s result."""
    SHARED_MODULES.add(build.__module__)

    @pytest.fixture(scope="module", name=name)
    def _fixture(request, django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp(f"{name}-media")
        SHARED_MEDIA[request.module.__name__] = media
        sent_before = len(mail.outbox)
        with django_db_blocker.unblock(), transaction.atomic():
            with (
                override_settings(MEDIA_ROOT=media, DEBUG=True, **test_settings(settings)),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                value = build()
            SHARED_OUTBOX[request.module.__name__] = mail.outbox[sent_before:]
            yield value
            transaction.set_rollback(True)
        # A snapshot written back in the build may have given content types other ids.
        ContentType.objects.clear_cache()
        SHARED_MEDIA.pop(request.module.__name__, None)
        SHARED_OUTBOX.pop(request.module.__name__, None)

    return _fixture


class KeptForTheSameKey:
    """``get(key, make)`` is ``make()``, made once for the tests in a row that ask for the
    same key. Call it from a fixture that runs before the test's own transaction (one that
    does not depend on ``db``, listed before the fixtures that do, in a module without a
    ``django_db`` mark, whose fixture would open that transaction first), with database
    access (``django_db_blocker.unblock()``), in a module whose tests share ``module_data``;
    and ``forget()`` when the module ends, before its shared data goes
    (rapport/core/tests/test_role_matrix.py and test_kept_for_the_same_key.py)."""

    def __init__(self):
        self._key: Hashable | None = None
        self._value: Any = None
        self._atomic: transaction.Atomic | None = None

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        if self._atomic is None or key != self._key:
            self.forget()
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            self._key, self._value = key, make()
        return self._value

    def forget(self) -> None:
        """Undo what was made for the last key."""
        if self._atomic is not None:
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
            self._atomic = self._key = self._value = None
            ContentType.objects.clear_cache()
