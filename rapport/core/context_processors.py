from django.utils.functional import SimpleLazyObject


def shell(request) -> dict:
    """The unread badge the page shell shows on every page (the course switcher comes
    from ``courses.context_processors``). Lazy, so pages that never render the shell pay
    no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread():
        from rapport.core.notifications import unread_count

        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(unread)}
