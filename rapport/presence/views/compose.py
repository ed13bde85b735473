"""Staff writing: a check-in to the course, a personal note, feedback on a learner's work."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rapport.core.http import safe_next
from rapport.core.paging import FACES_UP_TO
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.presence import selectors, services
from rapport.presence.forms import CheckinForm, FeedbackForm, NoteForm
from rapport.presence.help_requests import has_open_help_request
from rapport.presence.models import MessageKind, Tone
from rapport.surveys.intro import intro_answers


def _form_data(request):
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _from_template(request, kind: str) -> tuple[dict, list]:
    """Initial words from ``?template=<id>``, and the templates on offer for ``kind``."""
    templates = [t for t in selectors.templates_for(course=request.course) if t.kind == kind]
    initial = {}
    chosen = request.GET.get("template", "")
    for template in templates:
        if str(template.pk) == chosen:
            initial["body"] = template.body
    return initial, templates


def _personal_initial(request, initial: dict, learners) -> dict:
    """``?to=<learner id>`` chooses the learner; ``?body=`` and ``?tone=`` start the words
    (a link from the course home opens a note ready to send), ``?template=`` wins."""
    to = request.GET.get("to", "")
    if to.isdigit() and any(m.user_id == int(to) for m in learners):
        initial["recipient"] = int(to)
    body = request.GET.get("body", "")[:10_000]
    if body and "body" not in initial:
        initial["body"] = body
    if request.GET.get("tone") in Tone.values:
        initial["tone"] = request.GET["tone"]
    return initial


def _sent(request, message):
    """Back where the note was asked for (``next``, this site only), else the message."""
    return redirect(safe_next(request, message.get_absolute_url()))


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def checkin_new(request):
    initial, templates = _from_template(request, MessageKind.CHECKIN)
    data, files = _form_data(request)
    form = CheckinForm(data, files, course=request.course, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            message = services.checkin_post(
                course=request.course,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                release_at=form.cleaned_data["release_at"],
                **form.media_inputs(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if message.is_released:
                messages.success(request, "Your check-in is out. Learners are being told now.")
            else:
                messages.success(request, "Your check-in is scheduled.")
            return redirect(message)
    return render(request, "presence/checkin_new.html", {"form": form, "templates": templates})


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def note_new(request):
    learners = selectors.learners(course=request.course)
    initial, templates = _from_template(request, MessageKind.NOTE)
    data, files = _form_data(request)
    initial = _personal_initial(request, initial, learners)
    help_learner = _asking_for_help(request, learners, initial.get("recipient"))
    if help_learner is not None:
        initial["help_for"] = help_learner.pk
    form = NoteForm(data, files, learners=learners, initial=initial)
    if form.is_bound and form.is_valid():
        recipient = _chosen(learners, form.cleaned_data["recipient"])
        answers_help = form.answers_help_request_of(recipient)
        try:
            message = services.note_send(
                course=request.course,
                author=request.user,
                recipient=recipient,
                tone=form.cleaned_data["tone"],
                body=form.cleaned_data["body"],
                answer_help_requests=answers_help,
                **form.media_inputs(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            done = " Their help request is marked as answered." if answers_help else ""
            messages.success(request, f"Your note is on its way to {recipient.display_name}.{done}")
            return _sent(request, message)
    return render(
        request,
        "presence/note_new.html",
        {
            "form": form,
            "learners": learners,
            "big_class": len(learners) > FACES_UP_TO,
            "templates": templates,
            "help_learner": help_learner,
            "back": safe_next(request, ""),
        },
    )


def _asking_for_help(request, learners, to_id):
    """The learner this note may answer a help request of: the one in ``?to=`` (or, on a
    post, in ``help_for``) when they have a help request still open."""
    if request.method == "POST":
        to_id = request.POST.get("help_for", "")
        to_id = int(to_id) if to_id.isdigit() else None
    learner = next((m.user for m in learners if m.user_id == to_id), None)
    if learner is None or not has_open_help_request(course=request.course, learner=learner):
        return None
    return learner


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def feedback_new(request):
    learners = selectors.learners(course=request.course)
    initial, templates = _from_template(request, MessageKind.FEEDBACK)
    data, files = _form_data(request)
    _with_feedback_that_helps(request.course, learners)
    form = FeedbackForm(
        data, files, learners=learners, initial=_personal_initial(request, initial, learners)
    )
    if form.is_bound and form.is_valid():
        recipient = _chosen(learners, form.cleaned_data["recipient"])
        try:
            message = services.feedback_give(
                course=request.course,
                author=request.user,
                recipient=recipient,
                assignment_title=form.cleaned_data["assignment_title"],
                assignment_url=form.cleaned_data["assignment_url"],
                body=form.cleaned_data["body"],
                went_well=form.cleaned_data["went_well"],
                next_step=form.cleaned_data["next_step"],
                **form.media_inputs(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, f"Your feedback is on its way to {recipient.display_name}.")
            return _sent(request, message)
    chosen = form["recipient"].value()
    return render(
        request,
        "presence/feedback_new.html",
        {
            "form": form,
            "learners": learners,
            "big_class": len(learners) > FACES_UP_TO,
            "templates": templates,
            "chosen_member": next((m for m in learners if str(m.user_id) == str(chosen)), None),
            "back": safe_next(request, ""),
        },
    )


def _with_feedback_that_helps(course, learners) -> None:
    """Each learner's "Feedback that helps" answer from their intro survey (one query),
    shown where the feedback is written so it lands the way they asked."""
    intros = intro_answers(course=course, user_ids=[m.user_id for m in learners])
    for member in learners:
        intro = intros.get(member.user_id)
        member.feedback_that_helps = intro.feedback_style if intro else []


def _chosen(learners, user_id: int):
    return next(m.user for m in learners if m.user_id == user_id)
