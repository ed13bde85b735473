from django.http import Http404

from rapport.officehours import selectors
from rapport.officehours.forms import days_of
from rapport.officehours.models import Booking, OfficeHours, Pool


def office_hours_or_404(request, office_hours_id: int) -> OfficeHours:
    found = (
        OfficeHours.objects.filter(course=request.course, pk=office_hours_id)
        .select_related("host", "course")
        .first()
    )
    if found is None:
        raise Http404("No such office hours.")
    return found


def booking_or_404(request, booking_id: int) -> Booking:
    """A booking of this course: any for its staff, only their own for a learner."""
    found = selectors.booking_for(
        request.course, booking_id, request.user, is_staff=request.membership.is_staff
    )
    if found is None:
        raise Http404("No such meeting.")
    return found


def pool_or_404(request, pool_id: int) -> Pool:
    found = Pool.objects.filter(course=request.course, pk=pool_id).first()
    if found is None:
        raise Http404("No such pool.")
    return found


def own_office_hours_or_404(request) -> OfficeHours:
    found = selectors.own_office_hours(request.course, request.user)
    if found is None:
        raise Http404("Set up your office hours first.")
    return found


def days_for(request, slots, *, group: bool = False) -> list:
    return days_of(slots, request.user.zone(), group=group)
