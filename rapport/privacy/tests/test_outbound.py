"""The page of what this instance sends anywhere: built from the settings, and complete —
a module of Rapport's own code that opens connections but is not on the page's list fails
here."""

import re
from pathlib import Path

from django.urls import reverse
from lti_tool.models import LtiRegistration

from rapport.privacy.outbound import CLIENT_MODULES, CONNECTION_KEYS

ROOT = Path(__file__).resolve().parents[3]
# What opens a connection to another machine, written in our own code.
CLIENT_CODE = re.compile(
    r"^\s*(import|from) (requests|httpx|urllib3|aiohttp|smtplib|ftplib|http\.client|boto3"
    r"|botocore|websockets?|paramiko|pycurl)\b"
    r"|urllib\.request|urlopen\(|socket\.(create_connection|socket)\("
    r"|storages\.backends\.s3|smtp\.EmailBackend|\bimport http\.client",
    re.MULTILINE,
)


def own_source_files():
    for path in (ROOT / "rapport").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        # Tests and their helpers stand servers up and never leave the machine.
        if (
            "/tests/" in relative
            or "/testing/" in relative
            or path.name
            in (
                "testing.py",
                "conftest.py",
            )
        ):
            continue
        if relative == "rapport/privacy/outbound.py":
            continue
        yield relative, path.read_text()


def test_every_module_that_opens_connections_is_on_the_page():
    found = {relative for relative, text in own_source_files() if CLIENT_CODE.search(text)}
    assert found, "the scan finds nothing: is the pattern still right?"
    unlisted = sorted(found - set(CLIENT_MODULES))
    assert not unlisted, (
        f"{unlisted} open connections: say what they send in rapport/privacy/outbound.py "
        "(CLIENT_MODULES and the page's list) and docs/privacy.md"
    )
    assert set(CLIENT_MODULES.values()) <= set(CONNECTION_KEYS)


def test_by_default_only_link_previews_and_no_email_leave(client, db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.S3_STORAGE_OPTIONS = None
    html = client.get(reverse("privacy:outbound")).content.decode()
    assert "none: console" in html
    assert "sends nothing anywhere on its own" in html
    assert "Link previews on class walls" in html
    assert "Learning platforms" not in html and "File storage" not in html


def test_each_configured_connection_is_listed(client, db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "mail.school.example", 587
    settings.S3_STORAGE_OPTIONS = {"bucket_name": "rapport-media", "endpoint_url": None}
    LtiRegistration.objects.create(
        name="Canvas",
        issuer="https://canvas.example",
        client_id="123",
        auth_url="https://canvas.example/auth",
        token_url="https://canvas.example/token",
        keyset_url="https://keys.canvas.example/jwks",
    )
    html = client.get(reverse("privacy:outbound")).content.decode()
    assert "SMTP server mail.school.example:587" in html
    assert "Canvas: keys (JWKS) at keys.canvas.example" in html
    assert "Canvas: access tokens at canvas.example" in html
    assert "bucket rapport-media at Amazon S3" in html


def test_the_page_is_linked_from_every_page_and_the_data_page(client, cast):
    url = reverse("privacy:outbound")
    assert url in client.get(reverse("core:privacy")).content.decode()
    client.force_login(cast.learner)
    assert url in client.get(reverse("privacy:my_data")).content.decode()
