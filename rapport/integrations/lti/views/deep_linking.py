"""The picker an instructor sees when their LMS asks Rapport for content to place."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from lti_tool.constants import SESSION_KEY
from pylti1p3.exception import LtiException

from rapport.courses.models import Membership, MembershipStatus
from rapport.integrations.lti.deep_linking import content_items, placeable_pages
from rapport.integrations.lti.framing import origin_of
from rapport.integrations.lti.models import CourseLink
from rapport.integrations.lti.validation import launch_from_cache
from rapport.integrations.lti.views.launch import refused_page

NO_PICKER = 'This page only opens from your course\'s "add content" step in your LMS.'


def _picker_membership(request):
    """The launch this browser made, if it was a deep-linking request, and the person's
    staff place in the course it opened; (launch, None) or (None, None) otherwise."""
    launch_id = request.session.get(SESSION_KEY)
    if not launch_id or not request.user.is_authenticated:
        return None, None
    try:
        lti_launch = launch_from_cache(request, launch_id)
    except LtiException:
        return None, None
    if not lti_launch.is_deep_link_launch:
        return None, None
    link = CourseLink.objects.filter(context=lti_launch.context).first()
    membership = (
        Membership.objects.select_related("course")
        .filter(
            course=link.course if link else None, user=request.user, status=MembershipStatus.ACTIVE
        )
        .first()
    )
    if membership is None or not membership.is_staff:
        return lti_launch, None
    return lti_launch, membership


# Framed by the LMS through the launched session's frame-ancestors (LtiFrameMiddleware),
# not by anyone: the picker posts a choice that a framing page must not trick out of it.
@require_http_methods(["GET", "POST"])
def deep_link(request):
    lti_launch, membership = _picker_membership(request)
    if membership is None:
        return refused_page(request, NO_PICKER, status=403)
    course = membership.course
    pages = placeable_pages(course)
    settings = lti_launch.get_claim(
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
    )
    multiple = settings.get("accept_multiple", True) is not False
    error = ""
    if request.method == "POST":
        chosen_keys = request.POST.getlist("page")
        chosen = [page for page in pages if page.key in chosen_keys]
        if not multiple:
            chosen = chosen[:1]
        return_url = settings.get("deep_link_return_url", "")
        if chosen and origin_of(return_url):
            launch_url = request.build_absolute_uri(reverse("lti:launch"))
            deep_link = lti_launch.get_message_launch().get_deep_link()
            token = deep_link.get_response_jwt(content_items(chosen, launch_url=launch_url))
            del request.session[SESSION_KEY]
            response = render(
                request,
                "lti/deep_link_return.html",
                {"return_url": return_url, "token": token},
            )
            # The page's form posts the choice back to the LMS.
            response._csp_update = {"form-action": [origin_of(return_url)]}
            return response
        error = "Choose at least one page to add."
    return render(
        request,
        "lti/deep_link.html",
        {"course": course, "pages": pages, "multiple": multiple, "error": error},
        status=400 if error else 200,
    )
