"""Writes for courses, split by topic: courses (create, edit, join link, archive), joining,
invitations and members.

Every function here checks the actor's right to do the thing itself, so a future API or
command cannot skip a rule the pages enforce. A refusal raises ``Refused`` with
a message meant for the person, shown as is."""

from rapport.courses.services.common import InvalidEmails
from rapport.courses.services.courses import (
    course_archive,
    course_create,
    course_join_code_rotate,
    course_join_settings_update,
    course_unarchive,
    course_update,
)
from rapport.courses.services.invitations import (
    MAX_INVITATIONS_AT_ONCE,
    InvitationResult,
    invitation_accept,
    invitation_resend,
    invitation_revoke,
    invitations_send,
    may_invite,
    parse_email_list,
)
from rapport.courses.services.joining import course_join
from rapport.courses.services.members import (
    membership_end,
    membership_leave,
    membership_peer_suggestions_set,
    membership_restore,
    membership_role_change,
)
from rapport.courses.services.visits import membership_visit

__all__ = [
    "membership_visit",
    "MAX_INVITATIONS_AT_ONCE",
    "InvalidEmails",
    "InvitationResult",
    "course_archive",
    "course_create",
    "course_join",
    "course_join_code_rotate",
    "course_join_settings_update",
    "course_unarchive",
    "course_update",
    "invitation_accept",
    "invitation_resend",
    "invitation_revoke",
    "invitations_send",
    "may_invite",
    "membership_end",
    "membership_leave",
    "membership_peer_suggestions_set",
    "membership_restore",
    "membership_role_change",
    "parse_email_list",
]
