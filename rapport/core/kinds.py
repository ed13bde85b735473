"""The two documented enumerations every feature extends when it joins the ledger or the
notification centre. Add a member here (with a comment on who records it) — never a free
string at a call site."""

from django.db import models


class TouchpointKind(models.TextChoices):
    # courses: a person joined the course (actor = subject = the person)
    COURSE_JOINED = "course_joined", "Joined the course"
    # accounts: a person finished their profile (actor = subject = the person)
    PROFILE_COMPLETED = "profile_completed", "Completed their profile"
    # presence: staff posted a course-wide check-in (subject empty: everyone)
    CHECKIN_POSTED = "checkin_posted", "Posted a check-in"
    # presence: a learner watched or listened to a check-in (actor = learner, subject = author)
    CHECKIN_WATCHED = "checkin_watched", "Watched a check-in"
    # presence: staff sent one learner a personal note (actor = staff, subject = learner)
    PERSONAL_MESSAGE = "personal_message", "Sent a personal message"
    # presence: staff gave one learner feedback on their work (actor = staff, subject = learner)
    FEEDBACK_GIVEN = "feedback_given", "Gave feedback"
    # presence: someone replied in a conversation (actor = replier, subject = the other person;
    # a learner replying to a check-in has the check-in's author as subject)
    MESSAGE_REPLY = "message_reply", "Replied to a message"
    # presence: someone reacted with an emoji (actor = reactor, subject = the message's author)
    MESSAGE_REACTION = "message_reaction", "Reacted to a message"


class NotificationKind(models.TextChoices):
    # to staff: a person joined their course
    MEMBER_JOINED = "member_joined", "Someone joined my course"
    # to the person: their role in a course changed
    ROLE_CHANGED = "role_changed", "My role in a course changed"
    # to the person: they were removed from or archived in a course
    MEMBERSHIP_ENDED = "membership_ended", "I was removed from a course"
    # to the person: staff brought them back into a course after removing or archiving them
    MEMBERSHIP_RESTORED = "membership_restored", "I was brought back into a course"
    # presence: a check-in was released to the course
    CHECKIN_RELEASED = "checkin_released", "A new check-in from my teachers"
    # presence: a personal note arrived
    PERSONAL_MESSAGE = "personal_message", "A personal message for me"
    # presence: feedback on my work arrived
    FEEDBACK = "feedback", "Feedback on my work"
    # presence: someone replied in one of my conversations
    MESSAGE_REPLY = "message_reply", "A reply to my message"
    # media: a recording I made finished processing (or could not be processed)
    MEDIA_PROCESSED = "media_processed", "My recording is ready"
    # to the person: an invitation to a course arrived for an existing account
    INVITED = "invited", "I was invited to a course"
