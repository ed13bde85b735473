"""The teaching team's tools: learners' posts waiting for a reply with the class's reply
times, members' reports, and pinning, locking and hiding."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from rapport.community.discussions import moderation, queues
from rapport.community.discussions.views.common import page_number, post_or_404, topic_or_404
from rapport.core.http import safe_next
from rapport.courses.access import STAFF, course_access


@course_access(STAFF)
@require_safe
def waiting(request):
    return render(
        request,
        "community/discussions/waiting.html",
        {
            "waiting": queues.waiting(course=request.course, page_number=page_number(request)),
            "figures": queues.reply_figures(course=request.course),
        },
    )


@course_access(STAFF)
@require_safe
def moderation_queue(request):
    return render(
        request,
        "community/discussions/moderation.html",
        {
            "posts": queues.reported_posts(course=request.course, user=request.user),
            "resolved": queues.recently_resolved(course=request.course),
        },
    )


def _choice(request, name: str) -> bool | None:
    """A yes/no form field: "1" or "0", anything else None."""
    return {"1": True, "0": False}.get(request.POST.get(name, ""))


@course_access(STAFF)
@require_POST
def report_resolve(request, post_id: int):
    post = post_or_404(request, post_id)
    hide = _choice(request, "hide")
    if hide is None:
        messages.error(request, "Choose whether to keep the post or hide it.")
    else:
        closed = moderation.report_resolve(post=post, staff=request.user, hide=hide)
        if not closed:
            messages.info(request, "Those reports were already dealt with.")
        elif hide:
            messages.success(request, "Hidden from learners, and the reports are closed.")
        else:
            messages.success(request, "Kept as it is, and the reports are closed.")
    return redirect("community:moderation", course_slug=request.course.slug)


@course_access(STAFF)
@require_POST
def post_hide(request, post_id: int):
    post = post_or_404(request, post_id)
    hidden = _choice(request, "hidden")
    if hidden is None:
        messages.error(request, "Choose whether to hide the post or show it again.")
    else:
        moderation.post_hide(post=post, staff=request.user, hidden=hidden)
        what = "topic" if post.is_opening else "post"
        messages.success(
            request,
            f"That {what} is hidden from learners."
            if hidden
            else f"That {what} is back for everyone.",
        )
    return redirect(safe_next(request, post.get_absolute_url()))


@course_access(STAFF)
@require_POST
def topic_pin(request, topic_id: int):
    topic = topic_or_404(request, topic_id)
    pinned = _choice(request, "pinned")
    if pinned is None:
        messages.error(request, "Choose whether to pin the topic or unpin it.")
    else:
        moderation.topic_pin(topic=topic, staff=request.user, pinned=pinned)
        messages.success(request, "Pinned to the top." if pinned else "Unpinned.")
    return redirect(safe_next(request, topic.get_absolute_url()))


@course_access(STAFF)
@require_POST
def topic_lock(request, topic_id: int):
    topic = topic_or_404(request, topic_id)
    locked = _choice(request, "locked")
    if locked is None:
        messages.error(request, "Choose whether to lock the topic or unlock it.")
    else:
        moderation.topic_lock(topic=topic, staff=request.user, locked=locked)
        messages.success(
            request, "Locked: no new replies." if locked else "Unlocked: replies are open."
        )
    return redirect(safe_next(request, topic.get_absolute_url()))
