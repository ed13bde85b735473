"""What a platform's administrator types or pastes to register Rapport: its URLs, a Canvas
developer key JSON and Moodle's field list."""

from django.urls import reverse

NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
TITLE = "Rapport"
DESCRIPTION = "Relationships and belonging in your online course."


def tool_urls(request) -> dict[str, str]:
    absolute = request.build_absolute_uri
    launch = absolute(reverse("lti:launch"))
    return {
        "login": absolute(reverse("lti:login")),
        "launch": launch,
        "deep_linking": launch,  # one launch URL; the message type tells them apart
        "redirect_uris": launch,
        "jwks": absolute(reverse("lti:jwks")),
        "config_json": absolute(reverse("lti:config_json")),
        "domain": request.get_host(),
    }


def canvas_json(urls: dict[str, str]) -> dict:
    """A Canvas developer key (LTI 1.3), "Paste JSON" or "Enter URL"."""
    placement = {"text": TITLE, "enabled": True, "message_type": "LtiResourceLinkRequest"}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "oidc_initiation_url": urls["login"],
        "target_link_uri": urls["launch"],
        "public_jwk_url": urls["jwks"],
        "scopes": [NRPS_SCOPE],
        "custom_fields": {"term": "$Canvas.term.name"},
        "extensions": [
            {
                "platform": "canvas.instructure.com",
                "domain": urls["domain"],
                "privacy_level": "public",  # names and emails: the roster needs them
                "settings": {
                    "placements": [
                        {**placement, "placement": "course_navigation", "default": "enabled"},
                        {
                            **placement,
                            "placement": "link_selection",
                            "message_type": "LtiDeepLinkingRequest",
                            "target_link_uri": urls["deep_linking"],
                        },
                        {
                            **placement,
                            "placement": "assignment_selection",
                            "message_type": "LtiDeepLinkingRequest",
                            "target_link_uri": urls["deep_linking"],
                        },
                    ]
                },
            }
        ],
    }


def moodle_fields(urls: dict[str, str]) -> list[tuple[str, str]]:
    """Site administration → Plugins → External tool → Manage tools → configure a tool
    manually, field by field."""
    return [
        ("Tool name", TITLE),
        ("Tool URL", urls["launch"]),
        ("LTI version", "LTI 1.3"),
        ("Public key type", "Keyset URL"),
        ("Public keyset", urls["jwks"]),
        ("Initiate login URL", urls["login"]),
        ("Redirection URI(s)", urls["redirect_uris"]),
        ("Supports Deep Linking (Content-Item Message)", "Yes"),
        ("Content Selection URL", urls["deep_linking"]),
        (
            "IMS LTI Names and Role Provisioning",
            "Use this service to retrieve members' information as per privacy settings",
        ),
        ("Share launcher's name with tool", "Always"),
        ("Share launcher's email with tool", "Always"),
        ("Default launch container", "Embed, without blocks"),
    ]
