"""The two documented enumerations every feature extends when it joins the ledger or the
notification centre. Add a member here (with a comment on who records it) — never a free
string at a call site."""

from django.db import models


class TouchpointKind(models.TextChoices):
    # courses: a person joined the course (actor = subject = the person)
    COURSE_JOINED = "course_joined", "Joined the course"
    # accounts: a person finished their profile (actor = subject = the person)
    PROFILE_COMPLETED = "profile_completed", "Completed their profile"


class NotificationKind(models.TextChoices):
    # to staff: a person joined their course
    MEMBER_JOINED = "member_joined", "Someone joined my course"
    # to the person: their role in a course changed
    ROLE_CHANGED = "role_changed", "My role in a course changed"
    # to the person: they were removed from or archived in a course
    MEMBERSHIP_ENDED = "membership_ended", "I was removed from a course"
    # to the person: staff brought them back into a course after removing or archiving them
    MEMBERSHIP_RESTORED = "membership_restored", "I was brought back into a course"
    # to the person: an invitation to a course arrived for an existing account
    INVITED = "invited", "I was invited to a course"
