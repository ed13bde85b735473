"""Staff reads: learners' posts waiting for a reply, how fast the class answers them, and
members' reports waiting for the teaching team. Each is a fixed number of queries."""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from rapport.community.discussions import mentions
from rapport.community.discussions.selectors import decorate, posts_listed
from rapport.community.models.discussions import Post, PostReport
from rapport.community.models.settings import community_settings_for
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.courses.selectors import staff_memberships

WAITING_PER_PAGE = 30
ANSWERED_WITHIN = timedelta(hours=24)


def _learner_posts(course: Course) -> QuerySet[Post]:
    """Posts still shown in the course's own topics (a group's thread is its own),
    written by people who are active learners of the course now."""
    learner = Membership.objects.filter(
        course=course,
        user=OuterRef("author"),
        role=Role.LEARNER,
        status=MembershipStatus.ACTIVE,
    )
    return posts_listed(course=course, is_staff=False).filter(Exists(learner))


def _replies_from_others() -> QuerySet[Post]:
    return Post.objects.filter(parent=OuterRef("pk"), hidden_at__isnull=True).exclude(
        author=OuterRef("author")
    )


@dataclass
class Waiting:
    page: Page
    hours: int


def waiting(*, course: Course, now: datetime | None = None, page_number=1) -> Waiting:
    """Learners' posts (topics or replies) nobody else has answered for the course's
    ``waiting_reply_hours``, oldest first. Locked topics take no replies, so they are left
    out."""
    now = now or timezone.now()
    hours = community_settings_for(course).waiting_reply_hours
    posts = (
        _learner_posts(course)
        .filter(created_at__lte=now - timedelta(hours=hours), topic__locked_at__isnull=True)
        .exclude(Exists(_replies_from_others()))
        .select_related("topic", "author", "parent__author")
        .order_by("created_at", "pk")
    )
    page = Paginator(posts, WAITING_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    staff = staff_memberships(course=course)
    people = mentions.active_members(
        course=course, ids=set().union(*(mentions.mentioned_ids(p.body) for p in page.object_list))
    )
    for post in page.object_list:
        post.excerpt = mentions.plain_text(post.body, people=people)
        post.waited = duration_text(now - post.created_at)
        post.author_face = staff.get(post.author_id, post.author)
    return Waiting(page=page, hours=hours)


@dataclass(frozen=True)
class ReplyTimes:
    """Time to the first reply from someone else, for learners' posts written in a period:
    the median among those answered, and how many were answered at all."""

    posts: int
    answered: int
    median: timedelta | None

    @property
    def median_text(self) -> str:
        return duration_text(self.median) if self.median is not None else "—"


def duration_text(duration: timedelta) -> str:
    """``45 min``, ``3 h 20 min``, ``2 days 4 h`` — for figures people read at a glance."""
    minutes = max(0, round(duration.total_seconds() / 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min"


@dataclass(frozen=True)
class ReplyFigures:
    week: ReplyTimes
    four_weeks: ReplyTimes
    # Among learners' posts of the last four weeks at least a day old: answered within a day.
    judged: int
    within_a_day: int

    @property
    def within_a_day_share(self) -> float | None:
        return self.within_a_day / self.judged if self.judged else None

    @property
    def within_a_day_percent(self) -> str:
        share = self.within_a_day_share
        return "—" if share is None else f"{round(share * 100)}%"


def reply_figures(*, course: Course, now: datetime | None = None) -> ReplyFigures:
    """One query: each learner post of the last four weeks with its first reply's time."""
    now = now or timezone.now()
    first_reply = _replies_from_others().order_by("created_at").values("created_at")[:1]
    rows = list(
        _learner_posts(course)
        .filter(created_at__gt=now - timedelta(days=28), created_at__lte=now)
        .annotate(first_reply_at=Subquery(first_reply))
        .values_list("created_at", "first_reply_at")
    )
    week_start = now - timedelta(days=7)
    week = [(posted, replied) for posted, replied in rows if posted > week_start]
    judged = [(posted, replied) for posted, replied in rows if posted <= now - ANSWERED_WITHIN]
    return ReplyFigures(
        week=_times(week),
        four_weeks=_times(rows),
        judged=len(judged),
        within_a_day=sum(
            1 for posted, replied in judged if replied and replied - posted <= ANSWERED_WITHIN
        ),
    )


def _times(rows) -> ReplyTimes:
    waits = [replied - posted for posted, replied in rows if replied is not None]
    return ReplyTimes(
        posts=len(rows),
        answered=len(waits),
        median=statistics.median(waits) if waits else None,
    )


def reported_posts(*, course: Course, user) -> list[Post]:
    """Posts with open reports, the longest waiting first, each with its reports and
    drawn as staff see it."""
    open_reports = PostReport.objects.filter(resolved_at__isnull=True)
    posts = list(
        Post.objects.filter(course=course)
        .filter(Exists(open_reports.filter(post=OuterRef("pk"))))
        .select_related("topic", "author")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=open_reports.select_related("reporter").order_by("created_at"),
                to_attr="open_report_list",
            )
        )
    )
    posts.sort(key=lambda post: post.open_report_list[0].created_at)
    decorate(posts, course=course, user=user, is_staff=True)
    staff = staff_memberships(course=course)
    for post in posts:
        for report in post.open_report_list:
            report.reporter_face = staff.get(report.reporter_id, report.reporter)
    return posts


def recently_resolved(*, course: Course, limit: int = 10) -> list[PostReport]:
    return list(
        PostReport.objects.filter(post__course=course, resolved_at__isnull=False)
        .select_related("post__topic", "reporter", "resolved_by")
        .order_by("-resolved_at", "-pk")[:limit]
    )
