"""Staff's message templates: the team's list, making, changing and deleting one's own,
and sending one personal note per learner from a template after reviewing each."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.presence import selectors, services
from rapport.presence.forms import ChooseLearnersForm, TemplateForm
from rapport.presence.placeholders import (
    NO_ANSWER_FALLBACK,
    placeholder_values_for_many,
    placeholders_used,
    render_placeholders,
)


def _list_redirect(request):
    return redirect("presence:templates", course_slug=request.course.slug)


@course_access(STAFF)
@require_safe
def template_list(request):
    return render(
        request,
        "presence/templates.html",
        {"templates": selectors.templates_for(course=request.course)},
    )


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def template_new(request):
    form = TemplateForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            template = services.template_create(
                course=request.course, owner=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Saved “{template.name}”.")
            return _list_redirect(request)
    return render(request, "presence/template_form.html", {"form": form})


def _own_template_or_404(request, template_id: int):
    template = selectors.template_for(
        course=request.course, template_id=template_id, owner=request.user
    )
    if template is None:
        raise Http404("No such template of yours.")
    return template


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def template_edit(request, template_id: int):
    template = _own_template_or_404(request, template_id)
    form = TemplateForm(
        request.POST if request.method == "POST" else None,
        initial={"name": template.name, "kind": template.kind, "body": template.body},
    )
    if form.is_bound and form.is_valid():
        try:
            services.template_update(template=template, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Saved “{template.name}”.")
            return _list_redirect(request)
    return render(request, "presence/template_form.html", {"form": form, "template": template})


@course_access(STAFF)
@require_POST
def template_delete(request, template_id: int):
    template = _own_template_or_404(request, template_id)
    services.template_delete(template=template, actor=request.user)
    messages.success(request, f"Deleted “{template.name}”.")
    return _list_redirect(request)


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def template_send(request, template_id: int):
    """Three steps in one URL: choose learners (GET), review one note each (POST
    step=review), send them (POST step=send)."""
    template = selectors.template_for(course=request.course, template_id=template_id)
    if template is None:
        raise Http404("No such template.")
    learners = selectors.learners(course=request.course)
    if request.method == "POST" and request.POST.get("step") == "send":
        return _send(request, template)
    form = ChooseLearnersForm(
        request.POST if request.method == "POST" else None,
        learners=learners,
        initial={"learners": _ids(request.GET.getlist("to"))},
    )
    if form.is_bound and form.is_valid():
        course = request.course
        chosen = selectors.learners_by_id(course=course, ids=form.cleaned_data["learners"])
        values = placeholder_values_for_many(
            learners=[member.user for member in chosen], course=course
        )
        reviews = [
            (
                member,
                render_placeholders(template.body, values[member.user_id]),
                placeholders_used(template.body, values[member.user_id]),
            )
            for member in chosen
        ]
        return _review(request, template, reviews, tone=form.cleaned_data["tone"])
    return render(
        request,
        "presence/template_send.html",
        {
            "template": template,
            "form": form,
            "learners": learners,
            "chosen": {str(value) for value in form["learners"].value() or []},
        },
    )


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


def _review(request, template, reviews, *, tone: str, error: str = ""):
    return render(
        request,
        "presence/template_review.html",
        {
            "template": template,
            "reviews": reviews,
            "tone": tone,
            "error": error,
            "no_answer_fallback": NO_ANSWER_FALLBACK,
        },
    )


def _send(request, template):
    ids = _ids(request.POST.getlist("learner"))
    bodies = {pk: request.POST.get(f"body_{pk}", "") for pk in ids}
    tone = request.POST.get("tone", "")
    try:
        sent = services.notes_send_from_template(
            course=request.course, author=request.user, tone=tone, bodies=bodies
        )
    except Refused as refusal:
        chosen = selectors.learners_by_id(course=request.course, ids=ids)
        # The bodies were already edited by hand: what the placeholders became no longer
        # describes them, so the retry shows only the notes.
        reviews = [(m, bodies[m.user_id], []) for m in chosen]
        return _review(request, template, reviews, tone=tone, error=refusal.message)
    count = len(sent)
    messages.success(request, f"Sent {count} personal note{'s' if count != 1 else ''}.")
    return redirect(reverse("presence:feed", args=[request.course.slug]) + "?kind=note")
