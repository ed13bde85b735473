"""The resource library (every member reads it; staff add, change and delete), its files,
picking resources for one learner, and "Picked for you"."""

from django.contrib import messages
from django.core.files.uploadhandler import StopUpload
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core import files
from rapport.core.paging import FACES_UP_TO, page_of, query_without_page
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.knowing.forms_resources import ResourceForm, SendForm
from rapport.knowing.recommend import selectors, services
from rapport.media.ranges import ranged_file_response
from rapport.media.uploads import MaxSizeUploadHandler

# Resources on one page of the library.
RESOURCES_PER_PAGE = 30


def _library_redirect(request):
    return redirect("knowing:resources", course_slug=request.course.slug)


@course_access()
@require_safe
def library(request):
    tag = " ".join(request.GET.get("tag", "").lower().split())
    is_staff = request.membership.is_staff
    learners = selectors.active_learners(course=request.course) if is_staff else []
    return render(
        request,
        "knowing/resources/library.html",
        {
            "resources": page_of(
                selectors.resources_for(course=request.course, tag=tag),
                request,
                per_page=RESOURCES_PER_PAGE,
            ),
            "params": query_without_page(request),
            "tags": selectors.tags_in_use(course=request.course),
            "tag": tag,
            "learners": learners,
            # A face for each learner of a big class was most of the page: names alone.
            "faces": len(learners) <= FACES_UP_TO,
        },
    )


class _SizeLimit(MaxSizeUploadHandler):
    """Stops reading a file past the library's cap — but, unlike a recording's upload, lets
    the rest of the body drain so the person gets the form back with a clear message."""

    def _stop(self):
        self.too_big = True
        raise StopUpload(connection_reset=False)


def _with_size_limit(request) -> _SizeLimit | None:
    if request.method != "POST":
        return None
    handler = _SizeLimit(request, limit=files.MAX_BYTES)
    request.upload_handlers.insert(0, handler)
    return handler


# The size check must be installed before anything reads the body, and CSRF checking reads
# request.POST: so CSRF is checked inside, after the handler (as media's upload does).
@csrf_exempt
@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def resource_new(request):
    return _resource_form(request, None, _with_size_limit(request))


@csrf_exempt
@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def resource_edit(request, resource_id: int):
    resource = _resource_or_404(request, resource_id)
    return _resource_form(request, resource, _with_size_limit(request))


def _resource_or_404(request, resource_id: int):
    resource = selectors.resource_in(course=request.course, resource_id=resource_id)
    if resource is None:
        raise Http404("No such resource.")
    return resource


@csrf_protect
def _resource_form(request, resource, size_limit: _SizeLimit | None):
    has_file = bool(resource and resource.file)
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES, has_file=has_file)
    else:
        form = ResourceForm(initial=_initial(resource), has_file=has_file)
    if size_limit is not None and size_limit.too_big:
        form.is_valid()
        form.add_error(
            "file",
            f"That file is over {filesizeformat(files.MAX_BYTES)}, the limit for a resource.",
        )
    elif form.is_bound and form.is_valid():
        try:
            if resource is None:
                saved = services.resource_create(
                    course=request.course, creator=request.user, data=form.to_input()
                )
            else:
                saved = services.resource_update(
                    resource=resource, editor=request.user, data=form.to_input()
                )
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Saved “{saved.title}”.")
            return _library_redirect(request)
    return render(request, "knowing/resources/form.html", {"form": form, "resource": resource})


def _initial(resource) -> dict:
    if resource is None:
        return {}
    return {
        "title": resource.title,
        "url": resource.url,
        "description": resource.description,
        "tags": ", ".join(resource.tag_list),
        "level": resource.level,
    }


@course_access(STAFF)
@require_POST
def resource_delete(request, resource_id: int):
    resource = _resource_or_404(request, resource_id)
    services.resource_delete(resource=resource, actor=request.user)
    messages.success(request, f"Deleted “{resource.title}”.")
    return _library_redirect(request)


@course_access()
@require_safe
def resource_file(request, resource_id: int):
    resource = _resource_or_404(request, resource_id)
    if not resource.file:
        raise Http404("This resource is a link, not a file.")
    return ranged_file_response(
        request,
        resource.file,
        content_type=resource.file_type or "application/octet-stream",
        etag=f'"resource-{resource.pk}-{resource.file.name.rsplit("/", 2)[-2]}"',
        filename=resource.file_name or None,
        as_attachment=not resource.is_image,
    )


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def recommend(request, user_id: int):
    membership = selectors.learner_membership(course=request.course, user_id=user_id)
    if membership is None:
        raise Http404("No such learner in this course.")
    form = SendForm(request.POST if request.method == "POST" else None)
    sent = None
    if form.is_bound:
        sent = _send(request, form, membership.user)
        if sent is not None and not request.htmx:
            return redirect(request.path)
    picks = selectors.suggestions_for(course=request.course, membership=membership)
    if request.htmx and form.is_bound:
        wanted = form.cleaned_data.get("resource")
        chosen = [item for item in picks.suggestions if item.resource.pk == wanted]
        if chosen:
            return render(
                request,
                "knowing/resources/_suggestion.html",
                {"suggestion": chosen[0], "learner": membership.user, "item_error": _error(form)},
            )
    return render(
        request,
        "knowing/resources/recommend.html",
        {"picks": picks, "learner": membership.user, "form_error": _error(form)},
    )


def _send(request, form: SendForm, learner):
    if not form.is_valid():
        form.add_error(None, "Choose a resource to send.")
        return None
    resource = selectors.resource_in(
        course=request.course, resource_id=form.cleaned_data["resource"]
    )
    if resource is None:
        form.add_error(None, "That resource is no longer in the library.")
        return None
    try:
        recommendation = services.recommendation_send(
            course=request.course,
            resource=resource,
            learner=learner,
            sender=request.user,
            note=form.cleaned_data["note"],
        )
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return None
    if not request.htmx:
        messages.success(request, f"Sent “{resource.title}” to {learner.display_name}.")
    return recommendation


def _error(form: SendForm) -> str:
    errors = form.non_field_errors() if form.is_bound else []
    return errors[0] if errors else ""


@course_access()
@require_safe
def picked(request):
    is_staff = request.membership.is_staff
    return render(
        request,
        "knowing/resources/picked.html",
        {
            "picks": selectors.picked_for(course=request.course, learner=request.user),
            "team_sent": selectors.sent_by_team(course=request.course) if is_staff else [],
            "library_url": reverse("knowing:resources", args=[request.course.slug]),
        },
    )
