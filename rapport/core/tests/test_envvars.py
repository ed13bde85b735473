import subprocess
import sys

import pytest

from rapport.envvars import (
    EMAIL_BACKENDS,
    ImproperEnvironment,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_url,
)


@pytest.mark.parametrize("raw,expected", [("1", True), ("yes", True), ("off", False), ("", False)])
def test_booleans_read_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", not expected) is expected


def test_a_misspelt_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperEnvironment, match="DEBUG"):
        env_bool("DEBUG", False)


def test_integers_are_checked(monkeypatch):
    monkeypatch.setenv("WORKERS", "two")
    with pytest.raises(ImproperEnvironment):
        env_int("WORKERS", 1)
    monkeypatch.setenv("WORKERS", "0")
    with pytest.raises(ImproperEnvironment):
        env_int("WORKERS", 1, minimum=1)


def test_lists_split_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_urls_must_use_a_known_scheme(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://x")
    with pytest.raises(ImproperEnvironment, match="postgres"):
        env_url("DATABASE_URL", schemes={"sqlite", "postgres"})


def test_email_url_becomes_smtp_settings():
    result = email_settings("smtp+tls://me%40x.org:s3cret@mail.example:2525")
    assert result["EMAIL_BACKEND"] == EMAIL_BACKENDS["smtp"]
    assert result["EMAIL_HOST"] == "mail.example"
    assert result["EMAIL_PORT"] == 2525
    assert result["EMAIL_HOST_USER"] == "me@x.org"
    assert result["EMAIL_USE_TLS"] is True


def test_no_email_url_means_console():
    assert email_settings(None) == {"EMAIL_BACKEND": EMAIL_BACKENDS["console"]}


def test_settings_refuse_to_start_without_a_secret_key_when_not_debugging(tmp_path):
    env = {"DEBUG": "false", "RAPPORT_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import rapport.settings"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def settings_in_a_fresh_process(tmp_path, **environment) -> subprocess.CompletedProcess:
    env = {"DEBUG": "1", "RAPPORT_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", **environment}
    code = (
        "import rapport.settings as s; "
        "print(s.ACCOUNT_EMAIL_VERIFICATION, s.ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({}, "mandatory True"),
        ({"ACCOUNT_EMAIL_VERIFICATION": "optional"}, "optional False"),
        ({"ACCOUNT_EMAIL_VERIFICATION": " Mandatory "}, "mandatory True"),
    ],
)
def test_email_verification_is_mandatory_by_code_unless_set_otherwise(
    tmp_path, environment, expected
):
    result = settings_in_a_fresh_process(tmp_path, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_misspelt_email_verification_fails_loudly(tmp_path):
    result = settings_in_a_fresh_process(tmp_path, ACCOUNT_EMAIL_VERIFICATION="required")
    assert result.returncode != 0
    assert "ACCOUNT_EMAIL_VERIFICATION='required' is not one of" in result.stderr
