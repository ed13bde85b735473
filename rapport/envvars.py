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
