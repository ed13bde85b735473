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
    # presence: a learner first opened a check-in, finished or not (actor = learner,
    # subject = author); the radar's "has not opened the last two check-ins" reads it
    CHECKIN_OPENED = "checkin_opened", "Opened a check-in"
    # presence: staff sent one learner a personal note (actor = staff, subject = learner)
    PERSONAL_MESSAGE = "personal_message", "Sent a personal message"
    # presence: staff gave one learner feedback on their work (actor = staff, subject = learner)
    FEEDBACK_GIVEN = "feedback_given", "Gave feedback"
    # presence: someone replied in a conversation (actor = replier, subject = the other person;
    # a learner replying to a check-in has the check-in's author as subject)
    MESSAGE_REPLY = "message_reply", "Replied to a message"
    # presence: someone reacted with an emoji (actor = reactor, subject = the message's author)
    MESSAGE_REACTION = "message_reaction", "Reacted to a message"
    # surveys: a learner submitted the intro survey (actor = subject = learner)
    SURVEY_ANSWERED = "survey_answered", "Answered the intro survey"
    # knowing: staff recommended a resource (actor = staff, subject = learner)
    RESOURCE_RECOMMENDED = "resource_recommended", "Recommended a resource"
    # knowing: someone celebrated a learner's milestone (actor = them, subject = learner)
    MILESTONE_CELEBRATED = "milestone_celebrated", "Celebrated a milestone"
    # community: someone started a discussion topic (actor = author, subject empty)
    TOPIC_STARTED = "topic_started", "Started a discussion"
    # community: someone replied to a post (actor = replier, subject = the post's author)
    POST_REPLY = "post_reply", "Replied to a post"
    # community: someone mentioned a person in a post (actor = author, subject = mentioned)
    MENTION = "mention", "Mentioned someone"
    # community: someone reacted to a post (actor = reactor, subject = the post's author)
    POST_REACTION = "post_reaction", "Reacted to a post"
    # community: a shout-out (actor = giver, subject = each receiver)
    SHOUTOUT = "shoutout", "Gave a shout-out"
    # community: a learner answered a ritual prompt (actor = learner, subject empty)
    RITUAL_ANSWERED = "ritual_answered", "Answered a class ritual"
    # community: staff or the class featured a ritual post (actor = featurer, subject = author)
    RITUAL_FEATURED = "ritual_featured", "Featured a ritual post"
    # community: a learner wrote their weekly reflection (actor = subject = learner)
    REFLECTION = "reflection", "Wrote a reflection"
    # community: a learner checked in their mood (actor = subject = learner; value = the
    # 1–5 score, so the radar can follow the trend without reading the mood table)
    MOOD_CHECKIN = "mood_checkin", "Checked in their mood"
    # community: a learner asked for help in a mood check-in (actor = subject = learner)
    HELP_REQUESTED = "help_requested", "Asked for help"
    # community: staff followed up a learner's open help requests (actor = staff,
    # subject = learner); closes every request recorded before it
    HELP_FOLLOWED_UP = "help_followed_up", "Followed up a help request"
    # walls: someone added a card to a class wall (actor = author, subject empty)
    WALL_CARD_POSTED = "wall_card_posted", "Added a card to a class wall"
    # walls: someone reacted to a wall card (actor = reactor, subject = the card's author)
    CARD_REACTION = "card_reaction", "Reacted to a wall card"
    # walls: someone commented on a wall card (actor = commenter, subject = the card's author)
    CARD_COMMENT = "card_comment", "Commented on a wall card"
    # groups: a learner answers a groupmate's request for feedback on their work
    # (actor = reviewer, subject = the work's author)
    PEER_FEEDBACK = "peer_feedback", "Gave a classmate feedback"
    # groups: the work's author thanks a reviewer (actor = author, subject = reviewer)
    FEEDBACK_THANKS = "feedback_thanks", "Thanked a classmate for feedback"
    # groups: a learner shares a reflection with their group (actor = writer, subject empty)
    REFLECTION_SHARED = "reflection_shared", "Shared a reflection with their group"
    # live: someone took part in a live activity (actor = participant, subject empty; never
    # recorded for an anonymous activity's answers)
    LIVE_ANSWERED = "live_answered", "Took part in a live class activity"
    # events: someone said they will come to a social event (actor = learner, subject empty)
    EVENT_RSVP = "event_rsvp", "Said they will come to a social event"
    # events: someone came to a social event (actor = attendee, subject empty)
    EVENT_ATTENDED = "event_attended", "Came to a social event"
    # office hours: a learner booked a meeting (actor = learner, subject = the host)
    OFFICE_HOURS_BOOKED = "office_hours_booked", "Booked office hours"
    # office hours: staff met a learner one-to-one (or in a small group) and marked it
    # (actor = the host, subject = the learner)
    ONE_TO_ONE_MET = "one_to_one_met", "Met one-to-one"


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
    # surveys: a survey opened for me, or a reminder that it is still waiting
    SURVEY_OPEN = "survey_open", "A survey is waiting for me"
    # knowing: staff picked a resource for me
    RESOURCE_RECOMMENDED = "resource_recommended", "A resource picked for me"
    # knowing: someone celebrated my milestone
    MILESTONE_CELEBRATED = "milestone_celebrated", "Someone celebrated my milestone"
    # community: someone mentioned me
    MENTIONED = "mentioned", "Someone mentioned me"
    # community: someone replied to my post
    POST_REPLY = "post_reply", "A reply to my post"
    # community: someone gave me a shout-out
    SHOUTOUT = "shoutout", "A shout-out for me"
    # community: a new ritual prompt or reflection prompt opened
    PROMPT_OPEN = "prompt_open", "A new class ritual or reflection prompt"
    # community: my ritual post was featured
    POST_FEATURED = "post_featured", "My post was featured"
    # community, to staff: a post was reported
    POST_REPORTED = "post_reported", "A post was reported (staff)"
    # community, to staff: a learner asked for help in a mood check-in
    HELP_REQUESTED = "help_requested", "A learner asked for help (staff)"
    # media: a recording I made finished processing (or could not be processed)
    MEDIA_PROCESSED = "media_processed", "My recording is ready"
    # radar, to staff: the weekly care plan (who to reach, what to celebrate, what waits)
    WEEKLY_CARE_PLAN = "weekly_care_plan", "My weekly care plan (staff)"
    # radar, to learners: the weekly digest (shout-outs, new check-ins, what waits for me)
    WEEKLY_DIGEST = "weekly_digest", "My weekly digest"
    # to the person: an invitation to a course arrived for an existing account
    INVITED = "invited", "I was invited to a course"
    # to learners: a round of groups they are in was published
    GROUP_FORMED = "group_formed", "My new group or partner"
    # to groupmates: a learner asks for feedback on their work; to the author: an answer
    FEEDBACK_ASKED = "feedback_asked", "A groupmate asks for my feedback"
    PEER_FEEDBACK = "peer_feedback", "Feedback from a groupmate"
    # events: a new social event in my course, and a reminder shortly before one I said I'd join
    EVENT_ANNOUNCED = "event_announced", "A new social event in my course"
    EVENT_REMINDER = "event_reminder", "A reminder before an event I'm coming to"
    # office hours: a meeting booked with me, or mine moved or cancelled (to both people)
    BOOKING_CHANGED = "booking_changed", "An office-hours meeting booked, moved or cancelled"
    # office hours: my meeting starts soon
    BOOKING_REMINDER = "booking_reminder", "A reminder before an office-hours meeting"
    # office hours, to a learner: staff offered me times to talk one-to-one
    TALK_INVITE = "talk_invite", "An invitation to talk one-to-one"


class SensitiveReadKind(models.TextChoices):
    """What a member of staff saw of a learner's private things (``core.audit``). The
    first four values are the check-ins' own, kept from before the log moved to core."""

    # community: the class's moods, and one learner's mood history
    MOOD_OVERVIEW = "mood_overview", "Class mood overview"
    MOOD_HISTORY = "mood_history", "Mood history"
    # community: every answer to a reflection prompt, and one answer
    PROMPT_ANSWERS = "prompt_answers", "Answers to a reflection prompt"
    REFLECTION = "reflection", "One reflection"
    # community: a learner's requests for help
    HELP_REQUESTS = "help_requests", "Help requests"
    # knowing: a learner's card (profile, survey answers, milestones, notes), or the roster
    LEARNER_CARD = "learner_card", "Learner card"
    # knowing: the teaching team's private notes about a learner
    STAFF_NOTES = "staff_notes", "Staff notes"
    # surveys: a named survey's answers, with who gave them
    SURVEY_RESULTS = "survey_results", "Named survey answers"
    # presence: a personal note or feedback to a learner, and its conversation
    PERSONAL_MESSAGES = "personal_messages", "Personal message or feedback"
    # radar: the reach-out list with each learner's reasons (a low mood, an open help
    # request, a silence), on the radar, the staff home and the care plan
    RADAR = "radar", "Reach-out list and its reasons"
    # radar: every learner's connection indicators (moods per week, help requests)
    # downloaded as a spreadsheet
    RADAR_INDICATORS = "radar_indicators", "Radar indicators (CSV)"
    # radar: learners' belonging pulse answers, the class's latest and one learner's trend
    PULSE = "pulse", "Belonging pulse answers"
    # integrations.api: the ledger, the radar, the members list with emails
    API_TOUCHPOINTS = "api_touchpoints", "Touchpoints (API)"
    API_RADAR = "api_radar", "Relationship radar (API)"
    API_MEMBERS = "api_members", "Members with emails (API)"
