"""Peer feedback pages: asking one's group for feedback, a request with its answers (the
answer form for groupmates, a thank-you for each answer for the author), the work's file,
and the teaching team's table of who gave and received feedback in a group set.

The members of a request's group act on it; the teaching team reads; anyone else gets 404,
as for something that doesn't exist."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core import files
from rapport.core.paging import page_of
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.groups import selectors as groups
from rapport.groups.feedback import selectors, services
from rapport.groups.feedback.forms import FeedbackReplyForm, FeedbackRequestForm
from rapport.media.ranges import ranged_file_response
from rapport.media.services import media_create_from_upload

# The feedback report's table shows this many learners a page; its totals count everyone.
REPORT_ROWS_PER_PAGE = 100


def _feedback_or_404(request, request_id: int):
    found = selectors.feedback_request_for(
        course=request.course, request_id=request_id, member=request.membership
    )
    if found is None:
        raise Http404("No such request for feedback.")
    return found


def _members_only(request) -> None:
    """The teaching team reads peer feedback; only the group's members write it."""
    if request.membership.is_staff:
        raise Http404("Only the group's members take part here.")


def _clip_id(request, data: dict):
    """The recording for the form: a file chosen without the recorder (taken into the media
    pipeline here) wins over the recorder's ``media_id``, which may be a clip sent back."""
    if data.get("media_file"):
        try:
            clip = media_create_from_upload(
                course=request.course, owner=request.user, upload=data["media_file"]
            )
        except Refused as refusal:
            raise Refused(refusal.message, field="media_file") from None
        return clip.public_id
    return data.get("media_id") or None


def _add_refusal(form, refusal: Refused) -> None:
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


@course_access()
@require_http_methods(["GET", "POST"])
def feedback_new(request, group_id: int):
    _members_only(request)
    group = groups.group_for(course=request.course, group_id=group_id, member=request.membership)
    if group is None:
        raise Http404("No such group.")
    posted = request.method == "POST"
    form = FeedbackRequestForm(request.POST if posted else None, request.FILES if posted else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                feedback = services.feedback_request_create(
                    group=group,
                    member=request.membership,
                    title=data["title"],
                    body=data["body"],
                    link_url=data["link_url"],
                    attachment=data["attachment"],
                    clip_id=_clip_id(request, data),
                    format=data["format"],
                )
        except Refused as refusal:
            _add_refusal(form, refusal)
        else:
            messages.success(
                request, "Shared with your group. We'll let you know when feedback arrives."
            )
            return redirect(feedback.get_absolute_url())
    return render(request, "groups/feedback/new.html", {"form": form, "group": group})


def _request_page(request, feedback, form=None):
    page = selectors.feedback_page(feedback=feedback, member=request.membership)
    if form is None and page.may_answer:
        form = FeedbackReplyForm(format=feedback.format, initial=_answer_initial(page.mine))
    return render(
        request,
        "groups/feedback/request.html",
        {"feedback": feedback, "page": page, "form": form, "group": feedback.group},
    )


def _answer_initial(reply) -> dict:
    if reply is None:
        return {}
    initial = {f"part_{key}": text for key, text in reply.parts.items()}
    if reply.clip is not None:
        initial["media_id"] = str(reply.clip.public_id)
    return initial


@course_access()
@require_safe
def feedback(request, request_id: int):
    return _request_page(request, _feedback_or_404(request, request_id))


@course_access()
@require_POST
def feedback_reply(request, request_id: int):
    _members_only(request)
    found = _feedback_or_404(request, request_id)
    form = FeedbackReplyForm(request.POST, request.FILES, format=found.format)
    if form.is_valid():
        try:
            with transaction.atomic():
                reply = services.feedback_reply(
                    request=found,
                    member=request.membership,
                    parts=form.parts(),
                    clip_id=_clip_id(request, form.cleaned_data),
                )
        except Refused as refusal:
            _add_refusal(form, refusal)
        else:
            messages.success(
                request, f"Thank you! {found.author.display_name} will see your feedback."
            )
            return redirect(f"{found.get_absolute_url()}#answer-{reply.pk}")
    return _request_page(request, found, form)


@course_access()
@require_POST
def feedback_thank(request, request_id: int, reply_id: int):
    found = _feedback_or_404(request, request_id)
    reply = found.replies.filter(pk=reply_id).select_related("reviewer", "clip").first()
    if reply is None or found.author_id != request.user.pk:
        raise Http404("No such answer.")
    try:
        reply = services.feedback_thank(reply=reply, member=request.membership)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if not request.htmx:
            messages.success(request, f"You thanked {reply.reviewer.display_name}.")
    if request.htmx:
        return render(request, "groups/feedback/_thanks.html", {"feedback": found, "reply": reply})
    return redirect(f"{found.get_absolute_url()}#answer-{reply.pk}")


@course_access()
@require_safe
def feedback_attachment(request, request_id: int):
    found = _feedback_or_404(request, request_id)
    kind = files.kind_named(found.attachment_name)
    if not found.attachment or kind is None:
        raise Http404("No file shared here.")
    return ranged_file_response(
        request,
        found.attachment,
        content_type=kind.content_type,
        etag=f'"feedback-{found.pk}"',  # a request's file never changes
        filename=found.attachment_name,
        as_attachment=not kind.is_image,
    )


@course_access(STAFF)
@require_safe
def feedback_report(request, set_id: int):
    group_set = groups.group_set_or_none(course=request.course, set_id=set_id)
    if group_set is None:
        raise Http404("No such groups.")
    rows = selectors.feedback_report(group_set=group_set)
    return render(
        request,
        "groups/feedback/report.html",
        {
            "group_set": group_set,
            "page": page_of(rows, request, per_page=REPORT_ROWS_PER_PAGE),
            "asked": sum(row.asked for row in rows),
            "given": sum(row.given for row in rows),
            "thanked": sum(row.thanked for row in rows),
            "not_given": sum(1 for row in rows if not row.given),
        },
    )
