"""Checking a launch with the libraries, plus the checks they leave out.

pylti1p3 checks the state cookie, the JWT's shape, that the nonce was issued at login, the
registration (issuer + client id), the platform's JWKS signature and ``exp``, the deployment
and the message type and version. It decodes with ``verify_aud`` off and only compares the
first audience with the client id, and it does not require ``exp`` at all; here the
audience must hold our client id, ``azp`` must name it whenever it is present or there are
several audiences, and ``exp`` and ``iat`` must be present. The platform's keys come from a
cache (``platform_keys``) instead of a fetch per launch. Replays are refused later, by
the used-nonce record (``services.nonce_use``)."""

from lti_tool.models import LtiLaunch
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.exception import LtiException

from rapport.integrations.lti.platform_keys import platform_key_set

# Why a launch failed, for the person: pylti1p3's messages are for developers.
FRIENDLY = [
    ("Missing state param", "The launch did not say which sign-in it belongs to."),
    ("State not found", "cookie"),
    ("cookie", "cookie"),
    ("Invalid Nonce", "This launch was not started from your course, or it is too old."),
    ('"nonce" is empty', "This launch was not started from your course, or it is too old."),
    ("Registration not found", "Rapport does not know the platform this launch came from."),
    ("Client id not registered", "Rapport does not know the platform this launch came from."),
    ("audience", "This launch was meant for another tool, not Rapport."),
    ("Signature has expired", "This launch has expired. Open Rapport from your course again."),
    ("Unable to find public key", "This launch was not signed by your learning platform."),
    ("Can't decode id_token", "This launch was not signed by your learning platform."),
    ("Unable to find deployment", "This installation of Rapport is not known."),
    ("Incorrect version", "Rapport speaks LTI 1.3; this launch used another version."),
    ("message", "Rapport cannot open this kind of launch."),
    ("Validat", "Rapport cannot open this kind of launch."),
]
COOKIE_BLOCKED = (
    "Your browser did not send back the cookie Rapport set a moment ago, so this launch "
    "cannot be checked. Browsers often block cookies inside a course page's frame."
)


def friendly_reason(error: Exception) -> str:
    text = str(error)
    for fragment, reason in FRIENDLY:
        if fragment.lower() in text.lower():
            return COOKIE_BLOCKED if reason == "cookie" else reason
    return "This launch could not be checked."


class RapportMessageLaunch(DjangoMessageLaunch):
    def validate_jwt_signature(self):
        super().validate_jwt_signature()
        body = self._jwt.get("body", {})
        client_id = self._registration.get_client_id()
        aud = body.get("aud")
        audiences = aud if isinstance(aud, list) else [aud]
        if client_id not in audiences:
            raise LtiException("Wrong audience: the token is not for this client id")
        azp = body.get("azp")
        if (azp is not None or len(audiences) > 1) and azp != client_id:
            raise LtiException("Wrong authorized party (azp) for this audience")
        return self

    def get_public_key(self):
        """pylti1p3's, with the platform's keys from Rapport's cache (platform_keys.py)
        rather than fetched anew for every launch."""
        registration = self._tool_config.registration
        if registration is not None and not self._registration.get_key_set():
            kid = self._jwt.get("header", {}).get("kid")
            self._registration.set_key_set(
                platform_key_set(registration=registration, kid=kid, fetch=self.fetch_public_key)
            )
        return super().get_public_key()


def launch_from_request(request) -> LtiLaunch:
    """The validated launch posted to the launch URL; raises LtiException."""
    message_launch = RapportMessageLaunch(
        request, DjangoToolConfig(), launch_data_storage=DjangoCacheDataStorage()
    )
    message_launch.set_jwt_verify_options({"verify_aud": False, "require": ["exp", "iat"]})
    message_launch.validate()
    return LtiLaunch(message_launch)


def launch_from_cache(request, launch_id: str) -> LtiLaunch:
    """A launch this browser already made (kept in the cache by pylti1p3 for a day), for
    the deep-linking picker that answers it later."""
    message_launch = RapportMessageLaunch.from_cache(
        launch_id, request, DjangoToolConfig(), launch_data_storage=DjangoCacheDataStorage()
    )
    return LtiLaunch(message_launch)


def launch_restored(request, launch_id: str, launch_data: dict) -> LtiLaunch:
    """A launch this browser made and Rapport accepted, rebuilt from the claims kept for it
    (pending_choices.py); as ``from_cache`` does, without checking it again."""
    message_launch = (
        RapportMessageLaunch(
            request, DjangoToolConfig(), launch_data_storage=DjangoCacheDataStorage()
        )
        .set_launch_id(launch_id)
        .set_auto_validation(enable=False)
        .set_jwt({"body": launch_data})
        .set_restored()
        .validate_registration()
    )
    return LtiLaunch(message_launch)
