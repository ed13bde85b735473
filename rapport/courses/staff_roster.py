"""Where the teaching team sees and manages the course's people.

Courses owns memberships and invitations and draws the classmates page every member may
open; the staff roster (learner cards, their filters, and the membership actions on them)
is built by an app above it, which names its page here from its ``AppConfig.ready()`` — so
courses links to it without importing it. The members page, the staff's way into the
people page and the membership actions all lead there."""

from django.urls import reverse

_roster_url_name: str | None = None


def register_staff_roster(url_name: str) -> None:
    """Name the staff roster's URL (it takes ``course_slug``)."""
    global _roster_url_name
    _roster_url_name = url_name


def staff_roster_url(course) -> str | None:
    """The staff roster of ``course``, or None while no app has registered one."""
    if _roster_url_name is None:
        return None
    return reverse(_roster_url_name, kwargs={"course_slug": course.slug})


def staff_people_url(course) -> str:
    """Where staff manage people: the roster, else the classmates page."""
    return staff_roster_url(course) or reverse(
        "courses:people", kwargs={"course_slug": course.slug}
    )
