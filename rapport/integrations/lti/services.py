"""Accepting a checked launch: the nonce is spent, the platform's rows synced, the person
found or made, the course found or (by an instructor) made or chosen, and their place in it
given. All of it in one transaction, so a refused launch leaves nothing behind."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.timezone import now
from lti_tool.models import LtiContext, LtiLaunch
from lti_tool.utils import sync_data_from_launch

from rapport.core.enums import JoinedVia, MembershipStatus, Role
from rapport.core.refusals import Refused
from rapport.courses.models import Course, Membership
from rapport.courses.services import course_create, course_join
from rapport.courses.services.common import is_last_instructor
from rapport.integrations.lti.deep_linking import TARGET_PARAM, target_path
from rapport.integrations.lti.models import CourseLink, UsedNonce
from rapport.integrations.lti.people import PlatformPerson, person_resolve
from rapport.integrations.lti.roles import rapport_role
from rapport.integrations.lti.selectors import courses_to_link

# pylti1p3 forgets a login's nonce after a day, after which no launch can use it: a used
# nonce is kept a little longer than that, then cleared.
NONCE_KEPT_FOR = timedelta(days=2)
CUSTOM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/custom"

NOT_OPENED_YET = (
    "Your instructor hasn't opened Rapport in this course yet. Once they have, this link "
    "will take you straight in."
)
NO_ROLE = (
    "Rapport is for this course's teachers and learners, and your role in the course "
    "(such as observer or mentor) isn't one of them."
)
REPLAYED = "This launch was already used. Open Rapport from your course again."
INACTIVE = (
    "Rapport has not been switched on for this installation in your learning platform yet. "
    "Ask your site administrator to activate the deployment."
)
NOT_SUPPORTED = "Rapport cannot open this kind of launch."
SWITCHED_OFF = "Your Rapport account has been switched off. Ask your site's help desk about it."
NOT_YOURS_TO_LINK = (
    "Rapport can only link a course you teach in Rapport, that isn't archived and isn't "
    "linked to another course of your LMS. Nothing was linked."
)


@dataclass(frozen=True)
class LaunchOutcome:
    user: object
    course: Course
    membership: Membership
    link: CourseLink
    next_url: str
    course_created: bool
    # The item's target page was named but cannot open (gone, or not this course's).
    target_missing: bool = False


@dataclass(frozen=True)
class CourseChoiceNeeded:
    """The first instructor launch from an LMS course, by someone who already teaches
    Rapport courses they could link instead of making a new one: they choose first."""

    user: object
    launch_id: str
    launch_data: dict


def nonce_use(*, issuer: str, nonce: str) -> None:
    """Spend a launch's nonce; a second use (a replayed id_token) is refused."""
    UsedNonce.objects.filter(used_at__lt=now() - NONCE_KEPT_FOR).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(issuer=issuer, nonce=nonce)
    except IntegrityError:
        raise Refused(REPLAYED, code="replayed") from None


@transaction.atomic
def launch_accept(*, launch: LtiLaunch) -> LaunchOutcome | CourseChoiceNeeded:
    if launch.is_data_privacy_launch or launch.is_submission_review_launch:
        raise Refused(NOT_SUPPORTED)
    nonce_use(issuer=launch.get_claim("iss"), nonce=launch.get_claim("nonce"))
    if not launch.deployment.is_active:
        raise Refused(INACTIVE, code="inactive")
    role = rapport_role(launch.roles_claim)
    if role is None:
        raise Refused(NO_ROLE, code="no_role")
    if launch.is_deep_link_launch and role == Role.LEARNER:
        raise Refused("Only your course's teachers can add Rapport pages to it.")
    if not (launch.context_claim or {}).get("id"):
        raise Refused(
            "This launch did not come from a course, so Rapport can't tell which to open."
        )
    sync_data_from_launch(launch)
    context = launch.context
    link = CourseLink.objects.select_related("course").filter(context=context).first()
    if link is None and role != Role.INSTRUCTOR:
        raise Refused(NOT_OPENED_YET, code="not_opened")
    person = PlatformPerson.from_claims(launch.get_launch_data())
    user = person_resolve(registration=launch.registration, person=person)
    if not user.is_active:
        raise Refused(SWITCHED_OFF)
    if link is None and courses_to_link(user=user, registration=launch.registration).exists():
        return CourseChoiceNeeded(
            user=user, launch_id=launch.get_launch_id(), launch_data=launch.get_launch_data()
        )
    return _launch_enter(launch=launch, user=user, role=role, link=link)


@transaction.atomic
def course_choice_accept(*, launch: LtiLaunch, user, course_id: int | None) -> LaunchOutcome:
    """The course an instructor chose for their launch's LMS course: a new one
    (``course_id`` None) or one of theirs, checked again here as whatever the form said
    may have been edited. Then the launch goes on as any other."""
    if not user.is_active:
        raise Refused(SWITCHED_OFF)
    if not launch.deployment.is_active:  # switched off since the launch
        raise Refused(INACTIVE, code="inactive")
    role = rapport_role(launch.roles_claim)
    context = LtiContext.objects.select_for_update().get(pk=launch.context.pk)
    link = CourseLink.objects.select_related("course").filter(context=context).first()
    if link is None and course_id is not None:
        course = courses_to_link(user=user, registration=launch.registration)
        course = course.filter(pk=course_id).first()
        if course is None:
            raise Refused(NOT_YOURS_TO_LINK, code="not_yours")
        link = CourseLink.objects.create(context=context, course=course, linked_by=user)
    # When another instructor linked this LMS course meanwhile, theirs is the course.
    return _launch_enter(launch=launch, user=user, role=role, link=link)


def _launch_enter(*, launch: LtiLaunch, user, role: Role, link: CourseLink | None):
    created = link is None
    if created:
        link = _course_link_create(launch=launch, context=launch.context, user=user)
        membership = Membership.objects.get(course=link.course, user=user)
        membership.joined_via = JoinedVia.LTI
        membership.save(update_fields=["joined_via"])
    else:
        membership = _membership_for_launch(course=link.course, user=user, role=role)
    next_url, target_missing = _target_url(launch, link.course)
    return LaunchOutcome(
        user=user,
        course=link.course,
        membership=membership,
        link=link,
        next_url=next_url,
        course_created=created,
        target_missing=target_missing,
    )


def _course_link_create(*, launch: LtiLaunch, context: LtiContext, user) -> CourseLink:
    claim = launch.context_claim or {}
    custom = launch.get_claim(CUSTOM_CLAIM) or {}
    title = (claim.get("title") or claim.get("label") or "My course").strip()[:160]
    term = str(custom.get("term") or custom.get("rapport_term") or "").strip()[:60]
    course = course_create(creator=user, title=title, term=term)
    return CourseLink.objects.create(context=context, course=course, linked_by=user)


def _membership_for_launch(*, course: Course, user, role: Role) -> Membership:
    """Their place in the course, as the LMS says it is now. The LMS manages the places it
    gave (as the roster sync does: ``roster_apply``); someone who came in another way and
    was removed by the course's staff is not brought back by it."""
    membership = Membership.objects.select_for_update().filter(course=course, user=user).first()
    if (
        membership is not None
        and membership.status == MembershipStatus.REMOVED
        and membership.joined_via != JoinedVia.LTI
    ):
        raise Refused(
            "The staff of this course have removed you from it in Rapport. Write to your "
            "instructor if you think that is a mistake."
        )
    if membership is None or not membership.is_active:
        return course_join(course=course, user=user, role=role, via=JoinedVia.LTI)
    if (
        membership.role != role
        and membership.joined_via == JoinedVia.LTI
        and not is_last_instructor(membership)  # a course always keeps one
    ):
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def _target_url(launch: LtiLaunch, course: Course) -> tuple[str, bool]:
    """The page a deep-linked item opens, when it is a page of this very course that is
    still there; else the course home, and whether a named target was passed over."""
    custom = launch.get_claim(CUSTOM_CLAIM) or {}
    target = str(custom.get(TARGET_PARAM) or "")
    path = target_path(course, target) if target else None
    return (path, False) if path else (course.get_absolute_url(), bool(target))
