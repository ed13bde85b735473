"""What a person's data export holds: one JSON file per kind of thing they made or that is
about them and shown to them, and their own media files.

Left out on purpose (``docs/privacy.md`` says why): the teaching team's notes about them,
the audit log, the radar's ledger and reach-out decisions, anonymous survey answers (which
name nobody), other learners' private things, and notes staff keep on bookings."""

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO
from zipfile import ZIP_DEFLATED, ZipFile

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from rapport.accounts.services import PROFILE_FIELDS
from rapport.community.models.checkins import MoodCheckin, ReflectionAnswer, ReflectionReply
from rapport.community.models.discussions import Post, Topic
from rapport.community.models.rituals import RitualPost, RitualReply
from rapport.community.models.shoutouts import Shoutout
from rapport.courses.models import Membership
from rapport.events.models import Rsvp
from rapport.knowing.models.milestones import Birthday, PersonalMilestone
from rapport.media.models import MediaItem
from rapport.officehours.models import Booking
from rapport.presence.models import Message, Reply
from rapport.surveys.models import Answer
from rapport.walls.models import Card, CardComment

README = """Your data from Rapport
======================

Each .json file holds one kind of thing you made, or that is about you and was shown to
you: your profile, courses, posts, replies, wall cards, reflections, moods, named survey
answers, messages to and from you, shout-outs, bookings and event replies. The media
folder holds your own recordings and pictures.

Not included: notes your teaching team keeps about you, the log of who on the teaching
team viewed your check-ins, the teaching team's connection indicators, anonymous survey
answers (they are linked to nobody, so they cannot be found again), and anything private
to another person.
"""


def _profile(user) -> list[dict]:
    fields = ("email", *PROFILE_FIELDS, "date_joined")
    profile = {name: getattr(user, name) for name in fields}
    profile["birthday"] = list(Birthday.objects.filter(user=user).values("month", "day"))
    return [profile]


def _memberships(user):
    return Membership.objects.filter(user=user).values(
        "course__title", "course__term", "role", "status", "joined_at"
    )


def _topics(user):
    return Topic.objects.filter(author=user).values("course__title", "title", "created_at")


def _posts(user):
    return Post.objects.filter(author=user).values(
        "course__title", "topic__title", "body", "image_alt", "created_at", "edited_at"
    )


def _ritual_posts(user):
    return RitualPost.objects.filter(author=user).values(
        "round__ritual__course__title", "body", "photo_alt", "created_at", "updated_at"
    )


def _ritual_replies(user):
    return RitualReply.objects.filter(author=user).values("post__id", "body", "created_at")


def _wall_cards(user):
    return Card.objects.filter(author=user, deleted_at__isnull=True).values(
        "board__course__title",
        "board__title",
        "kind",
        "body",
        "link_url",
        "image_alt",
        "anonymous",
        "created_at",
        "updated_at",
    )


def _wall_comments(user):
    return CardComment.objects.filter(author=user).values(
        "card__board__title", "body", "created_at"
    )


def _reflections(user):
    return ReflectionAnswer.objects.filter(learner=user).values(
        "prompt__course__title", "prompt__text", "text", "created_at", "updated_at"
    )


def _replies_to_my_reflections(user):
    return ReflectionReply.objects.filter(answer__learner=user).values(
        "answer__prompt__text", "author__preferred_name", "text", "created_at"
    )


def _moods(user):
    return MoodCheckin.objects.filter(learner=user).values(
        "course__title", "score", "word", "wants_help", "created_at"
    )


def _survey_answers(user):
    # Only named surveys link an answer to its person; anonymous ones cannot be found.
    return Answer.objects.filter(response__respondent=user).values(
        "response__survey__title", "question__prompt", "value", "updated_at"
    )


def _messages(user):
    return Message.objects.filter(Q(author=user) | Q(recipient=user)).values(
        "course__title",
        "kind",
        "author__preferred_name",
        "recipient__preferred_name",
        "title",
        "body",
        "assignment_title",
        "went_well",
        "next_step",
        "released_at",
        "created_at",
    )


def _message_replies(user):
    # A conversation reaches its learner and the other person in it.
    return Reply.objects.filter(Q(author=user) | Q(thread_learner=user)).values(
        "message__title", "author__preferred_name", "body", "created_at"
    )


def _shoutouts_given(user):
    return Shoutout.objects.filter(giver=user).values(
        "course__title", "message", "visibility", "created_at"
    )


def _shoutouts_received(user):
    return Shoutout.objects.filter(receipts__user=user).values(
        "course__title", "giver__preferred_name", "message", "created_at"
    )


def _milestones(user):
    return PersonalMilestone.objects.filter(user=user).values(
        "course__title", "text", "happened_on", "visibility"
    )


def _bookings(user):
    # The host's own note on a booking (``staff_note``) stays out.
    return Booking.objects.filter(Q(learner=user) | Q(host=user)).values(
        "course__title",
        "host__preferred_name",
        "learner__preferred_name",
        "starts_at",
        "ends_at",
        "status",
        "answer",
        "cancel_message",
    )


def _event_rsvps(user):
    return Rsvp.objects.filter(user=user).values(
        "event__course__title", "event__title", "event__starts_at", "status", "responded_at"
    )


KINDS: dict[str, Callable] = {
    "profile": _profile,
    "memberships": _memberships,
    "discussion_topics": _topics,
    "discussion_posts": _posts,
    "ritual_posts": _ritual_posts,
    "ritual_replies": _ritual_replies,
    "wall_cards": _wall_cards,
    "wall_comments": _wall_comments,
    "reflections": _reflections,
    "replies_to_my_reflections": _replies_to_my_reflections,
    "moods": _moods,
    "survey_answers": _survey_answers,
    "messages": _messages,
    "message_replies": _message_replies,
    "shoutouts_given": _shoutouts_given,
    "shoutouts_received": _shoutouts_received,
    "milestones": _milestones,
    "bookings": _bookings,
    "event_rsvps": _event_rsvps,
}


@dataclass(frozen=True)
class OwnFile:
    name: str  # in storage
    folder: str  # in the zip


def own_files(user) -> Iterator[OwnFile]:
    """The person's own media: profile photo and name recording, recordings, and the
    pictures on their posts, ritual posts and wall cards."""
    for field in ("photo", "pronunciation_audio"):
        if getattr(user, field):
            yield OwnFile(getattr(user, field).name, "profile")
    for item in MediaItem.objects.filter(owner=user).only("original", "playback"):
        stored = item.playback or item.original
        if stored:
            yield OwnFile(stored.name, "recordings")
    pictures = (
        (Post.objects.filter(author=user).exclude(image=""), "image", "posts"),
        (RitualPost.objects.filter(author=user).exclude(photo=""), "photo", "ritual_posts"),
        (
            Card.objects.filter(author=user, deleted_at__isnull=True).exclude(image=""),
            "image",
            "wall_cards",
        ),
    )
    for rows, field, folder in pictures:
        for name in rows.values_list(field, flat=True):
            yield OwnFile(name, folder)


def export_write(user, target: IO[bytes], *, on_progress: Callable[[float], None]) -> None:
    """Write the zip of ``user``'s data to ``target``."""
    files = list(own_files(user))
    steps = len(KINDS) + len(files)
    with ZipFile(target, "w", ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for done, (name, rows) in enumerate(KINDS.items(), start=1):
            data = json.dumps(list(rows(user)), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            archive.writestr(f"{name}.json", data)
            on_progress(done / steps)
        for done, own in enumerate(files, start=len(KINDS) + 1):
            if default_storage.exists(own.name):
                arcname = f"media/{own.folder}/{PurePosixPath(own.name).name}"
                with default_storage.open(own.name) as source, archive.open(arcname, "w") as out:
                    shutil.copyfileobj(source, out, 1024 * 1024)
            on_progress(done / steps)
