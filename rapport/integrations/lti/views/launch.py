"""The platform-facing URLs: OIDC login initiation, the launch, the JWKS.

They are posted to from inside the LMS's frame, across sites: no CSRF token (the id_token's
signature, the state cookie and the nonce stand in for it) and framing allowed."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from lti_tool.constants import SESSION_KEY
from lti_tool.models import Key, LtiLaunch
from lti_tool.utils import DjangoToolConfig
from lti_tool.views import OIDCLoginInitView
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from rapport.core.refusals import Refused
from rapport.core.security import with_nonce
from rapport.integrations.lti.framing import frame_origins
from rapport.integrations.lti.keys import signing_key_ensure
from rapport.integrations.lti.middleware import FRAME_ORIGINS_SESSION_KEY
from rapport.integrations.lti.pending_choices import course_choice_keep
from rapport.integrations.lti.roster_sync import roster_sync_after_launch
from rapport.integrations.lti.services import CourseChoiceNeeded, LaunchOutcome, launch_accept
from rapport.integrations.lti.validation import (
    COOKIE_BLOCKED,
    friendly_reason,
    launch_from_request,
)

BACKEND = "django.contrib.auth.backends.ModelBackend"
TARGET_MISSING = "The page this link opens isn't in Rapport any more, so here is your course."


def refused_page(request, reason: str, *, status: int) -> HttpResponse:
    """A launch that cannot go on, said plainly, framable by whoever showed it."""
    response = render(
        request,
        "lti/refused.html",
        {"reason": reason, "cookie_blocked": reason == COOKIE_BLOCKED},
        status=status,
    )
    response.xframe_options_exempt = True
    return response


@method_decorator(
    (
        csrf_exempt,
        xframe_options_exempt,
        # the cookie check page shows and hides its messages with style attributes
        csp_update({"script-src": [NONCE], "style-src-attr": ["'unsafe-inline'"]}),
    ),
    name="dispatch",
)
class LoginView(OIDCLoginInitView):
    """Step one: the platform asks Rapport to start a sign-in. pylti1p3's cookie check
    page comes first; where the frame's cookies are blocked it offers to open Rapport in a
    new tab, where they are not."""

    main_msg = (
        "Your browser blocks the cookies Rapport needs inside this course page. "
        "Rapport can still open, in a tab of its own."
    )
    click_msg = "Open Rapport in a new tab"
    loading_msg = "Opening Rapport…"

    def get_oidc_response(self, request, registration_uuid, params):
        signing_key_ensure()  # django-lti reads the registration with the tool's key
        oidc_login = DjangoOIDCLogin(
            request,
            DjangoToolConfig(registration_uuid),
            launch_data_storage=DjangoCacheDataStorage(),
        )
        oidc_login.enable_check_cookies(self.main_msg, self.click_msg, self.loading_msg)
        # Every launch comes back to the one launch URL the platform has registered, whatever
        # target_link_uri says; where it goes next is decided from the signed launch (its
        # custom target).
        try:
            response = oidc_login.redirect(request.build_absolute_uri(reverse("lti:launch")))
        except (OIDCException, LtiException):
            return refused_page(
                request,
                "Rapport does not know the platform this sign-in came from. Ask your site "
                "administrator to register it.",
                status=400,
            )
        if response.status_code == 200:
            # The cookie check page: pylti1p3's own inline script and style, let run by the
            # request's nonce (the policy allows no other inline script).
            response.content = with_nonce(response.content.decode(), request)
        return response


@csrf_exempt
@xframe_options_exempt
@require_POST
def launch(request):
    """Step two: the platform posts the signed id_token. Checked by pylti1p3 (plus the
    audience), then accepted in one transaction; the person is signed in and sent on."""
    signing_key_ensure()
    try:
        lti_launch = launch_from_request(request)
    except LtiException as error:
        return refused_page(request, friendly_reason(error), status=400)
    try:
        outcome = launch_accept(launch=lti_launch)
    except Refused as refusal:
        return refused_page(request, refusal.message, status=403)
    if isinstance(outcome, CourseChoiceNeeded):
        if request.user.is_authenticated and request.user.pk != outcome.user.pk:
            logout(request)  # someone else's session: this browser is now the launcher's
        # Framed by the platform from here on, as the launched session will be.
        request.session[FRAME_ORIGINS_SESSION_KEY] = frame_origins(lti_launch)
        token = course_choice_keep(request.session, choice=outcome)
        return redirect("lti:course_choice", token=token)
    return launch_finish(request, lti_launch, outcome)


def launch_finish(request, lti_launch: LtiLaunch, outcome: LaunchOutcome) -> HttpResponse:
    """The person signed in, the roster sync started, and on to their page: the end of
    every accepted launch, straight away or once its course has been chosen."""
    login(request, outcome.user, backend=BACKEND)
    request.session[SESSION_KEY] = lti_launch.get_launch_id()
    request.session[FRAME_ORIGINS_SESSION_KEY] = frame_origins(lti_launch)
    if outcome.membership.is_instructor and lti_launch.nrps_claim:
        roster_sync_after_launch(link=outcome.link, user=outcome.user)
    if lti_launch.is_deep_link_launch:
        return redirect("lti:deep_link")
    if outcome.target_missing:
        messages.info(request, TARGET_MISSING)
    return redirect(outcome.next_url)


def jwks(request):
    """Rapport's public keys, for platforms checking what Rapport signs."""
    signing_key_ensure()
    return JsonResponse(Key.objects.as_jwks())
