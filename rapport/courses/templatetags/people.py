"""Faces and names, everywhere a person is meant. Loaded as a template builtin.

It lives in courses because what a viewer may see of someone depends on their
memberships: it reads ``accounts.visibility`` and courses' roles, never the other way.

``{% face person %}`` and ``{% face membership %}`` draw a photo (or initials when the
photo is hidden or absent) respecting the viewer's rights in ``request.course``.
``{% role_badge membership %}`` marks a staff member wherever they post or message."""

from django import template
from django.urls import reverse

from rapport.accounts.visibility import profile_visibility
from rapport.courses.models import STAFF_ROLES, Membership, Role

register = template.Library()


def _person_and_role(obj):
    if isinstance(obj, Membership):
        return obj.user, obj.role
    return obj, None


def visibility_in_context(context, obj):
    request = context.get("request")
    person, role = _person_and_role(obj)
    viewer = getattr(request, "user", None)
    membership = getattr(request, "membership", None)
    return person, profile_visibility(
        viewer=viewer,
        person=person,
        course=getattr(request, "course", None),
        viewer_is_staff=bool(membership and membership.is_staff),
        person_is_staff=role in STAFF_ROLES,
    )


HUE_STEP = 15  # degrees between the initials avatars' 24 background hues


@register.inclusion_tag("courses/_face.html", takes_context=True)
def face(context, obj, size: str = "md", decorative: bool = True):
    person, seen = visibility_in_context(context, obj)
    src = ""
    if seen.photo and person.photo_thumb:
        stamp = person.photo_thumb.name.rsplit("-", 1)[-1].split(".")[0]
        src = reverse("accounts:photo", args=[person.pk]) + f"?v={stamp}"
    return {
        "person": person,
        "src": src,
        "size": size,
        "alt": "" if decorative else f"Photo of {person.display_name}",
        # One of the hues of rapport.css's face--hue-N classes, spread so that people made
        # one after another look apart (a class, not a style attribute: see the CSP).
        "hue": person.pk * 47 % 360 // HUE_STEP,
    }


@register.simple_tag(takes_context=True)
def visibility(context, obj):
    """``{% visibility membership as seen %}`` then ``{% if seen.pronouns %}``."""
    return visibility_in_context(context, obj)[1]


@register.filter
def name(person) -> str:
    person, _ = _person_and_role(person)
    return person.display_name if person is not None else "Someone"


# Short words for the badge; the full role is its title.
_BADGE_WORDS = {Role.INSTRUCTOR: "Instructor", Role.TA: "TA"}


@register.inclusion_tag("courses/_role_badge.html")
def role_badge(obj):
    """ "Instructor" or "TA" after a staff member's name. Only a staff *membership* earns
    it — pages pass the course's staff as memberships (their ``*_face``) and everyone else
    as a user — so a learner who calls themselves "Instructor", or shares a teacher's
    name, never gets one."""
    _, role = _person_and_role(obj)
    if role not in STAFF_ROLES:
        return {"word": ""}
    return {"word": _BADGE_WORDS[role], "title": Role(role).label}
