"""Typed readers for environment variables that fail loudly on bad values.

Settings read the environment only through these helpers, so a typo such as
``DEBUG=ture`` stops the process with a message instead of silently meaning False.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit


class ImproperEnvironment(Exception):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperEnvironment(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperEnvironment(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperEnvironment(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, *, schemes: set[str]) -> str | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    scheme = urlsplit(raw.strip()).scheme
    if scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperEnvironment(f"{name} must start with one of: {allowed} (got {scheme!r}).")
    return raw.strip()


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
}


def email_settings(url: str | None) -> dict:
    """Turn EMAIL_URL (``smtp+tls://user:pass@host:587``, ``console://``, ...) into settings."""
    if not url:
        return {"EMAIL_BACKEND": EMAIL_BACKENDS["console"]}
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_BACKENDS:
        allowed = ", ".join(sorted(EMAIL_BACKENDS))
        raise ImproperEnvironment(f"EMAIL_URL scheme {parts.scheme!r} is not one of: {allowed}.")
    result = {"EMAIL_BACKEND": EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme == "file":
        result["EMAIL_FILE_PATH"] = unquote(parts.path) or "var/mail"
    if parts.scheme.startswith("smtp"):
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtp+ssl" else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtp+ssl",
        )
        timeout = parse_qs(parts.query).get("timeout")
        if timeout:
            result["EMAIL_TIMEOUT"] = int(timeout[0])
    return result


S3_ADDRESSING_STYLES = ("auto", "path", "virtual")


def s3_storage_options(*, link_seconds: int) -> dict | None:
    """Options for uploads in a private S3-compatible bucket (rapport.core.storages), read
    from the AWS_* variables; None when AWS_STORAGE_BUCKET_NAME is unset. The access keys
    (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) are read by
    django-storages and boto3 themselves; without them boto3 asks the machine's role."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return None
    style = env_str("AWS_S3_ADDRESSING_STYLE", "auto")
    if style not in S3_ADDRESSING_STYLES:
        allowed = ", ".join(S3_ADDRESSING_STYLES)
        raise ImproperEnvironment(f"AWS_S3_ADDRESSING_STYLE must be one of: {allowed}.")
    return {
        "bucket_name": bucket,
        "endpoint_url": env_url("AWS_S3_ENDPOINT_URL", schemes={"http", "https"}),
        "public_endpoint_url": env_url("AWS_S3_PUBLIC_ENDPOINT_URL", schemes={"http", "https"}),
        "region_name": env_str("AWS_S3_REGION_NAME") or env_str("AWS_DEFAULT_REGION") or None,
        "addressing_style": None if style == "auto" else style,
        "signature_version": "s3v4",
        "location": (env_str("AWS_LOCATION") or "").strip("/"),
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,
        "querystring_expire": link_seconds,
        "file_overwrite": False,
        # A file read back (a recording to process, an export's parts) is kept in memory up
        # to this size, then on disk: django-storages' default keeps it all in memory.
        "max_memory_size": 4 * 1024 * 1024,
    }


def s3_media_origins(options: dict | None) -> list[str]:
    """The origins browsers fetch stored files from, given ``s3_storage_options``: what
    the Content-Security-Policy must allow for images and media."""
    if not options:
        return []
    endpoint = options["public_endpoint_url"] or options["endpoint_url"]
    bucket = options["bucket_name"]
    if endpoint:
        parts = urlsplit(endpoint)
        origins = [f"{parts.scheme}://{parts.netloc}"]
        if options["addressing_style"] == "virtual":
            origins.append(f"{parts.scheme}://{bucket}.{parts.netloc}")
        return origins
    # AWS itself: the bucket's own host name, global or regional.
    region = options["region_name"] or "us-east-1"
    host = "" if options["addressing_style"] == "path" else f"{bucket}."
    return [f"https://{host}s3.amazonaws.com", f"https://{host}s3.{region}.amazonaws.com"]
