"""One post: replying to it, editing it (its author), its edit history (its author and
staff), reacting, reporting it, and its photo."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.community.discussions import mentions, moderation, selectors, services
from rapport.community.discussions.forms import EditForm, ReplyForm, ReportForm
from rapport.community.discussions.views.common import form_data, post_or_404
from rapport.core.files import private_file_response
from rapport.core.http import safe_next
from rapport.core.refusals import Refused
from rapport.courses.access import course_access


def _decorated(request, post):
    selectors.decorate(
        [post], course=request.course, user=request.user, is_staff=request.membership.is_staff
    )
    return post


@course_access()
@require_http_methods(["GET", "POST"])
def post_reply(request, post_id: int):
    """The reply form under a post (htmx puts it in place; without it, a page of its
    own), and posting the reply."""
    parent = post_or_404(request, post_id)
    data, files = form_data(request)
    form = ReplyForm(
        data,
        files,
        auto_id=f"id_reply{parent.pk}_%s",
        course=request.course,
        group_id=parent.topic.group_id,
    )
    if form.is_bound and form.is_valid():
        try:
            reply = services.post_reply(
                parent=parent,
                author=request.user,
                body=form.cleaned_data["body"],
                **form.image_inputs(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your reply is posted.")
            return redirect(reply)
    context = {"parent": _decorated(request, parent), "topic": parent.topic, "form": form}
    if request.htmx and request.method == "GET":
        return render(request, "community/discussions/_reply_form.html", context)
    return render(request, "community/discussions/reply.html", context)


def _own_post_or_404(request, post_id: int):
    post = post_or_404(request, post_id)
    if post.author_id != request.user.pk:
        raise Http404("Only its author can change a post.")
    return post


@course_access()
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    post = _own_post_or_404(request, post_id)
    body, mentioned = mentions.editable_text(post.body, course=request.course)
    initial = {
        "body": body,
        "title": post.topic.title,
        "mention_ids": ",".join(str(pk) for pk in mentioned),
    }
    form = EditForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        course=request.course,
        group_id=post.topic.group_id,
    )
    if form.is_bound and form.is_valid():
        try:
            services.post_edit(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"] if post.is_opening else None,
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(post)
    return render(request, "community/discussions/edit.html", {"post": post, "form": form})


@course_access()
@require_safe
def post_history(request, post_id: int):
    post = post_or_404(request, post_id)
    if post.author_id != request.user.pk and not request.membership.is_staff:
        raise Http404("Only its author and the teaching team see a post's history.")
    revisions = selectors.revisions(post=post)
    return render(
        request,
        "community/discussions/history.html",
        {"post": _decorated(request, post), "revisions": revisions},
    )


@course_access()
@require_POST
def post_react(request, post_id: int):
    post = post_or_404(request, post_id)
    error = ""
    try:
        services.reaction_toggle(
            post=post, user=request.user, emoji=request.POST.get("emoji", ""), course=request.course
        )
    except Refused as refusal:
        error = refusal.message
    if request.htmx:
        return render(
            request,
            "community/discussions/_reactions.html",
            {"post": _decorated(request, post), "error": error, "next": safe_next(request, "")},
        )
    if error:
        messages.error(request, error)
    return redirect(safe_next(request, post.get_absolute_url()))


@course_access()
@require_http_methods(["GET", "POST"])
def post_report(request, post_id: int):
    post = post_or_404(request, post_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    own = post.author_id == request.user.pk
    if form.is_bound and form.is_valid():
        try:
            moderation.post_report(
                post=post, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request, "Thank you for telling us. The teaching team will take a look."
            )
            return redirect(post)
    return render(
        request,
        "community/discussions/report.html",
        {"post": _decorated(request, post), "form": form, "own": own},
    )


@course_access()
@require_safe
def post_image(request, post_id: int):
    post = post_or_404(request, post_id)
    return private_file_response(post.image, content_type="image/jpeg")
