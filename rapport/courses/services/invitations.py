"""Inviting people by email: parsing a pasted list, sending, resending, revoking, accepting."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.kinds import NotificationKind
from rapport.core.links import absolute_url
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.core.tasks import send_email
from rapport.courses.memberships import require_staff
from rapport.courses.models import (
    Course,
    Invitation,
    JoinedVia,
    Membership,
    MembershipStatus,
    Role,
)
from rapport.courses.services.common import NO_PERMISSION, InvalidEmails
from rapport.courses.services.joining import course_join

MAX_INVITATIONS_AT_ONCE = 300
_ROLE_RANK = {Role.LEARNER: 0, Role.TA: 1, Role.INSTRUCTOR: 2}

_QUOTED = re.compile(r'"[^"]*"')
_BRACKETED = re.compile(r"<([^<>]*)>")
_CHUNKS = re.compile(r"[,;\r\n]+")


def parse_email_list(text: str) -> tuple[list[str], list[str]]:
    """Split pasted addresses into (valid, invalid), each de-duplicated, in order.

    Commas, semicolons, spaces and new lines all separate; ``Ada <ada@example.org>`` and
    ``"Lovelace, Ada" <ada@example.org>`` as copied from a mail program count as ada's
    address."""
    valid: list[str] = []
    invalid: list[str] = []
    seen: set[str] = set()
    for chunk in _CHUNKS.split(_QUOTED.sub(" ", text or "")):
        bracketed = _BRACKETED.findall(chunk)
        for token in bracketed or chunk.split():
            address = token.strip().strip("'\"").removeprefix("mailto:").lower()
            if not address or address in seen:
                continue
            seen.add(address)
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(token.strip())
            else:
                valid.append(address)
    return valid, invalid


def may_invite(membership: Membership, role: str) -> bool:
    """Staff invite learners; only instructors hand out staff roles (TA or instructor),
    so a TA cannot turn a learner — or themself — into staff through an invitation."""
    if not membership.is_staff:
        return False
    return role == Role.LEARNER or membership.is_instructor


@dataclass
class InvitationResult:
    invited: list[Invitation] = field(default_factory=list)
    resent: list[Invitation] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)


@transaction.atomic
def invitations_send(
    *, course: Course, inviter, emails: Iterable[str], role: Role = Role.LEARNER
) -> InvitationResult:
    """Invite each address to the course. All or nothing: if any address is invalid,
    nothing is created or sent. Active members are skipped; a pending invitation for the
    same address is sent again (with the new role) rather than duplicated."""
    inviter_membership = require_staff(course=course, user=inviter, refusal=NO_PERMISSION)
    if role not in Role.values:
        raise Refused("Choose a role for the people you invite.")
    if not may_invite(inviter_membership, role):
        raise Refused("Only instructors can invite teaching assistants or instructors.")
    if course.archived_at:
        raise Refused("This course is archived. Unarchive it to invite people.")
    addresses, invalid = parse_email_list("\n".join(emails))
    if invalid:
        raise InvalidEmails(invalid)
    if not addresses:
        raise Refused("Paste at least one email address.")
    if len(addresses) > MAX_INVITATIONS_AT_ONCE:
        raise Refused(
            f"That's {len(addresses)} addresses — please invite at most "
            f"{MAX_INVITATIONS_AT_ONCE} at a time."
        )

    users = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(email__in=addresses, is_active=True)
    }
    member_emails = set(
        Membership.objects.filter(
            course=course, status=MembershipStatus.ACTIVE, user__email__in=addresses
        ).values_list("user__email", flat=True)
    )
    pending = {
        invitation.email.lower(): invitation
        for invitation in Invitation.objects.select_for_update().filter(
            course=course,
            email__in=addresses,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
    }
    result = InvitationResult()
    stamp = now()
    for address in addresses:
        if address in member_emails:
            result.already_members.append(address)
            continue
        invitation = pending.get(address)
        if invitation is not None:
            if may_invite(inviter_membership, invitation.role):
                invitation.role = role
            invitation.last_sent_at = stamp
            invitation.save(update_fields=["role", "last_sent_at"])
            result.resent.append(invitation)
        else:
            invitation = Invitation.objects.create(
                course=course, email=address, role=role, invited_by=inviter, last_sent_at=stamp
            )
            result.invited.append(invitation)
        _deliver_invitation(invitation, inviter=inviter, user=users.get(address))
    return result


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    membership = require_staff(course=invitation.course, user=actor, refusal=NO_PERMISSION)
    if not may_invite(membership, invitation.role):
        raise Refused("Only instructors can manage invitations for instructors.")
    if not invitation.is_pending:
        raise Refused("That invitation has already been used or withdrawn.")
    invitation.last_sent_at = now()
    invitation.save(update_fields=["last_sent_at"])
    user = get_user_model().objects.filter(email__iexact=invitation.email, is_active=True).first()
    _deliver_invitation(invitation, inviter=actor, user=user)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    membership = require_staff(course=invitation.course, user=actor, refusal=NO_PERMISSION)
    if not may_invite(membership, invitation.role):
        raise Refused("Only instructors can manage invitations for instructors.")
    if invitation.is_pending:
        invitation.revoked_at = now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Accept an invitation as ``user``. An invitation belongs to the address it was sent
    to: a forwarded link cannot make someone else staff of the course."""
    invitation = (
        Invitation.objects.select_for_update().select_related("course").get(pk=invitation.pk)
    )
    problem = invitation.problem()
    if problem:
        raise Refused(problem)
    if not invitation.is_for(user):
        raise Refused(
            f"This invitation was sent to {invitation.email}, but you're signed in as "
            f"{user.email}. Sign in with that address, or ask your instructor to invite "
            "this one."
        )
    role = _role_granted_by(invitation)
    membership = course_join(
        course=invitation.course, user=user, role=role, via=JoinedVia.INVITATION
    )
    # Staff chose this role on purpose; someone who joined by link meanwhile as a learner
    # still gets it. An invitation never lowers anyone's role.
    if _ROLE_RANK[role] > _ROLE_RANK[membership.role]:
        membership.role = role
        membership.save(update_fields=["role"])
    invitation.accepted_at = now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _role_granted_by(invitation: Invitation) -> Role:
    """A staff role counts only while the person who offered it is an active instructor
    of the course: an invitation written before TAs lost that right, or by someone since
    demoted, lets its holder in as a learner and no more."""
    if invitation.role == Role.LEARNER:
        return Role.LEARNER
    inviter_is_instructor = Membership.objects.filter(
        course_id=invitation.course_id,
        user_id=invitation.invited_by_id,
        role=Role.INSTRUCTOR,
        status=MembershipStatus.ACTIVE,
    ).exists()
    return Role(invitation.role) if inviter_is_instructor else Role.LEARNER


def _deliver_invitation(invitation: Invitation, *, inviter, user) -> None:
    course = invitation.course
    path = reverse("courses:invitation_accept", kwargs={"token": invitation.token})
    context = {
        "invitation": invitation,
        "course": course,
        "inviter_name": inviter.display_name,
        "role": invitation.get_role_display().lower(),
        "accept_url": absolute_url(path),
    }
    subject = (
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}"
        f"{inviter.display_name} invited you to {course.title}"
    )
    body = render_to_string("courses/email/invitation.txt", context)
    html = render_to_string("courses/email/invitation.html", context)
    to = [invitation.email]
    transaction.on_commit(lambda: send_email(subject=subject, body=body, to=to, html=html))
    if user is not None:
        notify(
            recipient=user,
            kind=NotificationKind.INVITED,
            title=f"{inviter.display_name} invited you to {course.title}",
            body=f"You're invited to join as {context['role']}.",
            url=path,
            course=course,
            actor=inviter,
        )
