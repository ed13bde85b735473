"""Course pages, split by topic: joining (dashboard, create, join, invitations), pages
(people, person, leave), members (members, invitations) and course_settings."""

from rapport.courses.views.course_settings import (
    course_archive,
    course_edit,
    course_settings,
    course_unarchive,
    join_code_rotate,
    join_settings,
)
from rapport.courses.views.joining import (
    course_create,
    dashboard,
    invitation_accept,
    join,
    join_link,
    start,
)
from rapport.courses.views.members import (
    invitation_resend,
    invitation_revoke,
    invite,
    member_restore,
    member_role,
    member_status,
    members,
)
from rapport.courses.views.pages import leave, people, person

__all__ = [
    "course_archive",
    "course_create",
    "course_edit",
    "course_settings",
    "course_unarchive",
    "dashboard",
    "invitation_accept",
    "invitation_resend",
    "invitation_revoke",
    "invite",
    "join",
    "join_code_rotate",
    "join_link",
    "join_settings",
    "leave",
    "member_restore",
    "member_role",
    "member_status",
    "members",
    "people",
    "person",
    "start",
]
