"""Production settings, in fresh processes with DEBUG off: ``check --deploy`` finds nothing
to warn about, and after ``collectstatic`` the static files are served under hashed names,
compressed, and kept by browsers and proxies for a year."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-key-for-this-test-only-" + "k" * 40,
    "ALLOWED_HOSTS": "rapport.school.example",
    "CSRF_TRUSTED_ORIGINS": "https://rapport.school.example",
    "SITE_URL": "https://rapport.school.example",
    "SECURE_HSTS_SECONDS": "31536000",
}


def run_in_production(var_dir: Path, *args: str, **extra) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "rapport.settings",
        "RAPPORT_VAR_DIR": str(var_dir),
        **PRODUCTION,
        **extra,
    }
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("production")
    result = run_in_production(var_dir, "manage.py", "collectstatic", "--no-input", "-v0")
    assert result.returncode == 0, result.stderr
    return var_dir


def test_check_deploy_passes_at_warning_level_with_production_settings(tmp_path):
    result = run_in_production(
        tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_hsts_check_deploy_warns(tmp_path):
    """The check is real: take away what it asks for and it fails."""
    result = run_in_production(
        tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING",
        SECURE_HSTS_SECONDS="0",
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_plain_http_is_redirected_and_https_answers_with_hsts(collected):
    script = """
import django; django.setup()
from django.test import Client
client = Client(HTTP_HOST="rapport.school.example")
plain = client.get("/accounts/login/")
print(plain.status_code, plain.headers.get("Location"))
secure = client.get("/accounts/login/", secure=True)
print(secure.status_code, secure.headers.get("Strict-Transport-Security"))
"""
    result = run_in_production(collected, "-c", script)
    assert result.returncode == 0, result.stderr
    plain, secure = result.stdout.split("\n")[:2]
    assert plain == "301 https://rapport.school.example/accounts/login/"
    assert secure == "200 max-age=31536000; includeSubDomains; preload"


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    static = collected / "static"
    assert (static / "staticfiles.json").exists()
    hashed = list((static / "rapport").rglob("*.css"))
    assert any(len(path.stem.rsplit(".", 1)[-1]) == 12 for path in hashed), hashed
    assert list((static / "rapport").rglob("*.css.gz"))


def test_static_files_are_served_hashed_compressed_and_kept_for_a_year(collected):
    script = """
import django; django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("rapport/css/rapport.css")
print(url)
client = Client(HTTP_HOST="rapport.school.example")
response = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(response.status_code)
print(response.headers.get("Cache-Control"))
print(response.headers.get("Content-Encoding"))
body = b"".join(response.streaming_content)
print(body[:2].hex())
"""
    result = run_in_production(collected, "-c", script)
    assert result.returncode == 0, result.stderr
    url, status, cache_control, encoding, magic = result.stdout.split("\n")[:5]
    assert (
        url.startswith("/static/rapport/css/rapport.") and url != "/static/rapport/css/rapport.css"
    )
    assert status == "200"
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
    assert encoding == "gzip"
    assert bytes.fromhex(magic) == gzip.compress(b"")[:2]  # the gzip magic number
