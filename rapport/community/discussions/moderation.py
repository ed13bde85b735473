"""The teaching team's care of a course's discussions: pinning and locking topics, hiding
posts, members' reports and the class's rule on who may start topics."""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rapport.community.models.discussions import (
    Post,
    PostReport,
    ReportOutcome,
    Topic,
)
from rapport.community.models.settings import CommunitySettings, community_settings_for
from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_member, require_staff
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus

REASON_MAX = 1000


@transaction.atomic
def topic_pin(*, topic: Topic, staff, pinned: bool, now: datetime | None = None) -> Topic:
    require_staff(course=topic.course, user=staff)
    topic.pinned_at = (now or timezone.now()) if pinned else None
    topic.save(update_fields=["pinned_at"])
    return topic


@transaction.atomic
def topic_lock(*, topic: Topic, staff, locked: bool, now: datetime | None = None) -> Topic:
    require_staff(course=topic.course, user=staff)
    topic.locked_at = (now or timezone.now()) if locked else None
    topic.save(update_fields=["locked_at"])
    return topic


@transaction.atomic
def post_hide(*, post: Post, staff, hidden: bool, now: datetime | None = None) -> Post:
    """Hide a post from learners (or show it again). Hiding an opening post hides its
    whole topic."""
    require_staff(course=post.course, user=staff)
    now = now or timezone.now()
    post.hidden_at, post.hidden_by = (now, staff) if hidden else (None, None)
    post.save(update_fields=["hidden_at", "hidden_by"])
    if post.is_opening:
        Topic.objects.filter(pk=post.topic_id).update(hidden_at=post.hidden_at)
        post.topic.hidden_at = post.hidden_at
    return post


@transaction.atomic
def post_report(*, post: Post, reporter, reason: str, now: datetime | None = None) -> PostReport:
    """A member asks the teaching team to look at a post; every active staff member is
    told. One open report per person per post."""
    membership = require_member(course=post.course, user=reporter)
    if post.is_hidden and not membership.is_staff:
        raise Refused("That post isn't there any more.")
    if post.author_id == reporter.pk:
        raise Refused("This is your own post — you can edit it instead.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refused("Tell the teaching team what's wrong, in a few words.", field="reason")
    if len(reason) > REASON_MAX:
        raise Refused(f"Keep the reason under {REASON_MAX:,} characters.", field="reason")
    if PostReport.objects.filter(post=post, reporter=reporter, resolved_at__isnull=True).exists():
        raise Refused("You've already reported this post. The teaching team will look at it soon.")
    now = now or timezone.now()
    report = PostReport.objects.create(post=post, reporter=reporter, reason=reason, created_at=now)
    queue = reverse("community:moderation", kwargs={"course_slug": post.course.slug})
    staff = Membership.objects.filter(
        course=post.course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
    ).select_related("user")
    for member in staff:
        notify(
            recipient=member.user,
            kind=NotificationKind.POST_REPORTED,
            title=f"{reporter.display_name} reported a post in “{post.topic.title}”",
            body=reason[:200],
            url=queue,
            course=post.course,
            actor=reporter,
        )
    return report


@transaction.atomic
def report_resolve(*, post: Post, staff, hide: bool, now: datetime | None = None) -> int:
    """Close every open report on ``post``: keep it as it is, or hide it. Returns how many
    reports were closed."""
    require_staff(course=post.course, user=staff)
    now = now or timezone.now()
    if hide:
        post_hide(post=post, staff=staff, hidden=True, now=now)
    return PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=now,
        resolved_by=staff,
        outcome=ReportOutcome.HIDDEN if hide else ReportOutcome.KEPT,
    )


@transaction.atomic
def discussion_settings_save(
    *, course: Course, staff, learners_may_start_topics: bool
) -> CommunitySettings:
    require_staff(course=course, user=staff)
    settings = community_settings_for(course)
    settings.learners_may_start_topics = learners_may_start_topics
    settings.save(update_fields=["learners_may_start_topics"])
    return settings
