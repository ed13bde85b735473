"""What the check-in services share: who is told, the links that notifications carry, and
how a learner-only action is refused."""

from django.urls import reverse

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus

LEARNERS_ONLY = "Reflections and mood check-ins are for the course's learners."


def active_staff(*, course: Course) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            course=course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
        ).select_related("user")
    ]


def prompt_url(prompt) -> str:
    return reverse(
        "community:reflection_prompt",
        kwargs={"course_slug": prompt.course.slug, "prompt_id": prompt.pk},
    )


def mood_learner_url(*, course: Course, learner) -> str:
    return reverse(
        "community:mood_learner", kwargs={"course_slug": course.slug, "user_id": learner.pk}
    )
