"""Reads for the resource library and for picking resources for one learner.

Who may see what: every active member of a course sees its library and may open its files.
A recommendation is seen only by its learner and the course's staff — for anyone else a
list of recommendations is always filtered to ``learner = them``.

Every list here costs the same number of queries however many learners or resources the
course has.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.knowing.models.resources import Recommendation, Resource
from rapport.knowing.recommend import ranking
from rapport.surveys.intro import IntroAnswers, intro_answers


def _tag_filter(tag: str) -> Q:
    # Tags are stored normalised and comma-joined ("air quality,wildfire").
    return (
        Q(tags=tag)
        | Q(tags__startswith=f"{tag},")
        | Q(tags__endswith=f",{tag}")
        | Q(tags__contains=f",{tag},")
    )


def resources_for(*, course: Course, tag: str = "") -> list[Resource]:
    resources = Resource.objects.filter(course=course).select_related("course")
    if tag:
        resources = resources.filter(_tag_filter(tag))
    return list(resources)


def tags_in_use(*, course: Course) -> list[tuple[str, int]]:
    """Every tag in the library with how many resources carry it, most used first."""
    counts = Counter(
        tag
        for tags in Resource.objects.filter(course=course).values_list("tags", flat=True)
        for tag in tags.split(",")
        if tag
    )
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def resource_in(*, course: Course, resource_id: int) -> Resource | None:
    return Resource.objects.select_related("course").filter(course=course, pk=resource_id).first()


def learner_membership(*, course: Course, user_id: int) -> Membership | None:
    """The active learner ``user_id`` of ``course``, or None (staff, outsiders, people who
    left)."""
    return (
        Membership.objects.select_related("user")
        .filter(course=course, user_id=user_id, role=Role.LEARNER, status=MembershipStatus.ACTIVE)
        .first()
    )


def active_learners(*, course: Course) -> list[Membership]:
    return list(
        Membership.objects.select_related("user")
        .filter(course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE)
        .order_by("user__preferred_name", "user__full_name", "user__email")
    )


def picked_for(*, course: Course, learner) -> list[Recommendation]:
    """What the teaching team picked for ``learner`` — and only for them."""
    return list(
        Recommendation.objects.filter(course=course, learner=learner).select_related(
            "resource", "resource__course", "sender"
        )
    )


def sent_by_team(*, course: Course, limit: int = 30) -> list[Recommendation]:
    """The latest picks the teaching team sent in ``course`` (for staff only)."""
    return list(
        Recommendation.objects.filter(course=course).select_related(
            "resource", "resource__course", "sender", "learner"
        )[:limit]
    )


@dataclass
class Suggestion:
    position: int
    resource: Resource
    fit: ranking.Fit
    sent: Recommendation | None
    note: str

    @property
    def matches(self) -> bool:
        return self.fit.score > 0


@dataclass
class LearnerPicks:
    membership: Membership
    answers: IntroAnswers
    suggestions: list[Suggestion]

    @property
    def told_us_anything(self) -> bool:
        return bool(self.answers.goals.strip() or self.answers.interests)

    @property
    def matching(self) -> list[Suggestion]:
        return [suggestion for suggestion in self.suggestions if suggestion.matches]

    @property
    def others(self) -> list[Suggestion]:
        return [suggestion for suggestion in self.suggestions if not suggestion.matches]


def suggestions_for(*, course: Course, membership: Membership) -> LearnerPicks:
    """The course's resources ranked by fit with one learner's goals and interests, each
    with a personal line to start from and whether it was already sent to them."""
    learner = membership.user
    answers = intro_answers(course=course, user_ids=[learner.pk]).get(learner.pk, IntroAnswers())
    resources = resources_for(course=course)
    sent = {
        recommendation.resource_id: recommendation
        for recommendation in Recommendation.objects.filter(
            course=course, learner=learner
        ).select_related("sender")
    }
    by_id = {resource.pk: resource for resource in resources}
    fits = ranking.rank(
        goals=answers.goals,
        interests=answers.interests,
        documents=[
            ranking.Document(
                key=resource.pk,
                title=resource.title,
                description=resource.description,
                tags=resource.tag_list,
            )
            for resource in resources
        ],
    )
    suggestions = [
        Suggestion(
            position=position,
            resource=by_id[fit.key],
            fit=fit,
            sent=sent.get(fit.key),
            note=note_suggestion(fit=fit),
        )
        for position, fit in enumerate(fits, start=1)
    ]
    return LearnerPicks(membership=membership, answers=answers, suggestions=suggestions)


def note_suggestion(*, fit: ranking.Fit) -> str:
    """A first line for the personal note, in the learner's own words where we can —
    their goal first, as it weighs most in the ranking."""
    if fit.goal_phrases:
        return f"Thought of you because you mentioned {fit.goal_phrases[0]} in your goals."
    if fit.interests:
        return f"Thought of you because you mentioned {fit.interests[0]}."
    return "Thought of you when I saw this."
