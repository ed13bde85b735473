"""One post and what others do with it: react, reply, vote and — staff — feature. Each
small action answers htmx with the piece it changed, and a plain post with a redirect back."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from rapport.community.rituals import selectors, services
from rapport.community.rituals.forms import ReplyForm
from rapport.community.rituals.views.common import post_or_404
from rapport.core.http import safe_next
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access


def _post_url(post) -> str:
    return post.get_absolute_url()


def _post_context(post, reply_form) -> dict:
    return {
        "post": post,
        "round": post.round,
        "ritual": post.round.ritual,
        "is_open": post.round.is_open(),
        "reply_form": reply_form,
    }


@course_access()
@require_safe
def post_detail(request, post_id: int):
    post = selectors.post_decorated(post=post_or_404(request, post_id), user=request.user)
    return render(
        request,
        "community/rituals/post.html",
        _post_context(post, ReplyForm()),
    )


@course_access()
@require_POST
def post_react(request, post_id: int):
    post = post_or_404(request, post_id)
    error = ""
    try:
        services.post_react(
            post=post, user=request.user, emoji=request.POST.get("emoji", ""), course=request.course
        )
    except Refused as refusal:
        error = refusal.message
    if request.htmx:
        selectors.post_decorated(post=post, user=request.user)
        return render(
            request,
            "community/rituals/_reactions.html",
            {"post": post, "error": error, "next": safe_next(request, "")},
        )
    if error:
        messages.error(request, error)
    return redirect(safe_next(request, _post_url(post)))


@course_access()
@require_POST
def post_reply(request, post_id: int):
    post = post_or_404(request, post_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply = services.post_reply(post=post, author=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error("body", refusal.message)
        else:
            if not request.htmx:
                messages.success(request, "Your reply is posted.")
                return redirect(_post_url(post) + f"#reply-{reply.pk}")
            form = ReplyForm()
    selectors.post_decorated(post=post, user=request.user)
    context = _post_context(post, form)
    if request.htmx:
        return render(request, "community/rituals/_replies.html", context)
    return render(request, "community/rituals/post.html", context)


@course_access()
@require_POST
def post_vote(request, post_id: int):
    post = post_or_404(request, post_id)
    try:
        voted = services.post_vote(post=post, voter=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        author = post.author.display_name
        messages.success(
            request, f"Your vote is on {author}'s post." if voted else "You took your vote back."
        )
    return redirect(safe_next(request, post.round.get_absolute_url() + f"#post-{post.pk}"))


@course_access(STAFF)
@require_POST
def post_feature(request, post_id: int):
    post = post_or_404(request, post_id)
    featured = request.POST.get("featured", "1") != "0"
    try:
        services.post_feature(post=post, actor=request.user, featured=featured)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        name = post.author.display_name
        messages.success(
            request,
            f"{name}'s post is featured — they're being told."
            if featured
            else f"{name}'s post is no longer featured.",
        )
    return redirect(safe_next(request, post.round.get_absolute_url() + f"#post-{post.pk}"))
