"""Reading and answering: the feed, one message, one learner's conversation about it,
marking it watched and reacting to it."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.audit import staff_read_record
from rapport.core.http import safe_next
from rapport.core.kinds import SensitiveReadKind
from rapport.core.refusals import Refused
from rapport.courses.access import course_access
from rapport.courses.models import Membership
from rapport.presence import selectors, services
from rapport.presence.forms import ReplyForm
from rapport.presence.models import MessageKind
from rapport.presence.views.common import is_script_request, message_or_404

KIND_TABS = [
    (MessageKind.CHECKIN, "Check-ins"),
    (MessageKind.NOTE, "Personal notes"),
    (MessageKind.FEEDBACK, "Feedback"),
]


@course_access()
@require_safe
def feed(request):
    page_number = request.GET.get("page") or 1
    if request.membership.is_staff:
        kind = request.GET.get("kind", "")
        staff_feed = selectors.staff_feed_page(
            course=request.course, user=request.user, page_number=page_number, kind=kind
        )
        context = {
            "page": staff_feed.page,
            "learner_count": staff_feed.learner_count,
            "kind": kind if kind in MessageKind.values else "",
            "kinds": KIND_TABS,
        }
        template, partial = "presence/staff_feed.html", "presence/staff_feed_items.html"
    else:
        context = {
            "page": selectors.feed_page(
                course=request.course, user=request.user, page_number=page_number
            )
        }
        template, partial = "presence/feed.html", "presence/feed_items.html"
    # htmx's "Show older" gets only the next items; a plain link gets the whole page.
    if request.htmx and request.GET.get("page"):
        template = partial
    return render(request, template, context)


def _thread_context(message, learner: Membership, form=None) -> dict:
    return {
        "learner": learner,
        "replies": selectors.thread_replies(message=message, learner_id=learner.user_id),
        "form": form or ReplyForm(),
        # A learner who left keeps their conversation, but it is closed.
        "may_reply": learner.is_active,
    }


@course_access()
@require_safe
def message_detail(request, message_id: int):
    message = message_or_404(request, message_id)
    is_staff = request.membership.is_staff
    selectors.decorate([message], course=request.course, user=request.user)
    context = {"message": message}
    if not is_staff:
        context["view"] = services.message_open(message=message, user=request.user)
    if is_staff and message.is_checkin and message.is_released:
        context["reach"] = selectors.checkin_reach(message=message)
        context["threads"] = selectors.checkin_threads(message=message)
    learner_id = message.recipient_id if message.is_personal else request.user.pk
    if selectors.may_see_thread(
        message=message, learner_id=learner_id, user=request.user, is_staff=is_staff
    ) and (message.is_personal or not is_staff):
        learner = selectors.thread_learner(course=request.course, user_id=learner_id)
        if learner is not None:
            context["thread"] = _thread_context(message, learner)
    if message.is_personal:
        staff_read_record(
            request, kind=SensitiveReadKind.PERSONAL_MESSAGES, learners=[message.recipient_id]
        )
    return render(request, "presence/message.html", context)


@course_access()
@require_http_methods(["GET", "POST"])
def thread(request, message_id: int, user_id: int):
    """One learner's conversation about a message; POST adds a reply."""
    message = message_or_404(request, message_id)
    is_staff = request.membership.is_staff
    if not selectors.may_see_thread(
        message=message, learner_id=user_id, user=request.user, is_staff=is_staff
    ):
        raise Http404("No such conversation.")
    learner = selectors.thread_learner(course=request.course, user_id=user_id)
    if learner is None:
        raise Http404("No such conversation.")
    posted = request.method == "POST"
    form = ReplyForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            reply = services.reply_post(
                message=message,
                thread_learner=learner.user,
                author=request.user,
                body=form.cleaned_data["body"],
                **form.media_inputs(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if not request.htmx:
                messages.success(request, "Your reply is on its way.")
                return redirect(request.path + f"#reply-{reply.pk}")
            form = ReplyForm()
    if not is_staff:
        services.message_open(message=message, user=request.user)
    staff_read_record(request, kind=SensitiveReadKind.PERSONAL_MESSAGES, learner=learner.user)
    selectors.decorate([message], course=request.course, user=request.user)
    context = {"message": message, "thread": _thread_context(message, learner, form)}
    if request.htmx:
        return render(request, "presence/_thread.html", context)
    return render(request, "presence/thread.html", context)


@course_access()
@require_POST
def message_watched(request, message_id: int):
    """presence.js calls this when a recording ends (or reaches 90%)."""
    message = message_or_404(request, message_id)
    services.message_complete(message=message, user=request.user)
    if is_script_request(request):
        return HttpResponse(status=204)
    return redirect(message)


@course_access()
@require_POST
def react(request, message_id: int):
    message = message_or_404(request, message_id)
    error = ""
    try:
        services.reaction_toggle(
            message=message,
            user=request.user,
            emoji=request.POST.get("emoji", ""),
            course=request.course,
        )
    except Refused as refusal:
        error = refusal.message
    if request.htmx:
        selectors.decorate([message], course=request.course, user=request.user)
        return render(
            request,
            "presence/_reactions.html",
            {"message": message, "error": error, "next": safe_next(request, "")},
        )
    if error:
        messages.error(request, error)
    return redirect(safe_next(request, message.get_absolute_url()))
