"""What the ritual views share: finding things through ``request.course``, and where to go
back to after a small action."""

from django.http import Http404

from rapport.community.rituals import selectors


def ritual_or_404(request, ritual_id: int):
    ritual = selectors.ritual_for(course=request.course, ritual_id=ritual_id)
    if ritual is None:
        raise Http404("No such ritual.")
    return ritual


def round_or_404(request, round_id: int):
    round_ = selectors.round_for(course=request.course, round_id=round_id)
    if round_ is None:
        raise Http404("No such round.")
    return round_


def post_or_404(request, post_id: int):
    post = selectors.post_for(course=request.course, post_id=post_id)
    if post is None:
        raise Http404("No such post.")
    return post
