"""The course's staff page "This course in your LMS": the linked LMS course(s), the last
roster sync, "Sync roster now" and the sync's progress (polled with htmx; without it the
page itself shows where the sync is, and reloading it moves on)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from rapport.core.refusals import Refused
from rapport.courses.access import INSTRUCTOR, STAFF, course_access
from rapport.integrations.lti.models import CourseLink, RosterSync
from rapport.integrations.lti.roster_sync import roster_sync_request


def _links(course):
    links = list(
        CourseLink.objects.filter(course=course)
        .select_related("context__deployment__registration")
        .order_by("linked_at", "pk")
    )
    latest = {}
    syncs = RosterSync.objects.filter(link__in=links).select_related("requested_by")
    for sync in syncs.order_by("link_id", "-created_at", "-pk"):
        latest.setdefault(sync.link_id, sync)
    for link in links:
        link.latest_sync = latest.get(link.pk)
    return links


@course_access(STAFF)
@require_GET
def course_lti(request):
    return render(request, "lti/course.html", {"links": _links(request.course)})


@course_access(INSTRUCTOR)
@require_POST
def sync_start(request):
    links = CourseLink.objects.filter(course=request.course).select_related("context")
    if not links:
        messages.error(request, "This course is not linked to an LMS course yet.")
    for link in links:
        try:
            roster_sync_request(link=link, user=request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"Syncing the class list from {link.context}.")
    return redirect("lti:course", course_slug=request.course.slug)


@course_access(STAFF)
@require_GET
def sync_progress(request, sync_id: int):
    sync = RosterSync.objects.filter(pk=sync_id, link__course=request.course).first()
    if sync is None:
        raise Http404("No such sync.")
    template = "lti/_sync.html" if request.htmx else "lti/sync.html"
    return render(request, template, {"sync": sync})
