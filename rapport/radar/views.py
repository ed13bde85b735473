"""The relationship radar's pages: the staff radar (reach-out list and equity figures), the
peer network and the indicators download; and a learner's own connections. Every view
starts with courses.access.course_access."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from rapport.core.csvsafe import csv_response
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.courses.services import membership_peer_suggestions_set
from rapport.radar import ledger
from rapport.radar.drawing import classmates_list, network_svg
from rapport.radar.equity import course_equity
from rapport.radar.export import indicator_rows
from rapport.radar.forms import PeerSuggestionsForm
from rapport.radar.indicators import course_indicators
from rapport.radar.mine import my_connections
from rapport.radar.network import course_network
from rapport.radar.ranking import reach_out_list


@course_access(STAFF)
@require_safe
def radar(request):
    now = timezone.now()
    reading = ledger.read(request.course, now)
    return render(
        request,
        "radar/radar.html",
        {
            "reach_out": reach_out_list(course=request.course, now=now, reading=reading),
            "equity": course_equity(course=request.course, now=now, contacts=reading.contacts),
        },
    )


@course_access(STAFF)
@require_safe
def network(request):
    network = course_network(course=request.course, now=timezone.now())
    return render(
        request,
        "radar/network.html",
        {
            "network": network,
            "svg": network_svg(network),
            "classmates": classmates_list(network),
        },
    )


@course_access(STAFF)
@require_safe
def indicators_csv(request):
    rows = indicator_rows(course_indicators(course=request.course, now=timezone.now()))
    return csv_response(rows, filename=f"{request.course.slug}-radar-indicators.csv")


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
