"""The tool's configuration, for the site administrator registering Rapport in an LMS."""

import json

from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.shortcuts import render
from lti_tool.models import LtiRegistration

from rapport.integrations.lti.config import canvas_json, moodle_fields, tool_urls
from rapport.integrations.lti.keys import signing_key_ensure


@staff_member_required
def config(request):
    signing_key_ensure()
    urls = tool_urls(request)
    registrations = LtiRegistration.objects.prefetch_related("deployments").order_by("name")
    return render(
        request,
        "lti/config.html",
        {
            "urls": urls,
            "canvas_json": json.dumps(canvas_json(urls), indent=2),
            "moodle_fields": moodle_fields(urls),
            "registrations": registrations,
        },
    )


def config_json(request):
    """The Canvas developer key JSON, public so Canvas can read it by URL: it holds only
    Rapport's own addresses."""
    return JsonResponse(canvas_json(tool_urls(request)), json_dumps_params={"indent": 2})
