from django.http import Http404
from django.urls import reverse

from rapport.live import selectors


def session_or_404(request, session_id: int):
    session = selectors.session_or_none(course=request.course, session_id=session_id)
    if session is None:
        raise Http404("No such live session.")
    return session


def activity_or_404(session, activity_id: int):
    activity = selectors.activity_of(session, activity_id)
    if activity is None:
        raise Http404("No such activity in this session.")
    return activity


def socket_url(session, *, screen: bool = False) -> str:
    return f"/ws/live/{session.join_code}/" + ("?view=screen" if screen else "")


def join_url(request) -> str:
    return request.build_absolute_uri(reverse("live:join"))
