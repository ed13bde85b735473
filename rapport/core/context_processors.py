from django.utils.functional import SimpleLazyObject


def shell(request) -> dict:
    """What the page shell needs on every page: the course switcher and the unread badge.
    Both are lazy, so pages that never render the shell pay no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def my_courses():
        from rapport.courses.selectors import courses_for_switcher

        return courses_for_switcher(user=user)

    def unread():
        from rapport.core.notifications import unread_count

        return unread_count(user)

    return {
        "switcher_memberships": SimpleLazyObject(my_courses),
        "unread_notifications": SimpleLazyObject(unread),
    }
