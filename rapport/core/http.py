"""Where to send someone after a form: back where they came from, if that is this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    """The ``next`` a form or link carries (POST first, then the query string) when it
    points into this site, else ``fallback``. An address on another host — or a
    scheme-relative ``//host`` one — would let a crafted link send people off-site right
    after they act, so it is never followed; over HTTPS a plain http:// one isn't either."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
