"""An S3 server for tests: moto's, in a thread of the test process, on a free loopback
port (no network), and a fresh private bucket per test that the site's default storage is
switched to — configured from AWS_* variables through the settings' own reader.

rapport/conftest.py offers the fixtures to every test; mark a module that uses them ``S3``."""

import uuid
from dataclasses import dataclass

import pytest

from rapport.core.testing.servers import free_port
from rapport.envvars import s3_storage_options

# Each test worker that runs one starts the server once (a second or so).
S3 = pytest.mark.s3
REGION = "us-east-1"
KEYS = {"AWS_ACCESS_KEY_ID": "rapport-test", "AWS_SECRET_ACCESS_KEY": "rapport-test-secret"}


@dataclass
class Bucket:
    name: str
    client: object  # boto3's S3 client, for looking at what the site stored
    endpoint_url: str

    def names(self) -> set[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return {entry["Key"] for entry in listed.get("Contents", [])}

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def moto_s3():
    """The S3 server's endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(moto_s3, settings, monkeypatch) -> Bucket:
    """A new empty bucket, and the default storage keeping uploads in it."""
    name = f"rapport-{uuid.uuid4().hex[:16]}"
    for variable, value in {
        **KEYS,
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": moto_s3,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(variable, value)
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=moto_s3,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "rapport.core.storages.PrivateS3Storage",
            "OPTIONS": s3_storage_options(link_seconds=settings.MEDIA_LINK_SECONDS),
        },
    }
    bucket = Bucket(name=name, client=client, endpoint_url=moto_s3)
    yield bucket
    for key in bucket.names():
        client.delete_object(Bucket=name, Key=key)
    client.delete_bucket(Bucket=name)
