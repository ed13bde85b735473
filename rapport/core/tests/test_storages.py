"""Settings for uploads in an S3-compatible bucket, read from AWS_* variables, and the
origins the Content-Security-Policy must then allow: each checked against the links the
storage really signs (signing is a computation; nothing here reaches the network)."""

from urllib.parse import urlsplit

import pytest

from rapport.core.storages import PrivateS3Storage
from rapport.envvars import ImproperEnvironment, s3_media_origins, s3_storage_options

KEYS = {"AWS_ACCESS_KEY_ID": "key", "AWS_SECRET_ACCESS_KEY": "secret"}


@pytest.fixture
def environment(monkeypatch):
    for name in [
        "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_PUBLIC_ENDPOINT_URL",
        "AWS_S3_REGION_NAME", "AWS_DEFAULT_REGION", "AWS_S3_ADDRESSING_STYLE", "AWS_LOCATION",
    ]:  # fmt: skip
        monkeypatch.delenv(name, raising=False)

    def set_to(**values):
        for name, value in {**KEYS, **values}.items():
            monkeypatch.setenv(name, value)
        return s3_storage_options(link_seconds=900)

    return set_to


def signed_origin(options: dict) -> str:
    link = PrivateS3Storage(**options).url("media/1/clip/playback.mp4")
    parts = urlsplit(link)
    assert "X-Amz-Signature=" in parts.query
    return f"{parts.scheme}://{parts.netloc}"


def test_without_a_bucket_files_stay_on_disk(environment):
    assert environment() is None
    assert s3_media_origins(None) == []


def test_a_bad_addressing_style_or_endpoint_stops_the_process(environment):
    with pytest.raises(ImproperEnvironment, match="AWS_S3_ADDRESSING_STYLE"):
        environment(AWS_STORAGE_BUCKET_NAME="media", AWS_S3_ADDRESSING_STYLE="hosted")
    with pytest.raises(ImproperEnvironment, match="AWS_S3_ENDPOINT_URL"):
        environment(AWS_S3_ADDRESSING_STYLE="path", AWS_S3_ENDPOINT_URL="minio:9000")


def test_the_bucket_is_private_and_links_last_the_link_time(environment):
    options = environment(AWS_STORAGE_BUCKET_NAME="media", AWS_LOCATION="/site-a/")
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 900
    assert options["file_overwrite"] is False
    assert 0 < options["max_memory_size"] <= 8 * 1024 * 1024  # a video read back spills to disk
    assert options["location"] == "site-a"
    link = PrivateS3Storage(**options).url("media/1/photo.jpg")
    assert "/site-a/media/1/photo.jpg?" in link


@pytest.mark.parametrize(
    "variables",
    [
        {"AWS_S3_REGION_NAME": "eu-west-1"},
        {"AWS_S3_REGION_NAME": "us-east-1"},
        {"AWS_S3_REGION_NAME": "eu-west-1", "AWS_S3_ADDRESSING_STYLE": "path"},
        {"AWS_S3_ENDPOINT_URL": "http://minio:9000", "AWS_S3_ADDRESSING_STYLE": "path"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.school.example", "AWS_S3_ADDRESSING_STYLE": "virtual"},
    ],
)
def test_signed_links_point_at_an_origin_the_policy_allows(environment, variables):
    options = environment(AWS_STORAGE_BUCKET_NAME="rapport-media", **variables)
    assert signed_origin(options) in s3_media_origins(options)


def test_links_are_signed_for_the_address_browsers_use(environment):
    options = environment(
        AWS_STORAGE_BUCKET_NAME="media",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        AWS_S3_PUBLIC_ENDPOINT_URL="https://media.school.example",
        AWS_S3_ADDRESSING_STYLE="path",
    )
    assert signed_origin(options) == "https://media.school.example"
    assert s3_media_origins(options) == ["https://media.school.example"]


def test_the_content_security_policy_allows_the_bucket_for_images_and_media(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    script = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(settings.STORAGES['default']['BACKEND']); print(d['img-src']); print(d['media-src'])"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "rapport.settings",
        "DEBUG": "1",
        "RAPPORT_VAR_DIR": str(tmp_path),
        "AWS_STORAGE_BUCKET_NAME": "media",
        "AWS_S3_ENDPOINT_URL": "http://minio:9000",
        "AWS_S3_PUBLIC_ENDPOINT_URL": "https://media.school.example",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    backend, images, media = result.stdout.splitlines()
    assert backend == "rapport.core.storages.PrivateS3Storage"
    assert "'https://media.school.example'" in images
    assert "'https://media.school.example'" in media


def test_one_client_signs_for_every_thread(environment):
    """A web process may run each request on a new thread; making a client for each took
    a third of a second."""
    import threading

    storage = PrivateS3Storage(**environment(AWS_STORAGE_BUCKET_NAME="media"))
    storage.url("media/1/photo.jpg")
    clients = []
    thread = threading.Thread(target=lambda: clients.append(storage._signing_client()))
    thread.start()
    thread.join()
    assert clients == [storage._signing_client()]
