"""What the discussion views share: finding a topic or post the person may see, and where
to go back to after a small action."""

from django.http import Http404

from rapport.community.discussions import selectors
from rapport.community.models.discussions import Post, Topic


def topic_or_404(request, topic_id: int) -> Topic:
    topic = selectors.topic_for(membership=request.membership, topic_id=topic_id)
    if topic is None:
        raise Http404("No such topic.")
    return topic


def post_or_404(request, post_id: int) -> Post:
    post = selectors.post_for(membership=request.membership, post_id=post_id)
    if post is None:
        raise Http404("No such post.")
    return post


def form_data(request):
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def page_number(request):
    return request.GET.get("page") or 1
