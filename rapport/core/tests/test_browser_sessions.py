"""Browser tests hand a page a session made by Django's test client: on SQLite the sessions
table can be held for a moment by the live server's thread, and the session is written again
once it is free; any other database error still fails the test."""

import pytest
from django.db import OperationalError
from django.test import Client

from rapport.core.testing import browser

pytestmark = pytest.mark.django_db


def test_a_session_waits_for_the_sessions_table_to_be_free(cast, monkeypatch):
    real, tries = Client.force_login, []

    def locked_twice(client, user, backend=None):
        tries.append(user)
        if len(tries) <= 2:
            raise OperationalError("database table is locked: django_session")
        return real(client, user, backend)

    monkeypatch.setattr(Client, "force_login", locked_twice)
    key = browser.session_for(cast.learner)
    assert key and len(tries) == 3


def test_another_database_error_is_not_waited_out(cast, monkeypatch):
    def broken(client, user, backend=None):
        raise OperationalError("no such table: django_session")

    monkeypatch.setattr(Client, "force_login", broken)
    with pytest.raises(OperationalError, match="no such table"):
        browser.session_for(cast.learner)
