"""Accepting a checked launch: the nonce is spent, the platform's rows synced, the person
found or made, the course found or (by an instructor) made, and their place in it given.
All of it in one transaction, so a refused launch leaves nothing behind."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve
from django.utils.timezone import now
from lti_tool.models import LtiContext, LtiLaunch
from lti_tool.utils import sync_data_from_launch

from rapport.core.enums import JoinedVia, MembershipStatus, Role
from rapport.core.refusals import Refused
from rapport.courses.models import Course, Membership
from rapport.courses.services import course_create, course_join
from rapport.courses.services.common import is_last_instructor
from rapport.integrations.lti.models import CourseLink, UsedNonce
from rapport.integrations.lti.people import PlatformPerson, person_resolve
from rapport.integrations.lti.roles import rapport_role

# pylti1p3 forgets a login's nonce after a day, after which no launch can use it: a used
# nonce is kept a little longer than that, then cleared.
NONCE_KEPT_FOR = timedelta(days=2)
CUSTOM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/custom"
# The custom parameter a deep-linked item carries: the Rapport page it opens.
TARGET_PARAM = "rapport_target"

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


@dataclass(frozen=True)
class LaunchOutcome:
    user: object
    course: Course
    membership: Membership
    link: CourseLink
    next_url: str
    course_created: bool


def nonce_use(*, issuer: str, nonce: str) -> None:
    """Spend a launch's nonce; a second use (a replayed id_token) is refused."""
    UsedNonce.objects.filter(used_at__lt=now() - NONCE_KEPT_FOR).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(issuer=issuer, nonce=nonce)
    except IntegrityError:
        raise Refused(REPLAYED, code="replayed") from None


@transaction.atomic
def launch_accept(*, launch: LtiLaunch) -> LaunchOutcome:
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
        raise Refused(
            "Your Rapport account has been switched off. Ask your site's help desk about it."
        )
    created = link is None
    if created:
        link = _course_link_create(launch=launch, context=context, user=user)
        membership = Membership.objects.get(course=link.course, user=user)
        membership.joined_via = JoinedVia.LTI
        membership.save(update_fields=["joined_via"])
    else:
        membership = _membership_for_launch(course=link.course, user=user, role=role)
    return LaunchOutcome(
        user=user,
        course=link.course,
        membership=membership,
        link=link,
        next_url=_target_url(launch, link.course),
        course_created=created,
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


def _target_url(launch: LtiLaunch, course: Course) -> str:
    """The page a deep-linked item opens, when it is a page of this very course; else the
    course home."""
    custom = launch.get_claim(CUSTOM_CLAIM) or {}
    target = str(custom.get(TARGET_PARAM) or "")
    home = course.get_absolute_url()
    parts = urlsplit(target)
    if (
        not target
        or parts.scheme
        or parts.netloc
        or not parts.path.startswith(f"/c/{course.slug}/")
    ):
        return home
    try:
        resolve(parts.path)
    except Resolver404:
        return home
    return parts.path
