"""Private staff notes on a learner's card: add, edit and delete (the author only)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.audit import staff_read_record
from rapport.core.kinds import SensitiveReadKind
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.knowing import services
from rapport.knowing.forms_cards import StaffNoteForm
from rapport.knowing.selectors.card import note_of, notes_about
from rapport.knowing.selectors.people import learner_in_course
from rapport.knowing.views.cards import card_context


def _card_url(request, user_id: int, anchor: str = "notes") -> str:
    url = reverse("knowing:card", kwargs={"course_slug": request.course.slug, "user_id": user_id})
    return f"{url}#{anchor}"


def _learner_or_404(request, user_id: int):
    membership = learner_in_course(course=request.course, user_id=user_id)
    if membership is None:
        raise Http404("No such learner in this course.")
    return membership.user


def _note_or_404(request, user_id: int, note_id: int):
    note = note_of(course=request.course, learner_id=user_id, note_id=note_id, author=request.user)
    if note is None or learner_in_course(course=request.course, user_id=user_id) is None:
        raise Http404("No such note of yours.")
    return note


@course_access(STAFF)
@require_POST
def note_add(request, user_id: int):
    learner = _learner_or_404(request, user_id)
    form = StaffNoteForm(request.POST)
    if form.is_valid():
        try:
            services.staff_note_add(
                course=request.course,
                author=request.user,
                learner=learner,
                body=form.cleaned_data["body"],
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
    if request.htmx:
        staff_read_record(request, kind=SensitiveReadKind.STAFF_NOTES, learner=learner)
        context = {
            "person": learner,
            "notes": notes_about(course=request.course, learner=learner),
            "note_form": form if form.errors else StaffNoteForm(),
            "saved": not form.errors,
        }
        return render(request, "knowing/cards/_notes.html", context)
    if form.errors:
        context = card_context(request, user_id, note_form=form)
        return render(request, "knowing/cards/card.html", context)
    messages.success(request, "Note saved. Only the teaching team can see it.")
    return redirect(_card_url(request, user_id))


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def note_edit(request, user_id: int, note_id: int):
    note = _note_or_404(request, user_id, note_id)
    if request.htmx and request.GET.get("cancel"):
        return render(request, "knowing/cards/_note.html", {"note": note})
    form = StaffNoteForm(
        request.POST or None, initial={"body": note.body}, auto_id=f"note-{note.pk}-%s"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_note_update(
                note=note, editor=request.user, body=form.cleaned_data["body"]
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if request.htmx:
                return render(request, "knowing/cards/_note.html", {"note": note})
            messages.success(request, "Note updated.")
            return redirect(_card_url(request, user_id, f"note-{note.pk}"))
    context = {"note": note, "person": note.learner, "form": form}
    if request.htmx:
        return render(request, "knowing/cards/_note_edit.html", context)
    return render(request, "knowing/cards/note_edit.html", context)


@course_access(STAFF)
@require_POST
def note_delete(request, user_id: int, note_id: int):
    note = _note_or_404(request, user_id, note_id)
    services.staff_note_delete(note=note, editor=request.user)
    if request.htmx:
        # An empty answer: htmx swaps the note out of the list.
        return HttpResponse("")
    messages.success(request, "Note deleted.")
    return redirect(_card_url(request, user_id))
