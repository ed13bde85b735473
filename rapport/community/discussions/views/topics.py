"""The course's discussions: the topic list (with search), starting a topic, and the
teaching team's switch for whether learners may start topics."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.community.discussions import moderation, queues, selectors, services
from rapport.community.discussions.forms import DiscussionSettingsForm, TopicForm
from rapport.community.discussions.views.common import form_data, page_number
from rapport.community.models.discussions import PostReport
from rapport.community.models.settings import community_settings_for
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access


def _may_start(request, settings) -> bool:
    return request.membership.is_staff or settings.learners_may_start_topics


@course_access()
@require_safe
def topic_list(request):
    is_staff = request.membership.is_staff
    query = request.GET.get("q", "")[:100]
    settings = community_settings_for(request.course)
    context = {
        "page": selectors.topic_page(
            course=request.course,
            user=request.user,
            is_staff=is_staff,
            page_number=page_number(request),
            query=query,
        ),
        "query": query.strip(),
        "may_start": _may_start(request, settings),
        "settings": settings,
    }
    if is_staff:
        context["settings_form"] = DiscussionSettingsForm(
            initial={"learners_may_start_topics": settings.learners_may_start_topics}
        )
        context["waiting_count"] = queues.waiting(course=request.course).page.paginator.count
        context["report_count"] = PostReport.objects.filter(
            post__course=request.course, resolved_at__isnull=True
        ).count()
    if request.htmx and not request.htmx.boosted:
        return render(request, "community/discussions/_topic_list.html", context)
    return render(request, "community/discussions/topics.html", context)


@course_access()
@require_http_methods(["GET", "POST"])
def topic_new(request):
    settings = community_settings_for(request.course)
    if not _may_start(request, settings):
        return render(request, "community/discussions/topic_new.html", {"closed": True}, status=403)
    data, files = form_data(request)
    form = TopicForm(data, files, course=request.course)
    if form.is_bound and form.is_valid():
        try:
            topic = services.topic_start(
                course=request.course,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                **form.image_inputs(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your topic is up. Classmates will see it now.")
            return redirect(topic)
    return render(request, "community/discussions/topic_new.html", {"form": form})


@course_access(STAFF)
@require_POST
def discussion_settings(request):
    form = DiscussionSettingsForm(request.POST)
    if form.is_valid():
        allowed = form.cleaned_data["learners_may_start_topics"]
        moderation.discussion_settings_save(
            course=request.course, staff=request.user, learners_may_start_topics=allowed
        )
        messages.success(
            request,
            "Learners can now start topics."
            if allowed
            else "Only the teaching team can start topics now.",
        )
    return redirect("community:topics", course_slug=request.course.slug)
