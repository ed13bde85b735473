"""The teaching team's reads: the course's ledger of moments and the radar's indicators.
Learners get 404 here, as on the app's staff pages."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate

from rapport.core.audit import staff_read_record
from rapport.core.kinds import SensitiveReadKind
from rapport.core.selectors import course_touchpoints
from rapport.courses.models import Membership, Role
from rapport.integrations.api.v1.common import CourseSlug, Pages, member_or_404, responses
from rapport.integrations.api.v1.schemas import IndicatorsOut, TouchpointFilters, TouchpointOut
from rapport.radar.indicators import course_indicators

router = Router(tags=["teaching team"])


@router.get(
    "/courses/{slug}/touchpoints",
    response=responses(200, list[TouchpointOut]),
    operation_id="course_touchpoints",
)
@paginate(Pages)
def touchpoints_list(
    request: HttpRequest, slug: str = CourseSlug, filters: Query[TouchpointFilters] = None
):
    """The course's relational moments, newest first (teaching team only)."""
    membership = member_or_404(request, slug, staff=True)
    moments = course_touchpoints(
        course=membership.course,
        since=filters.since,
        until=filters.until,
        kind=filters.kind,
        learner_id=filters.learner_id,
    )
    # Audited for every learner the answer's moments name, whichever page is asked for.
    learners = Membership.objects.filter(course=membership.course, role=Role.LEARNER).filter(
        Q(user_id__in=moments.values("actor_id")) | Q(user_id__in=moments.values("subject_id"))
    )
    staff_read_record(
        request,
        membership=membership,
        kind=SensitiveReadKind.API_TOUCHPOINTS,
        learners=learners.values("user_id"),
    )
    return moments


def _indicators(row) -> dict:
    return {
        "learner": row.user,
        "days_since_personal_contact": row.days_since_personal_contact,
        "personal_contacts_this_term": row.personal_contacts_this_term,
        "peer_given": row.peer_given,
        "peer_received": row.peer_received,
        "distinct_classmates": row.distinct_classmates,
        "classmate_replies_received": row.classmate_replies_received,
        "posts": row.posts,
        "participation_this_week": row.participation_this_week,
        "participation_baseline": row.participation_baseline,
        "mood_by_week": row.mood_by_week,
        "open_help_requests": row.open_help_requests,
        "intro_survey_answered": row.intro_survey_answered,
        "milestones_coming_up": row.milestones_coming_up,
        "checkins_not_opened_in_a_row": row.checkins_not_opened_in_a_row,
        "days_in_course": row.days_in_course,
        "sentences": row.sentences(),
    }


@router.get(
    "/courses/{slug}/radar",
    response=responses(200, list[IndicatorsOut]),
    operation_id="course_radar",
)
@paginate(Pages)
def radar(request: HttpRequest, slug: str = CourseSlug):
    """Each active learner's connection indicators, as the radar works them out now,
    by name (teaching team only)."""
    membership = member_or_404(request, slug, staff=True)
    rows = course_indicators(course=membership.course, now=timezone.now())
    staff_read_record(
        request,
        membership=membership,
        kind=SensitiveReadKind.API_RADAR,
        learners=[row.user.pk for row in rows],
    )
    return [_indicators(row) for row in rows]
