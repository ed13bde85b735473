"""Class insights for the teaching team: what the intro survey says about the whole class."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from rapport.courses.access import STAFF, course_access
from rapport.knowing.insights import availability, charts, selectors

COURSE_ZONE, MY_ZONE = "course", "mine"


@course_access(STAFF)
@require_safe
def insights(request):
    zone_choice = MY_ZONE if request.GET.get("zone") == MY_ZONE else COURSE_ZONE
    zone = request.user.zone() if zone_choice == MY_ZONE else request.course.zone()
    data = selectors.class_insights(course=request.course, zone=zone)
    context = {
        "data": data,
        "zone": zone,
        "zone_choice": zone_choice,
        "days": availability.DAY_NAMES,
        "levels": range(availability.LEVELS + 1),
        "zone_choices": [
            (COURSE_ZONE, f"Course time ({request.course.zone().key.replace('_', ' ')})"),
            (MY_ZONE, f"My time ({request.user.zone().key.replace('_', ' ')})"),
        ],
    }
    if request.htmx and request.htmx.target == "availability":
        return render(request, "knowing/insights/_availability.html", context)
    context["interests_chart"] = charts.bar_chart(
        title="Interests",
        description=_describe(data.interests, "named", "interest"),
        bars=[charts.Bar(g.label, g.count, g.names) for g in data.interests[:20]],
    )
    context["channels_chart"] = charts.bar_chart(
        title="How learners want to hear from you",
        description=_describe(data.channels, "prefer", "channel"),
        bars=[charts.Bar(g.label, g.count, g.names) for g in data.channels],
        horizontal=False,
    )
    return render(request, "knowing/insights/insights.html", context)


def _describe(groups, verb: str, what: str) -> str:
    if not groups:
        return f"No {what} answers yet."
    parts = [f"{g.label}: {g.count}" for g in groups[:20]]
    return f"How many learners {verb} each {what}. " + "; ".join(parts) + "."
