"""Long lists shown a page at a time: the page the address asks for, and what links to the
other pages carry so that a search or a filter survives turning the page."""

from django.core.paginator import Page, Paginator

# Lists of people to choose from show a face beside each name up to this many; a bigger
# class is names alone (a face each was most of the page).
FACES_UP_TO = 40


def page_of(items, request, *, per_page: int) -> Page:
    """The page of ``items`` (a queryset or a list) named by ``?page=`` — the nearest one
    when the number is missing, not a number or past the end."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The request's query string without its page number: search words and filters, for
    the links to the other pages (``core/_pages.html`` takes it as ``params``)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def shown_count(request, *, step: int, most: int, name: str = "shown") -> int:
    """How many of a long list to draw: ``?shown=`` rounded up to a whole ``step`` (a page
    that grows by "Show more"), ``step`` when it is missing or not a number, never above
    ``most``."""
    try:
        asked = int(request.GET.get(name, step))
    except (TypeError, ValueError):
        asked = step
    return min(max(step, -(-asked // step) * step), most)


def int_param(request, name: str) -> int | None:
    """``?name=`` as a whole number, or None when it is missing or not one."""
    try:
        return int(request.GET[name])
    except (KeyError, ValueError):
        return None
