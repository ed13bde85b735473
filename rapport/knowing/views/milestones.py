"""Milestones: a learner's own page (birthday, personal news), and the teaching team's
"Celebrate this week" with a congratulations note per occasion."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Page
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.http import safe_next
from rapport.core.paging import page_of, query_without_page
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.knowing import services
from rapport.knowing.forms_cards import (
    BirthdayForm,
    CelebrateForm,
    ModuleFinishedForm,
    PersonalMilestoneForm,
)
from rapport.knowing.selectors import milestones as selectors
from rapport.knowing.selectors.people import learner_in_course
from rapport.knowing.views.cards import optional_url, wants_partial

# --- the learner's own milestones ---------------------------------------------------------


def _mine_url(request) -> str:
    return reverse("knowing:my_milestones", kwargs={"course_slug": request.course.slug})


def _mine_page(request, *, birthday_form=None, milestone_form=None):
    mine = selectors.my_milestones(course=request.course, user=request.user)
    if birthday_form is None:
        initial = {"share": False}
        if mine.birthday:
            initial = {"share": True, "month": mine.birthday.month, "day": mine.birthday.day}
        birthday_form = BirthdayForm(initial=initial)
    context = {
        "mine": mine,
        "birthday_form": birthday_form,
        "milestone_form": milestone_form
        or PersonalMilestoneForm(initial={"happened_on": timezone.localdate()}),
    }
    return render(request, "knowing/milestones/mine.html", context)


def _apply(form, refusal: Refused) -> None:
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, refusal.message)


@course_access()
@require_http_methods(["GET", "POST"])
def my_milestones(request):
    """GET: the page. POST: share a personal milestone."""
    if request.method == "GET":
        return _mine_page(request)
    form = PersonalMilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.personal_milestone_share(
                course=request.course, user=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            _apply(form, refusal)
        else:
            messages.success(request, "Shared — thank you for telling us.")
            return redirect(_mine_url(request))
    return _mine_page(request, milestone_form=form)


@course_access()
@require_POST
def my_birthday(request):
    form = BirthdayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if not data["share"]:
            if services.birthday_forget(user=request.user):
                messages.success(request, "Your birthday is no longer shared.")
            return redirect(_mine_url(request))
        try:
            services.birthday_share(user=request.user, month=data["month"], day=data["day"])
        except Refused as refusal:
            _apply(form, refusal)
        else:
            messages.success(request, "Thank you — your teachers will see your birthday.")
            return redirect(_mine_url(request))
    return _mine_page(request, birthday_form=form)


def _own_or_404(request, milestone_id: int):
    milestone = selectors.my_milestone(
        course=request.course, user=request.user, milestone_id=milestone_id
    )
    if milestone is None:
        raise Http404("No such milestone of yours.")
    return milestone


@course_access()
@require_http_methods(["GET", "POST"])
def my_milestone_edit(request, milestone_id: int):
    milestone = _own_or_404(request, milestone_id)
    initial = {
        "text": milestone.text,
        "happened_on": milestone.happened_on,
        "visibility": milestone.visibility,
    }
    form = PersonalMilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.personal_milestone_update(
                milestone=milestone, user=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            _apply(form, refusal)
        else:
            messages.success(request, "Milestone updated.")
            return redirect(_mine_url(request))
    return render(request, "knowing/milestones/edit.html", {"milestone": milestone, "form": form})


@course_access()
@require_POST
def my_milestone_delete(request, milestone_id: int):
    milestone = _own_or_404(request, milestone_id)
    services.personal_milestone_delete(milestone=milestone, user=request.user)
    messages.success(request, "Milestone removed.")
    return redirect(_mine_url(request))


# --- celebrating --------------------------------------------------------------------------


# Each part of the week (birthdays, news, milestones, a module the class finished) shows
# this many occasions, each with its note; "See all" opens that part alone, a page at a time.
OCCASIONS_SHOWN = 10
OCCASIONS_PER_PAGE = 30


@dataclass
class Part:
    """The occasions of one part of the week that the page shows (``shown``, with their
    forms), out of ``total``; ``page`` when the page shows this part alone."""

    key: str
    shown: list
    total: int
    page: Page | None = None

    @property
    def more(self) -> int:
        return self.total - len(self.shown) if self.page is None else 0


def _part(request, key: str, occasions: list) -> Part:
    if request.GET.get("part") == key:
        page = page_of(occasions, request, per_page=OCCASIONS_PER_PAGE)
        part = Part(key, list(page.object_list), len(occasions), page)
    else:
        part = Part(key, occasions[:OCCASIONS_SHOWN], len(occasions))
    with_forms(part.shown)
    return part


def _celebrate_page(request, *, module_form=None, status=200):
    course = request.course
    week = selectors.celebrate_week(course=course, now=timezone.now())
    parts = {
        key: _part(request, key, getattr(week, key)) for key in ("birthdays", "shared", "reached")
    }
    for group in week.groups:
        group.part = parts[group.key] = _part(request, group.key, group.occasions)
    focus = request.GET.get("part")
    context = {
        "week": week,
        "parts": parts,
        "focus": focus if focus in parts else None,
        "params": query_without_page(request),
        "module_form": module_form or ModuleFinishedForm(),
        "shoutout_url": optional_url("community:shoutout_new", course_slug=course.slug),
        "next": request.get_full_path(),
    }
    return render(request, "knowing/milestones/celebrate.html", context, status=status)


@course_access(STAFF)
@require_safe
def celebrate(request):
    return _celebrate_page(request)


@course_access(STAFF)
@require_POST
def module_finished(request):
    form = ModuleFinishedForm(request.POST)
    if form.is_valid():
        try:
            marker, count = services.module_mark_finished(
                course=request.course, marked_by=request.user, title=form.cleaned_data["title"]
            )
        except Refused as refusal:
            _apply(form, refusal)
        else:
            messages.success(
                request,
                f"“{marker.title}” is marked finished for {count} "
                f"learner{pluralize(count)}"
                " — their milestone is below, ready to celebrate.",
            )
            return redirect(
                reverse("knowing:celebrate", kwargs={"course_slug": request.course.slug})
            )
    return _celebrate_page(request, module_form=form)


def with_forms(occasions, failed: CelebrateForm | None = None):
    """Give each occasion its note form: prefilled, or the one that just failed."""
    failed_key = failed.data.get("occasion") if failed is not None else None
    for occasion in occasions:
        if occasion.key == failed_key:
            occasion.form = failed
        else:
            occasion.form = CelebrateForm(
                initial={"occasion": occasion.key, "body": occasion.prefill}
            )
        # Many forms on one page: each needs its own ids.
        occasion.form.auto_id = f"celebrate-{occasion.learner.pk}-{slugify(occasion.key)}-%s"
    return occasions


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def celebrate_learner(request, user_id: int):
    """GET: one learner's occasions, each with a note ready to send. POST: send one."""
    course = request.course
    membership = learner_in_course(course=course, user_id=user_id)
    if membership is None:
        raise Http404("No such learner in this course.")
    learner = membership.user
    form = None
    if request.method == "POST":
        form = CelebrateForm(request.POST)
        celebration = None
        if form.is_valid():
            try:
                celebration = services.milestone_celebrate(
                    course=course,
                    author=request.user,
                    learner=learner,
                    occasion=form.cleaned_data["occasion"],
                    body=form.cleaned_data["body"],
                )
            except Refused as refusal:
                _apply(form, refusal)
        if wants_partial(request):
            return _occasion_partial(request, learner, form, celebration)
        if celebration is not None:
            messages.success(
                request, f"Your congratulations are on their way to {learner.display_name}."
            )
            here = reverse(
                "knowing:celebrate_learner", kwargs={"course_slug": course.slug, "user_id": user_id}
            )
            return redirect(safe_next(request, here))
    return _celebrate_learner_page(request, learner, failed=form)


def _occasion_partial(request, learner, form, celebration):
    if celebration is not None:
        return render(
            request,
            "knowing/milestones/_occasion_sent.html",
            {"celebration": celebration, "learner": learner},
        )
    occasion = selectors.occasion_for(
        course=request.course,
        learner=learner,
        key=form.data.get("occasion", ""),
        now=timezone.now(),
    )
    if occasion is not None:
        with_forms([occasion], failed=form)
    context = {
        "occasion": occasion,
        "form": form,
        "learner": learner,
        "next": safe_next(request, ""),
    }
    return render(request, "knowing/milestones/_occasion.html", context)


def _celebrate_learner_page(request, learner, *, failed=None):
    found = selectors.occasions(course=request.course, now=timezone.now(), learner_id=learner.pk)
    waiting = [o for o in found if not o.is_celebrated]
    other = selectors.occasion_other(learner=learner, course=request.course)
    with_forms([*waiting, other], failed)
    context = {
        "learner": learner,
        "waiting": waiting,
        "other": other,
        "celebrated": [o for o in found if o.is_celebrated],
        "shoutout_url": optional_url("community:shoutout_new", course_slug=request.course.slug),
        # Errors about an occasion no longer listed (celebrated meanwhile) go at the top.
        "failed": failed
        if failed is not None and all(o.form is not failed for o in [*waiting, other])
        else None,
        "next": request.get_full_path(),
        "card_url": reverse(
            "knowing:card", kwargs={"course_slug": request.course.slug, "user_id": learner.pk}
        ),
    }
    return render(request, "knowing/milestones/celebrate_learner.html", context)
