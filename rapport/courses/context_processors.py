from django.utils.functional import SimpleLazyObject

from rapport.courses.selectors import courses_for_switcher


def course_switcher(request) -> dict:
    """The signed-in person's active courses for the shell's course switcher. Lazy, so
    pages that never render the shell pay no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"switcher_memberships": SimpleLazyObject(lambda: courses_for_switcher(user=user))}
