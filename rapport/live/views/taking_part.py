"""Taking part from a phone: a member from the course's live page, a guest with the code
(the join page is rate-limited per address, so codes can't be guessed by trying)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from rapport.core.ratelimits import Limit, attempt
from rapport.core.refusals import Refused
from rapport.courses.access import course_access
from rapport.courses.memberships import active_membership
from rapport.live import selectors, services
from rapport.live.consumers import GUESTS_KEY
from rapport.live.forms import JoinForm
from rapport.live.views.common import session_or_404, socket_url

JOIN_TRIES = 10
JOIN_WINDOW_SECONDS = 10 * 60
JOIN_LIMIT = Limit("live-join", JOIN_TRIES, JOIN_WINDOW_SECONDS, per="ip")


@course_access()
@require_safe
def session(request, live_session_id: int):
    live = session_or_404(request, live_session_id)
    return render(request, "live/session.html", {"session": live, "socket_url": socket_url(live)})


@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if form.is_bound:
        if attempt(request, JOIN_LIMIT):
            form.add_error(None, "Too many tries. Wait ten minutes, then try again.")
            status = 429
        elif form.is_valid():
            code = form.cleaned_data["code"]
            live = selectors.session_by_code(code)
            if live is not None and active_membership(course=live.course, user=request.user):
                return redirect("live:session", live.course.slug, live.pk)
            try:
                guest = services.guest_join(code=code, name=form.cleaned_data["name"])
            except Refused as refusal:
                form.add_error(refusal.field, refusal.message)
            else:
                places = dict(request.session.get(GUESTS_KEY) or {})
                places[str(guest.session_id)] = [guest.pk, guest.guest_key]
                request.session[GUESTS_KEY] = places
                return redirect("live:guest", guest.session.join_code)
    return render(request, "live/join.html", {"form": form}, status=status)


@require_safe
def guest_session(request, code: str):
    live = selectors.session_by_code(code)
    place = None if live is None else (request.session.get(GUESTS_KEY) or {}).get(str(live.pk))
    if place is None:
        if live is not None and active_membership(course=live.course, user=request.user):
            return redirect("live:session", live.course.slug, live.pk)
        messages.info(request, "Type the code on the screen and your name to join.")
        return redirect("live:join")
    if not live.code_is_valid():
        raise Http404("This code has expired.")
    context = {"session": live, "socket_url": socket_url(live), "guest": True}
    return render(request, "live/session.html", context)
