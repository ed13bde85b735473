"""The radar's first staff page (reach-out list and equity figures) and the indicators
download. The staff home ("This week") will reuse the same selectors."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from rapport.core.csvsafe import csv_response
from rapport.courses.access import STAFF, course_access
from rapport.radar.equity import course_equity
from rapport.radar.export import indicator_rows
from rapport.radar.indicators import course_indicators
from rapport.radar.ranking import reach_out_list


@course_access(STAFF)
@require_safe
def radar(request):
    now = timezone.now()
    return render(
        request,
        "radar/radar.html",
        {
            "reach_out": reach_out_list(course=request.course, now=now),
            "equity": course_equity(course=request.course, now=now),
        },
    )


@course_access(STAFF)
@require_safe
def indicators_csv(request):
    rows = indicator_rows(course_indicators(course=request.course, now=timezone.now()))
    return csv_response(rows, filename=f"{request.course.slug}-radar-indicators.csv")
