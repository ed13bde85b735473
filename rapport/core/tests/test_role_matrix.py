"""Every URL under /c/<course_slug>/, walked as every role.

A new course URL without a row in EXPECTED fails ``test_every_course_url_has_expectations``
— decide who may reach it before it ships. Object ids in URLs point at things belonging to
``cast.learner`` (their profile, their membership...), so ``other_learner`` rows show that
one learner cannot reach another's private pages. A peer group's own thread and wall,
under the course's URLs, have a table of their own (GROUP_SPACES)."""

import re
from datetime import date, timedelta
from functools import cache

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from rapport.community.checkins.testing import learners_private_things
from rapport.community.discussions import services as discussions
from rapport.community.discussions.testing import learners_photo_post
from rapport.community.rituals import services as rituals
from rapport.community.rituals.testing import image_upload, ritual_make, round_open
from rapport.community.shoutouts import services as shoutouts
from rapport.core.testing.shared_data import KeptForTheSameKey, module_data
from rapport.courses.models import Invitation, Role
from rapport.events.models import RsvpStatus
from rapport.events.services import rsvp_set
from rapport.events.testing import event_make
from rapport.factories import make_cast
from rapport.groups.feedback import services as feedback
from rapport.groups.feedback.testing import membership_of
from rapport.groups.testing import group_make, learner_make
from rapport.integrations.lti.testing import roster_sync_make
from rapport.integrations.roster.testing import roster_import_make
from rapport.knowing.models.milestones import PersonalMilestone
from rapport.knowing.models.notes import StaffNote
from rapport.knowing.recommend.testing import resource_make
from rapport.live.testing import activity_make, session_make
from rapport.media.testing import draft_ready, media_item_captioned, media_item_ready
from rapport.officehours import selectors as officehours_selectors
from rapport.officehours import services as officehours
from rapport.officehours.testing import office_hours_make
from rapport.presence import services as presence_services
from rapport.presence.models import MessageKind, MessageTemplate, Tone
from rapport.privacy.models import DataExport
from rapport.privacy.services import data_export_build
from rapport.radar.models import DecisionKind, DecisionReason, ReachOutDecision
from rapport.surveys.testing import survey_answered_by
from rapport.walls import services as services_walls
from rapport.walls.images import process_card_image
from rapport.walls.testing import board_make, card_make, member

ROLES = ("anonymous", "outsider", "learner", "other_learner", "ta", "instructor")
LOGIN = "login"  # redirected to sign in


def _walk(patterns, prefix="", namespace=""):
    """(name, route) for every URL pattern; an unnamed pattern goes by its route, so it
    cannot slip past the matrix."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            yield (namespace + pattern.name if pattern.name else route), route


ALL_URLS = dict(_walk(get_resolver().url_patterns))
# Course data served outside /c/: a person's photo and name recording, which anyone who
# shares an active course with them may reach (as their profile choices allow).
OUTSIDE_COURSE = ("accounts:photo", "accounts:pronunciation")
# A person's own pages, outside any course: their data, its export (export_id is
# cast.learner's), erasing their account; and what the instance sends anywhere (public).
PERSONAL = (
    "privacy:my_data",
    "privacy:export_request",
    "privacy:export_progress",
    "privacy:export_download",
    "privacy:account_delete",
    "privacy:outbound",
)
COURSE_URLS = {name: route for name, route in ALL_URLS.items() if route.startswith("c/")} | {
    name: ALL_URLS[name] for name in OUTSIDE_COURSE + PERSONAL
}


def fill(route: str, kwargs: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)


def everyone(status):
    return {role: status for role in ROLES if role != "anonymous"} | {"anonymous": LOGIN}


def members_only(status=200):
    return {"anonymous": LOGIN, "outsider": 404} | dict.fromkeys(
        ("learner", "other_learner", "ta", "instructor"), status
    )


def staff_only(status=200, ta=None):
    return {
        "anonymous": LOGIN,
        "outsider": 404,
        "learner": 404,
        "other_learner": 404,
        "ta": status if ta is None else ta,
        "instructor": status,
    }


def instructor_only(status=200):
    return staff_only(status, ta=404)


def owner_only(status=200):
    """Only cast.learner, whose private recording the URL names."""
    return dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN, "learner": status}


# url name -> {method: {role: expected status}}
EXPECTED: dict[str, dict[str, dict[str, int | str]]] = {
    # user_id = cast.learner, who has a photo and a name recording and shows both to peers.
    "accounts:photo": {"GET": members_only(), "POST": everyone(405)},
    "accounts:pronunciation": {"GET": members_only(), "POST": everyone(405)},
    # Staff get "This week", learners their people-first home.
    "home:course": {"GET": members_only(), "POST": members_only(405)},
    # Learners' classmates page; staff are sent on to their roster (knowing:roster).
    "courses:people": {
        "GET": members_only() | {"ta": 302, "instructor": 302},
        "POST": members_only(405),
    },
    "courses:person": {"GET": members_only(), "POST": members_only(405)},
    # Leaving: the course's only instructor is told why they cannot (200, nothing changes).
    "courses:leave": {
        "GET": members_only(),
        "POST": members_only(302) | {"instructor": 200},
    },
    # The old members page: staff are sent on to the roster's tabs, where members are managed.
    "courses:members": {"GET": staff_only(302), "POST": staff_only(405)},
    "courses:invite": {"GET": staff_only(), "POST": staff_only(200)},
    "courses:member_role": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:member_remove": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:member_archive": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:member_restore": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:invitation_resend": {"GET": staff_only(405), "POST": staff_only(302)},
    "courses:invitation_revoke": {"GET": staff_only(405), "POST": staff_only(302)},
    # TAs see the settings read-only; every change is the instructor's.
    "courses:settings": {"GET": staff_only(), "POST": staff_only(405)},
    "courses:edit": {"GET": instructor_only(405), "POST": instructor_only(200)},
    "courses:join_settings": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:join_code_rotate": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:archive": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "courses:unarchive": {"GET": instructor_only(405), "POST": instructor_only(302)},
    # A learner's own recording not yet shared with anyone: only they may reach it, even staff
    # (sharing it with a message decides who else may).
    "media:upload": {"GET": members_only(405), "POST": members_only(400)},
    "media:status": {"GET": owner_only(), "POST": members_only(405)},
    "media:file": {"GET": owner_only(), "POST": members_only(405)},
    "media:captions": {"GET": owner_only(), "POST": owner_only(200)},
    "media:captions_vtt": {"GET": owner_only(), "POST": members_only(405)},
    # the cue editor: an empty post is refused on the page (no captions to save)
    "media:caption_cues": {"GET": owner_only(), "POST": owner_only(200)},
    # the author's speech draft: nobody else's, staff included (an empty post is refused on
    # the page)
    "media:caption_draft": {"GET": owner_only(), "POST": owner_only(200)},
    # message_id is a personal note from the instructor to cast.learner: the learner and the
    # course's staff may read it; the conversation under it is the learner's and the author's.
    "presence:feed": {"GET": members_only(), "POST": members_only(405)},
    "presence:checkin_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:note_new": {"GET": staff_only(), "POST": staff_only(200)},
    # A scheduled check-in: staff change (an empty post shows the form's errors) or cancel it.
    "presence:checkin_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:checkin_cancel": {"GET": staff_only(405), "POST": staff_only(302)},
    "presence:feedback_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:message": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "presence:message_watched": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    "presence:react": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    "presence:thread": {
        "GET": members_only() | {"other_learner": 404, "ta": 404},
        "POST": members_only() | {"other_learner": 404, "ta": 404},
    },
    "presence:templates": {"GET": staff_only(), "POST": staff_only(405)},
    "presence:template_new": {"GET": staff_only(), "POST": staff_only(200)},
    "presence:template_edit": {"GET": instructor_only(), "POST": instructor_only(200)},
    "presence:template_delete": {"GET": staff_only(405), "POST": instructor_only(302)},
    "presence:template_send": {"GET": staff_only(), "POST": staff_only(200)},
    # knowing: the library (members read, staff write), its files (active members only),
    # picks for one learner (staff; user_id = cast.learner), "Picked for you" (your own),
    # class insights, learner cards and staff notes (staff only, ever).
    "knowing:insights": {"GET": staff_only(), "POST": staff_only(405)},
    "knowing:resources": {"GET": members_only(), "POST": members_only(405)},
    "knowing:resource_new": {"GET": staff_only(), "POST": staff_only(200)},
    "knowing:resource_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "knowing:resource_delete": {"GET": staff_only(405), "POST": staff_only(302)},
    "knowing:resource_file": {"GET": members_only(), "POST": members_only(405)},
    "knowing:picked": {"GET": members_only(), "POST": members_only(405)},
    "knowing:recommend": {"GET": staff_only(), "POST": staff_only(200)},
    "knowing:roster": {"GET": staff_only(), "POST": staff_only(405)},
    "knowing:card": {"GET": staff_only(), "POST": staff_only(405)},
    "knowing:note_add": {"GET": staff_only(405), "POST": staff_only(200)},
    # note_id is the instructor's note about cast.learner: only its author may change it.
    "knowing:note_edit": {"GET": instructor_only(), "POST": instructor_only(200)},
    "knowing:note_delete": {"GET": staff_only(405), "POST": instructor_only(302)},
    "knowing:celebrate": {"GET": staff_only(), "POST": staff_only(405)},
    "knowing:module_finished": {"GET": staff_only(405), "POST": staff_only(200)},
    "knowing:celebrate_learner": {"GET": staff_only(), "POST": staff_only(200)},
    "knowing:my_milestones": {"GET": members_only(), "POST": members_only(200)},
    # An empty POST means "stop sharing my birthday".
    "knowing:my_birthday": {"GET": members_only(405), "POST": members_only(302)},
    # milestone_id is cast.learner's own personal milestone.
    "knowing:my_milestone_edit": {"GET": owner_only(), "POST": owner_only(200)},
    "knowing:my_milestone_delete": {"GET": members_only(405), "POST": owner_only(302)},
    # community — reflections and mood: prompt_id is an open prompt cast.learner answered;
    # user_id is cast.learner. Learners see only their own answer on the prompt page.
    "community:reflections": {"GET": members_only(), "POST": members_only(405)},
    "community:reflection_prompt_new": {"GET": staff_only(), "POST": staff_only(200)},
    "community:reflection_prompt": {
        "GET": members_only(),
        "POST": members_only(200) | {"ta": 405, "instructor": 405},
    },
    "community:reflection_prompt_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "community:reflection_answer": {"GET": staff_only(), "POST": staff_only(200)},
    "community:mood": {
        "GET": members_only() | {"ta": 302, "instructor": 302},
        "POST": members_only(200) | {"ta": 302, "instructor": 302},
    },
    "community:mood_overview": {"GET": staff_only(), "POST": staff_only(405)},
    "community:mood_learner": {"GET": staff_only(), "POST": staff_only(405)},
    "community:mood_follow_up": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:wellbeing_audit": {"GET": instructor_only(), "POST": instructor_only(405)},
    # How long recordings and check-ins are kept, on the settings page: instructors set it.
    "privacy:retention": {"GET": instructor_only(405), "POST": instructor_only(302)},
    # Anyone signed in has a data page and may ask for an export; its progress (without
    # htmx, a redirect to the page) and its download are the owner's alone.
    "privacy:my_data": {"GET": everyone(200), "POST": everyone(405)},
    "privacy:export_request": {"GET": everyone(405), "POST": everyone(302)},
    "privacy:export_progress": {"GET": owner_only(302), "POST": everyone(405)},
    "privacy:export_download": {"GET": owner_only(), "POST": everyone(405)},
    # Erasing: everyone is first sent to confirm who they are (a fresh sign-in).
    "privacy:account_delete": {"GET": everyone(302), "POST": everyone(302)},
    "privacy:outbound": {"GET": dict.fromkeys(ROLES, 200), "POST": dict.fromkeys(ROLES, 405)},
    # community — discussions: topic_id is a topic cast.learner started; post_id its opening
    # post, with a photo.
    "community:topics": {"GET": members_only(), "POST": members_only(405)},
    "community:topic_new": {"GET": members_only(), "POST": members_only(200)},
    "community:discussion_settings": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:waiting": {"GET": staff_only(), "POST": staff_only(405)},
    "community:moderation": {"GET": staff_only(), "POST": staff_only(405)},
    "community:mention_search": {"GET": members_only(), "POST": members_only(405)},
    "community:topic": {"GET": members_only(), "POST": members_only(405)},
    "community:topic_newer": {"GET": members_only(), "POST": members_only(405)},
    "community:topic_pin": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:topic_lock": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:post": {"GET": members_only(302), "POST": members_only(405)},
    "community:post_reply": {"GET": members_only(), "POST": members_only(200)},
    "community:post_edit": {"GET": owner_only(), "POST": owner_only(200)},
    "community:post_history": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "community:post_react": {"GET": members_only(405), "POST": members_only(302)},
    "community:post_report": {"GET": members_only(), "POST": members_only(200)},
    "community:post_image": {"GET": members_only(), "POST": members_only(405)},
    "community:post_hide": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:report_resolve": {"GET": staff_only(405), "POST": staff_only(302)},
    # community — shout-outs: shoutout_id is a "just them and the teaching team" shout-out
    # from the instructor to cast.learner; another learner can't reach it.
    "community:shoutouts": {"GET": members_only(), "POST": members_only(405)},
    "community:my_shoutouts": {"GET": members_only(), "POST": members_only(405)},
    "community:shoutout_new": {"GET": members_only(), "POST": members_only(200)},
    "community:shoutout": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "community:shoutout_tags": {"GET": staff_only(), "POST": staff_only(200)},
    "community:shoutout_tag_edit": {"GET": staff_only(405), "POST": staff_only(200)},
    "community:shoutout_tag_retire": {"GET": staff_only(405), "POST": staff_only(302)},
    # community — rituals: ritual_id / round_id / post_id point at cast.learner's answer (with
    # a photo) in this week's open round. Every member answers, staff too; cast.learner's
    # empty POST keeps their photo, so it saves (302), anyone else's is refused (200).
    "community:rituals": {"GET": members_only(), "POST": members_only(405)},
    "community:ritual_new": {"GET": staff_only(), "POST": staff_only(200)},
    "community:ritual": {"GET": members_only(), "POST": members_only(405)},
    "community:ritual_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "community:ritual_open_now": {"GET": staff_only(405), "POST": staff_only(302)},
    "community:ritual_archive": {"GET": members_only(), "POST": members_only(405)},
    "community:ritual_round": {"GET": members_only(), "POST": members_only(405)},
    "community:ritual_answer": {
        "GET": members_only(),
        "POST": members_only(200) | {"learner": 302},
    },
    "community:ritual_post": {"GET": members_only(), "POST": members_only(405)},
    "community:ritual_photo": {"GET": members_only(), "POST": members_only(405)},
    "community:ritual_react": {"GET": members_only(405), "POST": members_only(302)},
    "community:ritual_reply": {"GET": members_only(405), "POST": members_only(200)},
    "community:ritual_vote": {"GET": members_only(405), "POST": members_only(302)},
    "community:ritual_feature": {"GET": staff_only(405), "POST": staff_only(302)},
    # surveys: survey_id is the course's intro survey, answered and sent by cast.learner;
    # question_id its (required) goals question. Staff get a preview: checked, never saved.
    "surveys:list": {"GET": members_only(), "POST": members_only(405)},
    "surveys:new": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:intro_new": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:answer": {
        "GET": members_only(),
        "POST": members_only(302) | {"ta": 200, "instructor": 200},
    },
    # cast.learner has sent a required answer, so emptying it is refused (200 with why).
    "surveys:answer_question": {
        "GET": members_only(405),
        "POST": members_only(302) | {"learner": 200},
    },
    "surveys:edit": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:publish": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:close": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:delete": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:results": {"GET": staff_only(), "POST": staff_only(405)},
    "surveys:export": {"GET": staff_only(), "POST": staff_only(405)},
    # The radar reads every learner's ledger (mood, help requests): staff only.
    "radar:radar": {"GET": staff_only(), "POST": staff_only(405)},
    # Setting a learner aside on the reach-out list (an empty post is refused with a message
    # and sent back to the home), and undoing it: staff only.
    "radar:set_aside": {"GET": staff_only(405), "POST": staff_only(302)},
    "radar:set_aside_undo": {"GET": staff_only(405), "POST": staff_only(302)},
    "radar:indicators_csv": {"GET": staff_only(), "POST": staff_only(405)},
    # Each staff member's own care plan (names, reasons, equity): staff only.
    "radar:care_plan": {"GET": staff_only(), "POST": staff_only(405)},
    # The belonging pulse names each learner's answers: staff only (an empty POST is a
    # form with its errors); user_id = cast.learner, whose trend other learners never see.
    "radar:pulse": {"GET": staff_only(), "POST": staff_only(200)},
    "radar:pulse_learner": {"GET": staff_only(), "POST": staff_only(405)},
    # The peer network names every learner and who they talk to: staff only.
    "radar:network": {"GET": staff_only(), "POST": staff_only(405)},
    "radar:network_classmates": {"GET": staff_only(), "POST": staff_only(405)},
    # Each learner's own connections (and their choice about partner suggestions); staff are
    # sent to the radar. An empty POST means "suggest me as a partner".
    "radar:my_connections": {
        "GET": members_only() | {"ta": 302, "instructor": 302},
        "POST": members_only(302),
    },
    # Each person downloads only their own answers.
    "surveys:my_answers": {"GET": members_only(), "POST": members_only(405)},
    "surveys:question_new": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:reorder": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:question_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:question_delete": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:question_move": {"GET": staff_only(405), "POST": staff_only(302)},
    # walls: board_id / card_id are cast.learner's photo card, anonymous to classmates, on a
    # wall the instructor made. Empty posts: a form shown again (200) or a message and back
    # to the wall (302).
    "walls:boards": {"GET": members_only(), "POST": members_only(405)},
    "walls:board_new": {"GET": staff_only(), "POST": staff_only(200)},
    "walls:board": {"GET": members_only(), "POST": members_only(405)},
    "walls:board_settings": {"GET": staff_only(), "POST": staff_only(200)},
    "walls:board_export": {"GET": staff_only(), "POST": staff_only(405)},
    "walls:board_picture": {"GET": staff_only(), "POST": staff_only(405)},
    "walls:card_image": {"GET": members_only(), "POST": members_only(405)},
    "walls:card_add": {"GET": members_only(405), "POST": members_only(302)},
    # What a card says is its author's alone.
    "walls:card_edit": {"GET": owner_only(), "POST": owner_only(200)},
    "walls:card_move": {"GET": members_only(405), "POST": members_only(302)},
    "walls:card_delete": {"GET": members_only(405), "POST": members_only(302)},
    "walls:card_approve": {"GET": members_only(405), "POST": staff_only(302)},
    "walls:card_react": {"GET": members_only(405), "POST": members_only(302)},
    "walls:card_comment": {"GET": members_only(405), "POST": members_only(302)},
    # live: live_session_id is an open session with one activity on screen. Members take
    # part from the course; the teaching team hosts, shows the shared screen, adds
    # activities (an empty post: a message and back to the host page), ends it, exports it.
    # activity_id is that activity: edited, removed, moved (an empty post: a message and back;
    # removing needs nothing more).
    "live:sessions": {"GET": members_only(), "POST": members_only(405)},
    "live:session_new": {"GET": staff_only(), "POST": staff_only(200)},
    "live:session": {"GET": members_only(), "POST": members_only(405)},
    "live:host": {"GET": staff_only(), "POST": staff_only(405)},
    "live:screen": {"GET": staff_only(), "POST": staff_only(405)},
    "live:activity_add": {"GET": staff_only(405), "POST": staff_only(302)},
    "live:activity_edit": {"GET": staff_only(405), "POST": staff_only(302)},
    "live:activity_remove": {"GET": staff_only(405), "POST": staff_only(302)},
    "live:activity_move": {"GET": staff_only(405), "POST": staff_only(302)},
    "live:session_close": {"GET": staff_only(405), "POST": staff_only(302)},
    "live:session_results": {"GET": members_only(), "POST": members_only(405)},
    "live:session_export": {"GET": staff_only(), "POST": staff_only(405)},
    # groups — peer feedback: group_id is a group of cast.learner and one more learner
    # (other_learner is a learner outside it), set_id its set, request_id cast.learner's
    # request for feedback there with a file, reply_id the groupmate's answer. The group's
    # members act on it and staff only read it; an empty POST shows the form's errors (200),
    # or why the author can't answer their own request (200); the author's thanks go (302).
    "groups:feedback_new": {"GET": owner_only(), "POST": owner_only(200)},
    "groups:feedback": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "groups:feedback_reply": {"GET": members_only(405), "POST": owner_only(200)},
    "groups:feedback_thank": {"GET": members_only(405), "POST": owner_only(302)},
    "groups:feedback_attachment": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "groups:feedback_report": {"GET": staff_only(), "POST": staff_only(405)},
    # groups — forming: set_id and round_id are that group's set and its published round.
    # Staff form, preview, change and publish; an empty POST shows the form's errors (200),
    # or is refused with a message on the set's page (302); forming again waits for the
    # task queue (302). A group's page and what is shared there are its members' and staff's
    # (shared_id: cast.learner's reflection shared with the group).
    "groups:index": {"GET": members_only(), "POST": members_only(405)},
    "groups:set_new": {"GET": staff_only(), "POST": staff_only(200)},
    "groups:set": {"GET": staff_only(), "POST": staff_only(405)},
    "groups:set_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "groups:set_progress": {"GET": staff_only(), "POST": staff_only(405)},
    "groups:set_reform": {"GET": staff_only(405), "POST": staff_only(302)},
    "groups:round_publish": {"GET": staff_only(405), "POST": staff_only(302)},
    "groups:member_move": {"GET": staff_only(405), "POST": staff_only(302)},
    "groups:group_lock": {"GET": staff_only(405), "POST": staff_only(302)},
    "groups:group": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "groups:reflection_share": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    "groups:reflection_unshare": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    # events: event_id is a Fun Friday the instructor planned, on now, that cast.learner said
    # they'd come to. Learners may not plan events here (the course's default), so planning
    # and changing are staff's; an empty POST shows the form's errors (200), is refused with a
    # message and sent back to the event (an answer, a check-in: 302), or marks no one (302).
    # Each member has their own calendar link (the feed itself, outside /c/, takes a token).
    "events:index": {"GET": members_only(), "POST": members_only(405)},
    "events:event_new": {"GET": staff_only(), "POST": staff_only(200)},
    "events:settings": {"GET": staff_only(405), "POST": staff_only(302)},
    "events:calendar_link": {"GET": members_only(), "POST": members_only(405)},
    "events:calendar_link_renew": {"GET": members_only(405), "POST": members_only(302)},
    "events:event": {"GET": members_only(), "POST": members_only(405)},
    "events:event_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "events:event_cancel": {"GET": members_only(405), "POST": staff_only(302)},
    "events:rsvp": {"GET": members_only(405), "POST": members_only(302)},
    "events:check_in": {"GET": members_only(405), "POST": members_only(302)},
    "events:attendance": {"GET": staff_only(), "POST": staff_only(302)},
    "events:event_ics": {"GET": members_only(), "POST": members_only(405)},
    # officehours: office_hours_id is the instructor's open office hours (the TA has none),
    # booking_id cast.learner's meeting there, invite_id the instructor's offer of times to
    # cast.learner, pool_id a pool of the instructor's and the TA's hours, window_id and
    # exception_id the instructor's weekly hours and day off. Learners book (an empty POST:
    # the page with "Pick a time first", 400); staff see the page but don't book (404). A
    # learner reaches only their own meeting and invitation; staff every meeting of the
    # course. Each staff member changes only their own hours: the TA, with none, gets 404
    # (or is sent to set them up first, 302).
    "officehours:index": {"GET": members_only(), "POST": members_only(405)},
    "officehours:book": {
        "GET": members_only(),
        "POST": members_only(400) | {"ta": 404, "instructor": 404},
    },
    "officehours:pool_new": {"GET": staff_only(), "POST": staff_only(400)},
    "officehours:pool": {
        "GET": members_only(),
        "POST": members_only(400) | {"ta": 404, "instructor": 404},
    },
    "officehours:invite": {"GET": owner_only(), "POST": owner_only(400)},
    "officehours:invite_new": {"GET": staff_only(200, ta=302), "POST": staff_only(400, ta=302)},
    "officehours:booking": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(405),
    },
    "officehours:booking_move": {
        "GET": members_only() | {"other_learner": 404},
        "POST": members_only(400) | {"other_learner": 404},
    },
    "officehours:booking_cancel": {
        "GET": members_only(405),
        "POST": members_only(302) | {"other_learner": 404},
    },
    "officehours:booking_mark": {"GET": staff_only(405), "POST": staff_only(302)},
    "officehours:manage": {"GET": staff_only(), "POST": staff_only(400, ta=404)},
    "officehours:start": {"GET": staff_only(405), "POST": staff_only(302)},
    "officehours:window_add": {"GET": staff_only(405), "POST": staff_only(302, ta=404)},
    "officehours:window_remove": {"GET": staff_only(405), "POST": staff_only(302, ta=404)},
    "officehours:exception_add": {"GET": staff_only(405), "POST": staff_only(302, ta=404)},
    "officehours:exception_remove": {"GET": staff_only(405), "POST": staff_only(302, ta=404)},
    # Class list imports: instructors only (an import places and removes people by the
    # hundred, staff included). import_id is a list the instructor uploaded; an empty POST
    # to the upload is a form error (400), to the review a preview (200). The progress card
    # is for htmx; a plain request is sent to the review page (302).
    "roster:import_start": {"GET": instructor_only(), "POST": instructor_only(400)},
    "roster:import_review": {"GET": instructor_only(), "POST": instructor_only()},
    "roster:import_progress": {"GET": instructor_only(302), "POST": instructor_only(405)},
    "roster:import_discard": {"GET": instructor_only(405), "POST": instructor_only(302)},
    # The course in its LMS: staff see the link and its syncs (sync_id is a finished sync of
    # the course); only instructors start one (an unlinked course is told so: 302).
    "lti:course": {"GET": staff_only(), "POST": staff_only(405)},
    "lti:sync_start": {"GET": instructor_only(405), "POST": instructor_only(302)},
    "lti:sync_progress": {"GET": staff_only(), "POST": staff_only(405)},
}


def url_kwargs(cast, name: str, route: str) -> dict:
    """Values for the URL parameters ``route`` takes. Each is made only when a URL needs it
    (making all of them for each of the matrix's cases was most of its time)."""
    photo_post = cache(lambda: learners_photo_post(cast))
    ritual_post = cache(lambda: _learners_ritual_post(cast))
    intro_survey = cache(lambda: survey_answered_by(cast.learner, course=cast.course))
    wall_card = cache(lambda: _learners_wall_card(cast))
    feedback = cache(lambda: _learners_feedback(cast))
    live_session = cache(lambda: _live_session(cast))
    office_hours = cache(lambda: _office_hours_with_a_meeting(cast))
    available = {
        "course_slug": lambda: cast.course.slug,
        "user_id": lambda: cast.learner.pk,
        "membership_id": lambda: cast.course.memberships.get(user=cast.learner).pk,
        "media_id": lambda: (
            (
                _learners_recording_with_a_draft(cast)
                if name == "media:caption_draft"
                else _learners_recording(cast)
            ).public_id
        ),
        "variant": lambda: "playback",
        "language": lambda: "en",
        # Changing or cancelling applies to a check-in not out yet; the rest to a note.
        "message_id": lambda: (
            _scheduled_checkin(cast).pk
            if name in ("presence:checkin_edit", "presence:checkin_cancel")
            else _note_to_learner(cast).pk
        ),
        "template_id": lambda: (
            MessageTemplate.objects.get_or_create(
                course=cast.course,
                owner=cast.instructor,
                name="Thinking of you",
                defaults={"kind": MessageKind.NOTE, "body": "Hi {preferred_name}"},
            )[0].pk
        ),
        "resource_id": lambda: resource_make(cast.course, creator=cast.instructor).pk,
        "note_id": lambda: (
            StaffNote.objects.get_or_create(
                course=cast.course,
                learner=cast.learner,
                author=cast.instructor,
                defaults={"body": "Works nights; prefers async"},
            )[0].pk
        ),
        "milestone_id": lambda: (
            PersonalMilestone.objects.get_or_create(
                course=cast.course,
                user=cast.learner,
                text="Ran my first 10K",
                defaults={"happened_on": date(2026, 1, 1)},
            )[0].pk
        ),
        "prompt_id": lambda: learners_private_things(cast)["prompt"].pk,
        "topic_id": lambda: photo_post().topic_id,
        # Discussion posts and ritual posts share the parameter name.
        "post_id": lambda: (
            ritual_post().pk if name.startswith("community:ritual") else photo_post().pk
        ),
        "shoutout_id": lambda: _private_shoutout_for_learner(cast).pk,
        "tag_id": lambda: _a_shoutout_tag(cast).pk,
        "ritual_id": lambda: ritual_post().round.ritual_id,
        "round_id": lambda: (
            feedback().request.group.round_id
            if name.startswith("groups:")
            else ritual_post().round_id
        ),
        "shared_id": lambda: _learners_shared_reflection(cast, feedback().request.group).pk,
        "survey_id": lambda: intro_survey().pk,
        "question_id": lambda: intro_survey().questions.get(key="goals").pk,
        "decision_id": lambda: (
            ReachOutDecision.objects.create(
                course=cast.course,
                learner=cast.learner,
                decided_by=cast.instructor,
                kind=DecisionKind.SNOOZE,
                reason=DecisionReason.AWAY,
            ).pk
        ),
        "board_id": lambda: wall_card().board_id,
        "card_id": lambda: wall_card().pk,
        "group_id": lambda: feedback().request.group_id,
        "set_id": lambda: feedback().request.group.round.group_set_id,
        "request_id": lambda: feedback().request_id,
        "reply_id": lambda: feedback().pk,
        "event_id": lambda: _fun_friday_on_now(cast).pk,
        "live_session_id": lambda: live_session().pk,
        "activity_id": lambda: live_session().activities.get().pk,
        "office_hours_id": lambda: office_hours()[0].pk,
        "booking_id": lambda: office_hours()[1].pk,
        "invite_id": lambda: _talk_invite(cast, office_hours()[0]).pk,
        "pool_id": lambda: _pool_of_two(cast, office_hours()[0]).pk,
        "window_id": lambda: office_hours()[0].weekly.first().pk,
        "exception_id": lambda: (
            office_hours()[0].exceptions.create(date=timezone.localdate() + timedelta(days=30)).pk
        ),
        "import_id": lambda: roster_import_make(cast.course, cast.instructor).pk,
        "export_id": lambda: _learners_export(cast).pk,
        "sync_id": lambda: roster_sync_make(cast.course).pk,
        "invitation_id": lambda: (
            Invitation.objects.get_or_create(
                course=cast.course, email="invited@example.test", defaults={"role": Role.LEARNER}
            )[0].pk
        ),
    }
    needed = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    missing = [name for name in needed if name not in available]
    assert not missing, f"Teach url_kwargs about URL parameter(s) {missing} used by {route}"
    if name.startswith("officehours:"):
        office_hours()  # the instructor holds office hours on every office-hours page
    return {name: available[name]() for name in needed}


def _learners_export(cast):
    export = DataExport.objects.create(user=cast.learner)
    return data_export_build(export_id=export.pk)


def _office_hours_with_a_meeting(cast):
    """The instructor's office hours and cast.learner's meeting there."""
    hours = office_hours_make(cast)
    slot = officehours_selectors.slots_of(hours)[0]
    booking = officehours.booking_make(
        office_hours=hours,
        member=member(cast, "learner"),
        choice=officehours.Choice(slot.starts_at, "My project"),
    )
    booking.staff_note = "Worried about the deadline"
    booking.save(update_fields=["staff_note"])
    return hours, booking


def _talk_invite(cast, hours):
    starts = [slot.starts_at for slot in officehours_selectors.slots_of(hours)[1:3]]
    return officehours.invite_send(
        office_hours=hours,
        member=member(cast, "instructor"),
        learner=member(cast, "learner"),
        starts=starts,
    )


def _pool_of_two(cast, hours):
    tas = office_hours_make(cast, by="ta")
    return officehours.pool_save(
        course=cast.course,
        member=member(cast, "instructor"),
        title="Ask us",
        members=[hours, tas],
        assignment="round_robin",
    )


def _live_session(cast):
    session = session_make(cast)
    activity_make(cast, session)
    return session


def _learners_recording(cast):
    return media_item_captioned(course=cast.course, owner=cast.learner)


def _learners_recording_with_a_draft(cast):
    media = media_item_ready(course=cast.course, owner=cast.learner)
    draft_ready(media)
    return media


def _learners_photo_and_voice(cast):
    cast.learner.photo.save("photo.jpg", ContentFile(b"photo"), save=False)
    cast.learner.photo_thumb.save("thumb.jpg", ContentFile(b"thumb"), save=False)
    cast.learner.pronunciation_audio.save("name.m4a", ContentFile(b"voice"), save=False)
    cast.learner.save()


def _note_to_learner(cast):
    return presence_services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you",
    )


def _scheduled_checkin(cast):
    return presence_services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Next week",
        body="Soon",
        release_at=timezone.now() + timedelta(days=2),
    )


def _private_shoutout_for_learner(cast):
    shoutouts.shoutout_tags_ensure(course=cast.course)
    return shoutouts.shoutout_give(
        course=cast.course,
        giver=cast.instructor,
        receiver_ids=[cast.learner.pk],
        tag_id=cast.course.shoutout_tags.first().pk,
        message="Quietly proud of you",
        visibility="private",
    )


def _learners_wall_card(cast):
    board = board_make(cast, allow_anonymous=True)
    card = card_make(cast, board, kind="image", body="", anonymous=True, image_alt="My desk")
    services_walls.card_image_attach(
        card=card, member=member(cast, "learner"), image=process_card_image(image_upload())
    )
    return card


def _learners_feedback(cast):
    """A groupmate's answer to cast.learner's request for feedback (with a file) in a group
    of the two of them."""
    group = group_make(cast, users=[cast.learner, learner_make(cast, "ines")])
    request = feedback.feedback_request_create(
        group=group,
        member=member(cast, "learner"),
        title="My essay",
        attachment=ContentFile(b"Wetlands filter water.\n", name="essay.txt"),
    )
    ines = group.members.exclude(user=cast.learner).get().user
    return feedback.feedback_reply(
        request=request, member=membership_of(cast, ines), parts={"works": "A clear start"}
    )


def _learners_shared_reflection(cast, group):
    from rapport.groups.services import reflection_share

    answer = learners_private_things(cast)["answer"]
    return reflection_share(group=group, member=member(cast, "learner"), answer_id=answer.pk)


def _fun_friday_on_now(cast):
    event = event_make(cast, in_hours=-0.5, hours=2)
    rsvp_set(event=event, member=member(cast, "learner"), status=RsvpStatus.GOING)
    return event


def _a_shoutout_tag(cast):
    shoutouts.shoutout_tags_ensure(course=cast.course)
    return cast.course.shoutout_tags.get(label="Kind")


def _learners_ritual_post(cast):
    round_ = round_open(ritual_make(course=cast.course, author=cast.instructor), actor=cast.ta)
    return rituals.ritual_answer_post(
        round=round_, author=cast.learner, body="My win", photo_upload=image_upload()
    )


def test_every_course_url_has_expectations():
    missing = sorted(set(COURSE_URLS) - set(EXPECTED))
    assert not missing, f"Add role-matrix expectations for: {missing}"
    stale = sorted(set(EXPECTED) - set(COURSE_URLS))
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"


CASES = [
    (name, method, role)
    for name, methods in sorted(EXPECTED.items())
    for method in methods
    for role in ROLES
]


def with_csrf_enforced(client):
    """POSTs carry a CSRF token and the server checks it, as in a browser: a view that works
    only because the test client skips the check fails here."""
    client.handler.enforce_csrf_checks = True
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    client.defaults[settings.CSRF_HEADER_NAME] = token
    return client


def build_cast():
    """The cast, and a signed-in session for each of its people (the session key, by
    role). Here rather than make_cast itself, so module_data keeps this module on one
    worker."""
    cast = make_cast()
    sessions = {}
    for role in ROLES:
        person = cast.by_role(role)
        if person is not None:
            client = Client()
            client.force_login(person)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cast, sessions


shared_cast = module_data(build_cast, name="shared_cast")


@pytest.fixture
def cast(shared_cast, db):
    """The cast, made once for the module's 1,500 cases; what a case adds is undone after it.
    Cases only send requests, so the shared Python objects stay as they were made."""
    return shared_cast[0]


@pytest.fixture
def client_for(client, shared_cast, db):
    """``client_for(role)``: the test client in that person's session, made with the cast
    (signing in afresh for each of 1,500 cases took a fifth of their time). What a case does
    to its session — a sign-out, a new key — is undone after it like any other write."""
    sessions = shared_cast[1]

    def sign_in(role: str):
        client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        if role in sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
        return client

    return sign_in


@pytest.fixture(scope="module")
def kept(shared_cast, django_db_blocker):
    kept = KeptForTheSameKey()
    yield kept
    with django_db_blocker.unblock():
        kept.forget()


@pytest.fixture
def url_values(request, kept, shared_cast, django_db_blocker) -> dict:
    """The case's URL parameters (``url_kwargs``), made once for the cases in a row of the
    same URL, its roles and methods (making them for each case was most of the matrix's
    time): before the case's own savepoint, in which what the case does is undone. Listed
    before ``cast``, which opens that savepoint."""
    cast, name = shared_cast[0], request.getfixturevalue("name")
    with django_db_blocker.unblock():
        return kept.get(name, lambda: course_url_kwargs(cast, name))


def course_url_kwargs(cast, name: str) -> dict:
    if name in OUTSIDE_COURSE:
        _learners_photo_and_voice(cast)
    return url_kwargs(cast, name, COURSE_URLS[name])


@pytest.mark.parametrize("name,method,role", CASES)
def test_role_matrix(name, method, role, url_values, cast, client_for):
    client = with_csrf_enforced(client_for(role))
    url = fill(COURSE_URLS[name], url_values)
    response = client.get(url) if method == "GET" else client.post(url, {})
    answered_as_expected(response, EXPECTED[name][method][role], f"{role} {method} {url}")


def answered_as_expected(response, expected, case: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, case
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, case


# A peer group's own thread and wall (rapport.groups), under the same URLs as the course's:
# reached only by the group's members and the course's staff. The group is cast.learner
# and one more learner; other_learner is a learner of the course outside it. topic_id and
# post_id are the group's thread and its opening post, board_id and card_id the group's
# wall and cast.learner's photo card on it.
def group_only(status=200):
    return members_only(status) | {"other_learner": 404}


GROUP_SPACES: dict[str, dict[str, dict[str, int | str]]] = {
    "community:topic": {"GET": group_only()},
    "community:topic_newer": {"GET": group_only()},
    "community:post": {"GET": group_only(302)},
    "community:post_reply": {"GET": group_only(), "POST": group_only(200)},
    "community:post_react": {"POST": group_only(302)},
    "community:post_report": {"GET": group_only()},
    "walls:board": {"GET": group_only()},
    "walls:card_image": {"GET": group_only()},
    "walls:card_add": {"POST": group_only(302)},
    "walls:card_react": {"POST": group_only(302)},
}

GROUP_CASES = [
    (name, method, role)
    for name, methods in sorted(GROUP_SPACES.items())
    for method in methods
    for role in ROLES
]


def group_space_kwargs(cast) -> dict:
    group = group_make(cast, users=[cast.learner, learner_make(cast, "noor")])
    thread = discussions.group_topic_create(
        group=group, author=cast.instructor, title="Our corner", body="Say hello"
    )
    wall = services_walls.group_board_create(
        group=group, member=member(cast, "instructor"), title="Our wall"
    )
    card = card_make(cast, wall, kind="image", body="", image_alt="Our sketch")
    services_walls.card_image_attach(
        card=card, member=member(cast, "learner"), image=process_card_image(image_upload())
    )
    return {
        "course_slug": cast.course.slug,
        "topic_id": thread.pk,
        "post_id": thread.posts.get().pk,
        "board_id": wall.pk,
        "card_id": card.pk,
    }


@pytest.fixture
def group_space_values(kept, shared_cast, django_db_blocker) -> dict:
    """``group_space_kwargs``, made once for the table's cases in a row (as ``url_values``)."""
    with django_db_blocker.unblock():
        return kept.get("group space", lambda: group_space_kwargs(shared_cast[0]))


@pytest.mark.parametrize("name,method,role", GROUP_CASES)
def test_a_groups_own_thread_and_wall(name, method, role, group_space_values, cast, client_for):
    client = with_csrf_enforced(client_for(role))
    url = fill(COURSE_URLS[name], group_space_values)
    response = client.get(url) if method == "GET" else client.post(url, {})
    answered_as_expected(response, GROUP_SPACES[name][method][role], f"{role} {method} {url}")


def test_a_post_without_its_csrf_token_is_refused(cast, client_for):
    client = with_csrf_enforced(client_for("learner"))
    del client.defaults[settings.CSRF_HEADER_NAME]
    url = fill(COURSE_URLS["courses:leave"], {"course_slug": cast.course.slug})
    assert client.post(url, {}).status_code == 403
    assert cast.course.memberships.filter(user=cast.learner, status="active").exists()
