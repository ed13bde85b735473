"""A round's page (the ritual's current one, or any past one), answering it, a post's
photo, and the archive of past rounds by week."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from rapport.community.rituals import selectors, services
from rapport.community.rituals.forms import AnswerForm
from rapport.community.rituals.views.common import (
    post_or_404,
    ritual_or_404,
    round_or_404,
)
from rapport.core.files import private_file_response
from rapport.core.refusals import Refused
from rapport.courses.access import course_access

# The staff see who has not answered an open round yet, this many by name (a note to each
# is a click away); the others are counted.
WAITING_SHOWN = 30


def _round_page(request, ritual, round_):
    now = timezone.now()
    context = {"ritual": ritual, "round": round_}
    if round_ is not None:
        context |= {
            "page": selectors.round_page(
                round=round_, user=request.user, page_number=request.GET.get("page") or 1
            ),
            "is_open": round_.is_open(now),
            "my_post": selectors.my_post(round=round_, user=request.user),
        }
        if context["is_open"] and context["my_post"] is None:
            context["form"] = AnswerForm()
        if context["is_open"] and request.membership.is_staff:
            waiting = selectors.not_answered(round=round_)
            context |= {
                "waiting": waiting[:WAITING_SHOWN],
                "waiting_count": len(waiting),
                "waiting_more": max(len(waiting) - WAITING_SHOWN, 0),
            }
    if request.htmx and request.GET.get("page"):
        return render(request, "community/rituals/_posts.html", context)
    return render(request, "community/rituals/round.html", context)


@course_access()
@require_safe
def ritual_current(request, ritual_id: int):
    """The ritual's open round — or, between rounds, the latest one."""
    ritual = ritual_or_404(request, ritual_id)
    return _round_page(request, ritual, selectors.current_round(ritual=ritual))


@course_access()
@require_safe
def round_detail(request, round_id: int):
    round_ = round_or_404(request, round_id)
    return _round_page(request, round_.ritual, round_)


@course_access()
@require_http_methods(["GET", "POST"])
def answer(request, round_id: int):
    """A member's answer to a round — learner or staff: write it, or change it while the
    round is open."""
    round_ = round_or_404(request, round_id)
    mine = selectors.my_post(round=round_, user=request.user)
    posted = request.method == "POST"
    form = AnswerForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"body": mine.body, "photo_alt": mine.photo_alt} if mine else None,
    )
    if posted and form.is_valid():
        try:
            post = services.ritual_answer_post(
                round=round_, author=request.user, **form.answer_inputs()
            )
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(
                request,
                "Your answer is saved." if mine else "Thanks for sharing! Your answer is up.",
            )
            return redirect(round_.get_absolute_url() + f"#post-{post.pk}")
    return render(
        request,
        "community/rituals/answer.html",
        {
            "ritual": round_.ritual,
            "round": round_,
            "form": form,
            "my_post": mine,
            "is_open": round_.is_open(),
        },
    )


@course_access()
@require_safe
def photo(request, post_id: int):
    post = post_or_404(request, post_id)
    field = post.photo if request.GET.get("size") == "full" else post.photo_thumb
    return private_file_response(field, content_type="image/jpeg")


@course_access()
@require_safe
def archive(request, ritual_id: int):
    ritual = ritual_or_404(request, ritual_id)
    page = selectors.archive_page(
        ritual=ritual, user=request.user, page_number=request.GET.get("page") or 1
    )
    return render(request, "community/rituals/archive.html", {"ritual": ritual, "page": page})
