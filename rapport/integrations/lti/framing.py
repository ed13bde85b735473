"""Which origins may frame Rapport for a launched session (see middleware.py)."""

from urllib.parse import urlsplit

from lti_tool.models import LtiLaunch


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, or None: only this reaches a header."""
    try:
        parts = urlsplit(str(url or "").strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def frame_origins(launch: LtiLaunch) -> list[str]:
    """The platform's issuer and sign-in origins, the origin of the page the launch came
    from (its return URL), and any the registration's policy adds."""
    registration = launch.registration
    candidates = [registration.issuer, registration.auth_url]
    presentation = launch.launch_presentation_claim or {}
    candidates.append(presentation.get("return_url", ""))
    policy = getattr(registration, "rapport_policy", None)
    if policy is not None:
        candidates += policy.extra_frame_origins()
    origins = []
    for candidate in candidates:
        origin = origin_of(candidate)
        if origin and origin not in origins:
            origins.append(origin)
    return origins
