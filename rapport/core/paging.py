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
