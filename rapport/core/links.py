"""Links that leave the site (emails, calendar files): always built from SITE_URL, never
from whichever host a request happened to arrive on, so every email agrees."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(location: str) -> str:
    """``location`` (a path, or a URL to this site) as a full URL under SITE_URL."""
    parts = urlsplit(location)
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return settings.SITE_URL + path + query + fragment
