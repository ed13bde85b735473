"""Staff managing who is in the course: roles, removing, archiving, restoring and
invitations. The forms for these sit on the staff roster (``courses.staff_roster``), and
each action returns to the page it came from (its ``next``), else to the roster."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.http import safe_next
from rapport.core.ratelimits import Limit, rate_limited
from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.access import INSTRUCTOR, STAFF, course_access
from rapport.courses.forms import InviteForm, RoleForm
from rapport.courses.models import Invitation, Membership, MembershipStatus
from rapport.courses.staff_roster import staff_people_url


def _members_redirect(request):
    return redirect(safe_next(request, staff_people_url(request.course)))


@course_access(STAFF)
@require_safe
def members(request):
    """The members page became part of the staff roster; old links and bookmarks go there."""
    return redirect(staff_people_url(request.course))


# Invitations are emails sent in the course's name: a stolen staff account may not mail the
# world. An hour allows a few large class lists.
INVITATIONS_SENT = Limit("invitations-sent", 20, 3600, per="user")
SENDING_INVITATIONS = "sending invitations"


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
@rate_limited(INVITATIONS_SENT, doing=SENDING_INVITATIONS)
def invite(request):
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        may_grant_staff_roles=request.membership.is_instructor,
    )
    if form.is_bound and form.is_valid():
        try:
            result = services.invitations_send(
                course=request.course,
                inviter=request.user,
                emails=form.cleaned_data["emails"],
                role=form.cleaned_data["role"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            _report_invitations(request, result)
            return _members_redirect(request)
    return render(
        request,
        "courses/invite.html",
        {"form": form, "back": safe_next(request, staff_people_url(request.course))},
    )


def _report_invitations(request, result: services.InvitationResult) -> None:
    if result.invited:
        count = len(result.invited)
        messages.success(request, f"Sent {count} invitation{'s' if count != 1 else ''}.")
    if result.resent:
        emails = ", ".join(invitation.email for invitation in result.resent)
        messages.info(request, f"Already invited, so we sent the invitation again: {emails}.")
    if result.already_members:
        emails = ", ".join(result.already_members)
        messages.info(request, f"Already in the course, so skipped: {emails}.")


@course_access(INSTRUCTOR)
@require_POST
def member_role(request, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "course"),
        pk=membership_id,
        course=request.course,
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role.")
        return _members_redirect(request)
    try:
        services.membership_role_change(
            membership=membership, role=form.cleaned_data["role"], actor=request.user
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
        return _members_redirect(request)
    messages.success(
        request,
        f"{membership.user.display_name} is now {membership.get_role_display().lower()}.",
    )
    if membership.user_id == request.user.pk and not membership.is_staff:
        return redirect(request.course)
    return _members_redirect(request)


_STATUS_DONE = {
    MembershipStatus.REMOVED: "{name} was removed from the course.",
    MembershipStatus.ARCHIVED: "{name} was archived. You can restore them any time.",
}


@course_access(STAFF)
@require_POST
def member_status(request, membership_id: int, status: str):
    """Remove or archive (``status`` comes from the URL, one small URL per action)."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "course"),
        pk=membership_id,
        course=request.course,
    )
    try:
        services.membership_end(membership=membership, status=status, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _STATUS_DONE[status].format(name=membership.user.display_name))
    return _members_redirect(request)


@course_access(STAFF)
@require_POST
def member_restore(request, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "course"),
        pk=membership_id,
        course=request.course,
    )
    try:
        services.membership_restore(membership=membership, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"{membership.user.display_name} is back in the course.")
    return _members_redirect(request)


def _invitation(request, invitation_id: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("course"), pk=invitation_id, course=request.course
    )


@course_access(STAFF)
@require_POST
@rate_limited(INVITATIONS_SENT, doing=SENDING_INVITATIONS)
def invitation_resend(request, invitation_id: int):
    invitation = _invitation(request, invitation_id)
    try:
        services.invitation_resend(invitation=invitation, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Sent the invitation to {invitation.email} again.")
    return _members_redirect(request)


@course_access(STAFF)
@require_POST
def invitation_revoke(request, invitation_id: int):
    invitation = _invitation(request, invitation_id)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, f"Withdrew the invitation for {invitation.email}. Its link no longer works."
        )
    return _members_redirect(request)
