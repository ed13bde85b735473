"""The Rapport pages an instructor can place in their LMS course (LTI Deep Linking).

Each placed item is a resource link to Rapport's one launch URL carrying the page's path in
a custom parameter (``TARGET_PARAM``); a later launch of it lands on that page, after the
launch has checked who the person is and put them in the course."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse
from pylti1p3.deep_link_resource import DeepLinkResource

from rapport.courses.models import Course
from rapport.live.selectors import sessions_for
from rapport.walls.models import Board

# The custom parameter a deep-linked item carries: the Rapport page it opens.
TARGET_PARAM = "rapport_target"


@dataclass(frozen=True)
class PlaceablePage:
    key: str
    title: str
    path: str
    kind: str


def placeable_pages(course: Course) -> list[PlaceablePage]:
    """The course home, each of the course's own walls (a peer group's wall belongs to its
    group, not to the whole class), each live session, and office hours."""
    slug = course.slug
    pages = [
        PlaceablePage(
            "home", f"{course.title} in Rapport", course.get_absolute_url(), "Course home"
        )
    ]
    for board in Board.objects.filter(course=course, group__isnull=True).order_by("title", "pk"):
        path = reverse("walls:board", args=[slug, board.pk])
        pages.append(PlaceablePage(f"wall-{board.pk}", board.title, path, "Wall"))
    open_sessions, past_sessions = sessions_for(course=course)
    for session in open_sessions + past_sessions:
        path = reverse("live:session", args=[slug, session.pk])
        pages.append(PlaceablePage(f"live-{session.pk}", session.title, path, "Live session"))
    path = reverse("officehours:index", args=[slug])
    pages.append(PlaceablePage("office-hours", "Office hours", path, "Office hours"))
    return pages


def content_items(pages: list[PlaceablePage], *, launch_url: str) -> list[DeepLinkResource]:
    return [
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(page.title)
        .set_custom_params({TARGET_PARAM: page.path})
        for page in pages
    ]


def target_path(course: Course, target: str) -> str | None:
    """The path a launched item's target opens: a page of this very course that is still
    there, or None (another course's or site's page, an unknown path, a deleted wall)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith(f"/c/{course.slug}/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    # A page of one thing (a wall, a live session) opens only while that thing is still
    # one of the course's placeable pages; its own view would answer 404 otherwise.
    if set(match.kwargs) - {"course_slug"} and parts.path not in {
        page.path for page in placeable_pages(course)
    }:
        return None
    return parts.path
