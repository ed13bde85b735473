"""Shout-out pages: the course wall, "for me", one shout-out, giving one, and the staff's
tag list. The wall's "Show older" is htmx; without it, the same link loads a full page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.community.models.settings import community_settings_for
from rapport.community.shoutouts import selectors, services
from rapport.community.shoutouts.forms import ShoutoutForm, TagForm
from rapport.core.paging import FACES_UP_TO
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access


def _list(request, *, template: str, page, extra: dict | None = None):
    context = {"page": page, **(extra or {})}
    if request.htmx and request.GET.get("page"):
        return render(request, "community/shoutouts/_items.html", context)
    return render(request, template, context)


@course_access()
@require_safe
def wall(request):
    page = selectors.wall_page(
        course=request.course,
        user=request.user,
        is_staff=request.membership.is_staff,
        page_number=request.GET.get("page") or 1,
    )
    return _list(request, template="community/shoutouts/wall.html", page=page)


@course_access()
@require_safe
def for_me(request):
    page = selectors.for_me_page(
        course=request.course, user=request.user, page_number=request.GET.get("page") or 1
    )
    return _list(request, template="community/shoutouts/for_me.html", page=page)


@course_access()
@require_safe
def detail(request, shoutout_id: int):
    shoutout = selectors.shoutout_for(
        course=request.course,
        user=request.user,
        is_staff=request.membership.is_staff,
        shoutout_id=shoutout_id,
    )
    if shoutout is None:
        raise Http404("No such shout-out.")
    return render(request, "community/shoutouts/detail.html", {"shoutout": shoutout})


def _preselected(request, members) -> list[int]:
    ids = {m.user_id for m in members}
    return [int(v) for v in request.GET.getlist("to") if v.isdigit() and int(v) in ids]


@course_access()
@require_http_methods(["GET", "POST"])
def give(request):
    course = request.course
    services.shoutout_tags_ensure(course=course)
    members = selectors.pickable_members(course=course, user=request.user)
    tags = selectors.tags(course=course)
    form = ShoutoutForm(
        request.POST if request.method == "POST" else None,
        members=members,
        tags=tags,
        initial={"receivers": _preselected(request, members), "tag": tags[0].pk if tags else None},
    )
    if form.is_bound and form.is_valid():
        try:
            shoutout = services.shoutout_give(
                course=course,
                giver=request.user,
                receiver_ids=form.cleaned_data["receivers"],
                tag_id=form.cleaned_data["tag"],
                message=form.cleaned_data["message"],
                visibility=form.cleaned_data["visibility"],
            )
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            names = ", ".join(person.display_name for person in shoutout.receiver_users)
            messages.success(request, f"Your shout-out is on its way to {names}.")
            return redirect(shoutout)
    limit = community_settings_for(course).shoutout_daily_limit
    used = services.given_today(course=course, giver=request.user, at=timezone.now())
    chosen = {str(value) for value in (form["receivers"].value() or [])}
    return render(
        request,
        "community/shoutouts/give.html",
        {
            "form": form,
            "members": members,
            # A face beside every name of a big class was most of the page: names alone.
            "big_class": len(members) > FACES_UP_TO,
            "chosen": chosen,
            "tags": tags,
            "limit": limit,
            "left_today": max(limit - used, 0),
        },
    )


# --- the teaching team's tags --------------------------------------------------------------


def _tags_page(request, *, add_form=None, editing=None, edit_form=None, status=200):
    services.shoutout_tags_ensure(course=request.course)
    return render(
        request,
        "community/shoutouts/tags.html",
        {
            "tags": selectors.tags(course=request.course, include_retired=True),
            "add_form": add_form or TagForm(),
            "editing": editing,
            "edit_form": edit_form,
        },
        status=status,
    )


def _tags_redirect(request):
    return redirect("community:shoutout_tags", course_slug=request.course.slug)


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def tags(request):
    """The list; POST adds a tag."""
    if request.method != "POST":
        return _tags_page(request)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            tag = services.shoutout_tag_create(
                course=request.course, actor=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Added the tag “{tag.label}”.")
            return _tags_redirect(request)
    return _tags_page(request, add_form=form)


def _tag_or_404(request, tag_id: int):
    tag = selectors.tag_for(course=request.course, tag_id=tag_id)
    if tag is None:
        raise Http404("No such tag.")
    return tag


@course_access(STAFF)
@require_POST
def tag_edit(request, tag_id: int):
    tag = _tag_or_404(request, tag_id)
    form = TagForm(request.POST, prefix=f"tag{tag.pk}")
    if form.is_valid():
        try:
            services.shoutout_tag_update(tag=tag, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Saved the tag “{tag.label}”.")
            return _tags_redirect(request)
    return _tags_page(request, editing=tag.pk, edit_form=form)


@course_access(STAFF)
@require_POST
def tag_retire(request, tag_id: int):
    """Retire a tag, or with ``restore`` offer it again."""
    tag = _tag_or_404(request, tag_id)
    restore = bool(request.POST.get("restore"))
    try:
        services.shoutout_tag_retire(tag=tag, actor=request.user, retired=not restore)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if restore:
            messages.success(request, f"“{tag.label}” is offered again.")
        else:
            messages.success(request, f"“{tag.label}” is retired. Shout-outs that used it keep it.")
    return _tags_redirect(request)
