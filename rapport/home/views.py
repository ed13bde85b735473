"""The course home: staff see "This week" (who needs them, then what waits for them);
learners see their teachers, what waits for them and their classmates."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from rapport.core.audit import staff_read_record
from rapport.core.kinds import SensitiveReadKind
from rapport.courses.access import course_access
from rapport.courses.selectors import join_url
from rapport.courses.services import membership_visit
from rapport.home import selectors
from rapport.radar.models import DecisionKind, DecisionReason


@course_access()
@require_safe
def course_home(request):
    course, membership = request.course, request.membership
    now = timezone.now()
    membership_visit(membership=membership, now=now)
    if membership.is_staff:
        home = selectors.staff_home(course=course, user=request.user, now=now, back=request.path)
        _audit_staff_home(request, home)
        return render(
            request,
            "home/staff.html",
            {
                "home": home,
                "decision_kinds": DecisionKind.choices,
                "decision_reasons": DecisionReason.choices,
                # A course nobody has joined yet: getting them in is this week's first job.
                "join_url": "" if home.week.indicators else join_url(request, course),
            },
        )
    return render(
        request,
        "home/learner.html",
        {
            "home": selectors.learner_home(course=course, membership=membership, now=now),
            "missing": _and_join(request.user.missing_profile_fields),
        },
    )


def _audit_staff_home(request, home: selectors.StaffHome) -> None:
    """The reach-out list shows its learners' reasons (a low mood, a help request nobody
    has followed up), the help list their requests: one row for each learner shown."""
    staff_read_record(
        request,
        kind=SensitiveReadKind.RADAR,
        learners=[item.user.pk for item, _ in home.reach_out],
    )
    staff_read_record(
        request,
        kind=SensitiveReadKind.HELP_REQUESTS,
        learners=[learner.user.pk for learner, _ in home.help_waiting],
    )


def _and_join(words: list[str]) -> str:
    """["photo", "about me"] -> "photo and about me"."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
