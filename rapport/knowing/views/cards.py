"""The roster — the one page where staff see and manage the course's people — and one
learner's card. Staff pages."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from rapport.core.audit import staff_read_record
from rapport.core.kinds import SensitiveReadKind
from rapport.core.paging import page_of, query_without_page
from rapport.courses.access import STAFF, course_access
from rapport.courses.models import Role
from rapport.courses.person_panels import person_panels
from rapport.courses.selectors import (
    MemberCounts,
    join_url,
    member_counts,
    members_for_management,
)
from rapport.knowing.forms_cards import RosterFilterForm, StaffNoteForm
from rapport.knowing.selectors.card import learner_card
from rapport.knowing.selectors.roster import (
    glance_fill,
    roster_entries,
    roster_filter,
    roster_learners,
    roster_options,
)
from rapport.officehours.home import next_meeting_of

# Learner cards on one page of the roster: a big class is read a page at a time, found by
# its search and filters.
CARDS_PER_PAGE = 30


def optional_url(name: str, **kwargs) -> str:
    """The URL of a page another app may not have built yet, or "" without one."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def wants_partial(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    count: int
    url: str


def people_tabs(path: str, counts: MemberCounts) -> list[Tab]:
    tabs = {
        "learners": ("Learners", counts.learners),
        "team": ("Teaching team", counts.staff),
        "invitations": ("Invitations", counts.invitations),
        "former": ("Archived and removed", counts.former),
    }
    return [
        Tab(key, label, count, path if key == "learners" else f"{path}?tab={key}")
        for key, (label, count) in tabs.items()
    ]


@course_access(STAFF)
@require_safe
def roster(request):
    """The learners' cards with their filters, the teaching team, invitations with the join
    link, and former members — one tab each, with the membership actions beside the people
    they act on. Each action's form carries this page's address back (``next``)."""
    course = request.course
    counts = member_counts(course=course)
    tabs = people_tabs(request.path, counts)
    tab = next((t.key for t in tabs if t.key == request.GET.get("tab")), "learners")
    invitations_tab = f"{request.path}?tab=invitations"
    context = {
        "tabs": tabs,
        "tab": tab,
        "counts": counts,
        "roles": Role.choices,
        "next": request.get_full_path(),
        "invite_url": reverse("courses:invite", kwargs={"course_slug": course.slug})
        + "?"
        + urlencode({"next": invitations_tab}),
    }
    if tab == "invitations":
        context["join_url"] = join_url(request, course)
    if tab != "learners":
        context["members"] = members_for_management(course=course)
        return render(request, "knowing/cards/roster.html", context)
    now = timezone.now()
    entries = roster_entries(course=course, now=now, memberships=roster_learners(course=course))
    form = RosterFilterForm(request.GET or None, options=roster_options(entries, now=now))
    filters = form.filters()
    page = page_of(roster_filter(entries, filters, now=now), request, per_page=CARDS_PER_PAGE)
    context |= {
        "form": form,
        "filters": filters,
        "page": page,
        "entries": glance_fill(page.object_list, now=now),
        "matched": page.paginator.count,
        "total": len(entries),
        "params": query_without_page(request),
    }
    # Each card shown carries the learner's intro-survey answers and their email.
    staff_read_record(
        request,
        kind=SensitiveReadKind.LEARNER_CARD,
        learners=[entry.person.pk for entry in context["entries"]],
    )
    if wants_partial(request):
        return render(request, "knowing/cards/_roster_results.html", context)
    return render(request, "knowing/cards/roster.html", context)


def card_context(request, user_id: int, **forms) -> dict:
    course, now = request.course, timezone.now()
    card = learner_card(course=course, user_id=user_id, viewer=request.user, now=now)
    if card is None:
        raise Http404("No such learner in this course.")
    staff_read_record(request, kind=SensitiveReadKind.LEARNER_CARD, learner=card.person)
    if card.notes:
        staff_read_record(request, kind=SensitiveReadKind.STAFF_NOTES, learner=card.person)
    note_url = reverse("presence:note_new", kwargs={"course_slug": course.slug})
    return {
        "card": card,
        "person": card.person,
        "note_form": forms.get("note_form") or StaffNoteForm(),
        "send_note_url": f"{note_url}?to={user_id}",
        "recommend_url": optional_url(
            "knowing:recommend", course_slug=course.slug, user_id=user_id
        ),
        "celebrate_url": reverse(
            "knowing:celebrate_learner", kwargs={"course_slug": course.slug, "user_id": user_id}
        ),
        "talk_url": reverse(
            "officehours:invite_new", kwargs={"course_slug": course.slug, "user_id": user_id}
        ),
        "next_meeting": next_meeting_of(course=course, learner=card.person, now=now),
        "panels": person_panels(course=course, person=card.membership, viewer=request.membership),
    }


@course_access(STAFF)
@require_safe
def card(request, user_id: int):
    return render(request, "knowing/cards/card.html", card_context(request, user_id))
