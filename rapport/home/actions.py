"""One click from the staff home to the action a card suggests, opened prefilled: the note
form with the learner chosen and words to start from (``?to=``, ``?tone=``, ``?body=``),
and ``next`` bringing the teacher back to the home once it is sent."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from rapport.presence.models import Tone
from rapport.radar.ranking import STEP_HELP, STEP_PAIR, STEP_VIDEO, ReachOut

NOTE_WORDS = (
    "Hi {preferred_name}, I've been thinking of you this week and wanted to check in. "
    "How are things going? I'd love to hear from you."
)
HELP_WORDS = (
    "Hi {preferred_name}, I saw you could use some help. I'm here: tell me what's in the way "
    "and we'll work it out together."
)
VIDEO_WORDS = "Hi {preferred_name}, I recorded a quick hello for you."
PAIR_WORDS = (
    "Hi {preferred_name}, I think you and {partner} would get on: you both like {interest}. "
    "Why not answer each other's posts this week?"
)
WELCOME_WORDS = (
    "Hi {preferred_name}, welcome to the course! I'm glad you're here. Tell me a little "
    "about yourself — and what you hope to get out of this."
)
CHECKIN_WORDS = (
    "Hi {preferred_name}, my check-in “{title}” is waiting for you whenever you have a "
    "minute. I'd love to know what you think."
)


@dataclass(frozen=True)
class Action:
    label: str
    url: str


def note_url(course, *, to: int, body: str, tone: str, back: str, **extra) -> str:
    query = {"to": to, "tone": tone, "body": body, **extra, "next": back}
    return reverse("presence:note_new", args=[course.slug]) + "?" + urlencode(query)


def reach_out_action(item: ReachOut, *, course, back: str) -> Action:
    """The suggested next step for someone on the list, as one link."""
    learner = item.user.pk
    name = item.user.display_name
    if item.step == STEP_HELP:
        words, tone, label, extra = HELP_WORDS, Tone.NOTICED, f"Answer {name}'s call for help", {}
    elif item.step == STEP_PAIR and item.partner is not None:
        words = PAIR_WORDS.replace("{partner}", item.partner.display_name).replace(
            "{interest}", item.interest or "the same things"
        )
        tone, label, extra = Tone.OTHER, f"Pair {name} with {item.partner.display_name}", {}
    elif item.step == STEP_VIDEO:
        words, tone = VIDEO_WORDS, Tone.THINKING_OF_YOU
        label, extra = f"Record a 30-second video for {name}", {"record": "video"}
    else:
        words, tone, label, extra = NOTE_WORDS, Tone.THINKING_OF_YOU, f"Send {name} a note", {}
    return Action(
        label=label, url=note_url(course, to=learner, body=words, tone=tone, back=back, **extra)
    )


def help_action(user, *, course, back: str) -> Action:
    return Action(
        label=f"Answer {user.display_name}",
        url=note_url(course, to=user.pk, body=HELP_WORDS, tone=Tone.NOTICED, back=back),
    )


def welcome_action(user, *, course, back: str) -> Action:
    return Action(
        label=f"Welcome {user.display_name}",
        url=note_url(course, to=user.pk, body=WELCOME_WORDS, tone=Tone.THINKING_OF_YOU, back=back),
    )


def checkin_nudge(user, *, course, checkin, back: str) -> Action:
    words = CHECKIN_WORDS.replace("{title}", checkin.heading)
    return Action(
        label=f"Note to {user.display_name}",
        url=note_url(course, to=user.pk, body=words, tone=Tone.THINKING_OF_YOU, back=back),
    )


def notes_from_template(*, course, template, to) -> Action:
    """One personal note each to ``to`` (memberships), from ``template``, reviewed first."""
    query = urlencode([("to", member.user_id) for member in to])
    url = reverse("presence:template_send", args=[course.slug, template.pk]) + "?" + query
    return Action(label=f"Send each of them “{template.name}”", url=url)
