"""The course's surveys: for a learner, the published ones with theirs waiting first; for
the teaching team, every survey with its status and how many have answered."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from rapport.courses.access import course_access
from rapport.surveys import selectors


@course_access()
@require_safe
def survey_list(request):
    now = timezone.now()
    if request.membership.is_staff:
        listing = selectors.surveys_for_staff(course=request.course, now=now)
        return render(request, "surveys/list_staff.html", {"listing": listing})
    entries = selectors.surveys_for_learner(course=request.course, user=request.user, now=now)
    return render(request, "surveys/list_learner.html", {"entries": entries})
