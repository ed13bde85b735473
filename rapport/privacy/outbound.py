"""Every connection this instance can open to another machine, worked out from its actual
settings — for the page that says so (``privacy:outbound``).

``CLIENT_MODULES`` names each module of Rapport's own code that opens connections, and
which entry below covers it; a test scans the source and fails when a module that opens
connections is not listed here, so this page cannot silently fall out of date."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings

# module (path from the repository root) -> the key of the connection it makes
CLIENT_MODULES = {
    "rapport/envvars.py": "email",  # EMAIL_URL's smtp:// schemes pick Django's SMTP backend
    "rapport/walls/previews/fetch.py": "link_previews",
    "rapport/walls/previews/connection.py": "link_previews",
    "rapport/integrations/lti/roster_sync.py": "lti",
    "rapport/core/storages.py": "s3",
    "rapport/core/offload.py": "s3",
}


# Every kind of connection the page can list.
CONNECTION_KEYS = ("email", "link_previews", "lti", "s3")


@dataclass(frozen=True)
class Connection:
    key: str
    name: str
    when: str
    destinations: list[str] = field(default_factory=list)
    sends: str = ""


def _host(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    return parts.hostname or url


def _email() -> Connection | None:
    backend = settings.EMAIL_BACKEND
    if not backend.endswith("smtp.EmailBackend"):
        return None
    return Connection(
        key="email",
        name="Email",
        when="When Rapport emails someone: sign-in codes, invitations, notifications.",
        destinations=[f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT} (SMTP)"],
        sends="The email: its recipient's address, subject and text.",
    )


# Where an email goes with each backend that sends nothing anywhere.
_NOT_SENT = {
    "console": "printed in the server's console",
    "filebased": "saved as files on the server",
    "locmem": "kept in the server's memory",
    "dummy": "dropped",
}


def email_summary() -> str:
    """One line for the page: the SMTP server emails go to, or that they go nowhere."""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "smtp":
        return f"SMTP server {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    where = _NOT_SENT.get(backend, f"handled by {settings.EMAIL_BACKEND}")
    return f"none: {backend} — emails are {where}, not sent"


def _link_previews() -> Connection:
    return Connection(
        key="link_previews",
        name="Link previews on class walls",
        when=(
            "Only when someone adds a link card to a wall: the server fetches that one page "
            "(and its picture) to show a title and picture. Private and local addresses are "
            "refused; readers' browsers never contact the linked site."
        ),
        destinations=["the site of each link people add (any address on the internet)"],
        sends="A plain request for the page: no cookies, nothing about who added it.",
    )


def _lti() -> Connection | None:
    from lti_tool.models import LtiRegistration

    registrations = list(
        LtiRegistration.objects.filter(is_active=True).values_list(
            "name", "keyset_url", "token_url"
        )
    )
    if not registrations:
        return None
    destinations = []
    for name, keyset_url, token_url in registrations:
        destinations.append(f"{name}: keys (JWKS) at {_host(keyset_url)}")
        destinations.append(f"{name}: access tokens at {_host(token_url)}")
        destinations.append(
            f"{name}: the names and roles service (roster sync) at the address its launches give"
        )
    return Connection(
        key="lti",
        name="Learning platforms (LTI 1.3)",
        when="When someone launches Rapport from a platform, and when a roster sync runs.",
        destinations=destinations,
        sends="Signed requests for the platform's keys, a token, and the course's roster.",
    )


def _s3() -> Connection | None:
    options = getattr(settings, "S3_STORAGE_OPTIONS", None)
    if not options:
        return None
    endpoint = _host(options.get("endpoint_url")) or "Amazon S3"
    return Connection(
        key="s3",
        name="File storage (S3-compatible)",
        when="Whenever a file (recording, photo, export) is stored, read or deleted.",
        destinations=[f"bucket {options['bucket_name']} at {endpoint}"],
        sends="The files themselves.",
    )


def _own_services() -> list[str]:
    """The services the instance itself runs on, when the operator put them elsewhere."""
    services = []
    database = settings.DATABASES["default"]
    if database.get("HOST"):
        services.append(f"Database at {database['HOST']}")
    redis_url = getattr(settings, "REDIS_URL", None)
    if redis_url:
        services.append(f"Redis (task queue and live updates) at {_host(redis_url)}")
    return services


def outbound_connections() -> list[Connection]:
    found = [_email(), _link_previews(), _lti(), _s3()]
    return [connection for connection in found if connection is not None]


def outbound_summary() -> dict:
    return {
        "connections": outbound_connections(),
        "email": email_summary(),
        "own_services": _own_services(),
    }
