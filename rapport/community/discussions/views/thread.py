"""Reading a topic: its page of replies, the posts added since (polled by htmx), a post's
permalink, and the people an @mention may name."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from rapport.accounts.visibility import profile_visibility
from rapport.community.discussions import mentions, selectors, services
from rapport.community.discussions.forms import ReplyForm
from rapport.community.discussions.views.common import page_number, post_or_404, topic_or_404
from rapport.courses.access import course_access

# How often an open thread asks for new posts.
POLL_SECONDS = 12


@course_access()
@require_safe
def topic(request, topic_id: int):
    topic = topic_or_404(request, topic_id)
    is_staff = request.membership.is_staff
    last_read = selectors.last_read_post_id(topic=topic, user=request.user)
    thread = selectors.thread(
        topic=topic,
        user=request.user,
        is_staff=is_staff,
        page_number=page_number(request),
        last_read=last_read,
    )
    services.topic_mark_read(
        topic=topic,
        user=request.user,
        shown_ids=[thread.opening.pk, *(post.pk for post in thread.page.object_list)],
        visible_ids=thread.visible_ids,
    )
    return render(
        request,
        "community/discussions/topic.html",
        {
            "topic": topic,
            "thread": thread,
            "form": ReplyForm(auto_id="id_reply_%s"),
            "poll_seconds": POLL_SECONDS,
        },
    )


def _after(request) -> int:
    after = request.GET.get("after", "")
    return int(after) if after.isdigit() else 0


@course_access()
@require_safe
def topic_newer(request, topic_id: int):
    """Posts added after ``?after=<post id>``: for the poller, just the new posts and the
    poller itself asking from the newest one (nothing at all when there are none); for a
    person following the link, a page of them."""
    topic = topic_or_404(request, topic_id)
    after = _after(request)
    newer = selectors.newer_posts(
        topic=topic, user=request.user, is_staff=request.membership.is_staff, after=after
    )
    posts = newer.posts
    if posts:
        services.topic_mark_read(
            topic=topic,
            user=request.user,
            shown_ids=[post.pk for post in posts],
            visible_ids=newer.visible_ids,
        )
    context = {
        "topic": topic,
        "posts": posts,
        "after": max([after, *(p.pk for p in posts)]),
        "poll_seconds": POLL_SECONDS,
    }
    if request.htmx:
        if not posts:
            return HttpResponse(status=204)
        return render(request, "community/discussions/_newer.html", context)
    return render(request, "community/discussions/newer.html", context)


@course_access()
@require_safe
def post_permalink(request, post_id: int):
    """Where a notification points: the post, on the page of its topic it is drawn on."""
    post = post_or_404(request, post_id)
    page = selectors.page_of_post(
        post=post, user=request.user, is_staff=request.membership.is_staff
    )
    url = reverse("community:topic", args=[request.course.slug, post.topic_id])
    if page > 1:
        url += f"?page={page}"
    return redirect(f"{url}#post-{post.pk}")


@course_access()
@require_safe
def mention_search(request):
    """``?q=kwa`` → JSON ``[{id, name, face_url}]``: active members of this course; with
    ``&topic=<id>`` of a group's own thread, only those a post there may name."""
    topic_id = request.GET.get("topic", "")[:12]
    topic = topic_or_404(request, int(topic_id)) if topic_id.isdigit() else None
    found = mentions.search(
        course=request.course,
        query=request.GET.get("q", "")[:60],
        exclude_id=request.user.pk,
        group_id=topic.group_id if topic else None,
    )
    viewer_is_staff = request.membership.is_staff
    people = []
    for membership in found:
        person = membership.user
        seen = profile_visibility(
            viewer=request.user,
            person=person,
            course=request.course,
            viewer_is_staff=viewer_is_staff,
            person_is_staff=membership.is_staff,
        )
        face_url = ""
        if seen.photo and person.photo_thumb:
            stamp = person.photo_thumb.name.rsplit("-", 1)[-1].split(".")[0]
            face_url = reverse("accounts:photo", args=[person.pk]) + f"?v={stamp}"
        people.append({"id": person.pk, "name": person.display_name, "face_url": face_url})
    return JsonResponse(people, safe=False)
