"""The radar's pages: for staff the reach-out list and equity figures, the peer network,
the indicators download, setting someone on the reach-out list aside (the staff home's
snooze and dismiss), each staff member's weekly care plan and the belonging pulse (the
class's trend beside the practices, and one learner's trend); for a learner their own
connections. Every view starts with courses.access.course_access."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.audit import staff_read_record
from rapport.core.csvsafe import csv_response
from rapport.core.http import safe_next
from rapport.core.kinds import SensitiveReadKind
from rapport.core.paging import page_of
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.courses.services import membership_peer_suggestions_set
from rapport.officehours import home as office_hours_home
from rapport.radar import ledger, pulse_pages, selectors, services
from rapport.radar.care_plan import care_plan as care_plan_for
from rapport.radar.drawing import classmates_list, network_svg
from rapport.radar.equity import course_equity
from rapport.radar.export import indicator_rows
from rapport.radar.forms import PeerSuggestionsForm, PulseScheduleForm
from rapport.radar.indicators import course_indicators
from rapport.radar.mine import my_connections
from rapport.radar.network import course_network
from rapport.surveys import pulse as surveys_pulse
from rapport.surveys.services import pulse_schedule_save

# The reach-out list (the radar's and the care plan's) shows this many learners a page, and
# the care plan this many occasions to celebrate (the celebrate page has them all).
REACH_OUT_PER_PAGE = 50
CELEBRATIONS_SHOWN = 20
# The peer network in words shows this many learners a page.
CLASSMATES_PER_PAGE = 100


@course_access(STAFF)
@require_safe
def radar(request):
    now = timezone.now()
    reading = ledger.read(request.course, now)
    week = selectors.this_week(course=request.course, now=now, reading=reading)
    equity = course_equity(
        course=request.course,
        now=now,
        contacts=reading.contacts,
        learners=[learner.user for learner in week.indicators],
    )
    page = page_of(week.to_reach, request, per_page=REACH_OUT_PER_PAGE)
    staff_read_record(
        request, kind=SensitiveReadKind.RADAR, learners=[item.user.pk for item in page]
    )
    return render(request, "radar/radar.html", {"week": week, "equity": equity, "page": page})


@course_access(STAFF)
@require_safe
def network(request):
    network = course_network(course=request.course, now=timezone.now())
    # A pairing may name an interest both gave in the getting-to-know-you survey.
    staff_read_record(
        request,
        kind=SensitiveReadKind.LEARNER_CARD,
        learners=[
            person.pk
            for pairing in network.pairings
            if pairing.shared_interest
            for person in (pairing.learner, pairing.partner)
        ],
    )
    return render(request, "radar/network.html", {"network": network, "svg": network_svg(network)})


@course_access(STAFF)
@require_safe
def network_classmates(request):
    network = course_network(course=request.course, now=timezone.now())
    page = page_of(network.nodes, request, per_page=CLASSMATES_PER_PAGE)
    return render(
        request,
        "radar/network_classmates.html",
        {"network": network, "page": page, "classmates": classmates_list(page.object_list)},
    )


@course_access(STAFF)
@require_safe
def indicators_csv(request):
    indicators = course_indicators(course=request.course, now=timezone.now())
    staff_read_record(
        request,
        kind=SensitiveReadKind.RADAR_INDICATORS,
        learners=[learner.user.pk for learner in indicators],
    )
    return csv_response(
        indicator_rows(indicators), filename=f"{request.course.slug}-radar-indicators.csv"
    )


@course_access(STAFF)
@require_POST
def set_aside(request, user_id: int):
    """Snooze a learner on the reach-out list for a week, or dismiss them until a new
    signal appears. The reasons they are on the list are read afresh here, never posted."""
    course = request.course
    learner = get_user_model().objects.filter(pk=user_id).first()
    if learner is None:
        raise Http404("No such learner.")
    now = timezone.now()
    try:
        decision = services.reach_out_set_aside(
            course=course,
            staff=request.user,
            learner=learner,
            kind=request.POST.get("kind", ""),
            reason=request.POST.get("reason", ""),
            reasons=selectors.reasons_now(course=course, learner_id=learner.pk, now=now),
            now=now,
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            f"{learner.display_name}: {decision.get_kind_display().lower()}. "
            "Undo it under “Set aside” if you change your mind.",
        )
    return redirect(safe_next(request, course.get_absolute_url()) + "#reach-out")


@course_access(STAFF)
@require_POST
def set_aside_undo(request, decision_id: int):
    decision = selectors.decision_for(course=request.course, decision_id=decision_id)
    if decision is None:
        raise Http404("No such decision in this course.")
    services.reach_out_decision_undo(decision=decision, staff=request.user)
    messages.success(request, f"{decision.learner.display_name} is back on the list.")
    return redirect(safe_next(request, request.course.get_absolute_url()) + "#reach-out")


@course_access(STAFF)
@require_safe
def care_plan(request):
    plan = care_plan_for(course=request.course, staff=request.user, now=timezone.now())
    page = page_of(plan.reach_out, request, per_page=REACH_OUT_PER_PAGE)
    staff_read_record(
        request, kind=SensitiveReadKind.RADAR, learners=[item.user.pk for item in page]
    )
    context = {
        "plan": plan,
        "page": page,
        "celebrations_shown": CELEBRATIONS_SHOWN,
        # Each learner to reach out to may be offered times from the viewer's office hours.
        "offers_times": office_hours_home.takes_bookings(course=request.course, host=request.user),
    }
    return render(request, "radar/care_plan.html", context)


# Learners in the table of latest answers on one page of the pulse.
PULSE_LEARNERS_PER_PAGE = 50


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def pulse(request):
    course = request.course
    schedule = surveys_pulse.schedule_for(course)
    form = PulseScheduleForm(
        request.POST or None,
        initial={"enabled": schedule.enabled, "every_weeks": schedule.every_weeks},
    )
    if request.method == "POST" and form.is_valid():
        try:
            pulse_schedule_save(course=course, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request,
                "The belonging pulse is on."
                if form.cleaned_data["enabled"]
                else "The belonging pulse is off. Earlier answers stay here.",
            )
            return redirect("radar:pulse", course_slug=course.slug)
    context = pulse_pages.class_page(course=course, viewer=request.user, now=timezone.now())
    context["page"] = page_of(context["learners"], request, per_page=PULSE_LEARNERS_PER_PAGE)
    # The class's means name nobody; the table names the learners on this page.
    staff_read_record(
        request,
        kind=SensitiveReadKind.PULSE,
        learners=[member.user_id for member, values in context["page"].object_list if values],
    )
    return render(request, "radar/pulse.html", {**context, "form": form, "schedule": schedule})


@course_access(STAFF)
@require_safe
def pulse_learner(request, user_id: int):
    membership = (
        Membership.objects.filter(
            course=request.course,
            user_id=user_id,
            role=Role.LEARNER,
            status__in=[MembershipStatus.ACTIVE, MembershipStatus.ARCHIVED],
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise Http404("No such learner in this course.")
    context = pulse_pages.learner_page(
        course=request.course, membership=membership, viewer=request.user
    )
    if context["answered"]:
        staff_read_record(request, kind=SensitiveReadKind.PULSE, learner=membership.user)
    return render(request, "radar/pulse_learner.html", context)


@course_access()
@require_http_methods(["GET", "POST"])
def my_connections_page(request):
    """A learner's own connections, and their choice about partner suggestions. Staff have
    the radar instead."""
    if request.membership.is_staff:
        return redirect("radar:radar", request.course.slug)
    membership = request.membership
    form = PeerSuggestionsForm(
        request.POST if request.method == "POST" else None,
        initial={"opted_out": membership.peer_suggestions_opted_out},
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = membership_peer_suggestions_set(
                course=request.course, user=request.user, opted_out=form.cleaned_data["opted_out"]
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                "Saved: you won't be suggested as a partner."
                if membership.peer_suggestions_opted_out
                else "Saved: your teachers may suggest you as a partner for a classmate.",
            )
            return redirect("radar:my_connections", request.course.slug)
    mine = my_connections(course=request.course, membership=membership, now=timezone.now())
    return render(request, "radar/my_connections.html", {"mine": mine, "form": form})
