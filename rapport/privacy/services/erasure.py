"""Erasing an account: what the person made is deleted, except the public posts, replies
and wall cards others answered, which stay for the thread's sake under "Former member",
with no link to them and without their pictures. ``docs/privacy.md`` has the exact list."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from rapport.community.models.discussions import Post, Topic
from rapport.community.models.rituals import RitualPost, RitualReply
from rapport.core.models import Notification
from rapport.core.refusals import Refused
from rapport.courses.models import Invitation, Membership, MembershipStatus, Role
from rapport.courses.selectors import is_only_instructor
from rapport.privacy.files import files_delete_on_commit, stored_files_deleted_with
from rapport.walls.models import Card, CardComment

FORMER_MEMBER_EMAIL = "former-member@rapport.invalid"
FORMER_MEMBER_NAME = "Former member"


def former_member():
    """The one stand-in author of everything kept from erased accounts: it cannot sign
    in, belongs to no course, and has no profile to show."""
    person, created = get_user_model().objects.get_or_create(
        email=FORMER_MEMBER_EMAIL,
        defaults={"preferred_name": FORMER_MEMBER_NAME, "is_active": False},
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    elif person.is_active or person.has_usable_password():
        # Someone signed up with the stand-in's address: nothing may be handed to them.
        raise Refused(
            "Accounts can't be deleted right now: the site's administrator needs to look at "
            f"the account {FORMER_MEMBER_EMAIL} first.",
            code="stand_in_taken",
        )
    return person


def erasure_blockers(*, user) -> list[str]:
    """Why ``user`` cannot be erased yet, in words for them: each course they are the only
    instructor of must be handed over first."""
    courses = []
    instructing = Membership.objects.filter(
        user=user, role=Role.INSTRUCTOR, status=MembershipStatus.ACTIVE
    ).select_related("course")
    for membership in instructing:
        if is_only_instructor(membership):
            courses.append(membership.course.title)
    return [
        f"You're the only instructor of “{title}”. Make someone else an instructor of it "
        "first (on its People page), then come back."
        for title in courses
    ]


def _keep_under_former_member(user, stand_in) -> list[str]:
    """Hand the things others answered to the stand-in; returns the pictures on them,
    which go with the person."""
    others_posted = Post.objects.filter(topic=OuterRef("pk")).exclude(author=user)
    Topic.objects.filter(author=user).filter(Exists(others_posted)).update(author=stand_in)
    kept_posts = Post.objects.filter(author=user).filter(
        Exists(Post.objects.filter(topic=OuterRef("topic")).exclude(author=user))
    )
    others_replied = RitualReply.objects.filter(post=OuterRef("pk")).exclude(author=user)
    kept_ritual_posts = RitualPost.objects.filter(author=user).filter(Exists(others_replied))
    others_commented = CardComment.objects.filter(card=OuterRef("pk")).exclude(author=user)
    kept_cards = Card.objects.filter(author=user).filter(Exists(others_commented))
    pictures = [
        *kept_posts.exclude(image="").values_list("image", flat=True),
        *kept_ritual_posts.exclude(photo="").values_list("photo", flat=True),
        *kept_ritual_posts.exclude(photo_thumb="").values_list("photo_thumb", flat=True),
        *kept_cards.exclude(image="").values_list("image", flat=True),
    ]
    kept_posts.update(author=stand_in, image="", image_alt="")
    kept_ritual_posts.update(author=stand_in, photo="", photo_thumb="", photo_alt="", media=None)
    kept_cards.update(author=stand_in, image="", image_alt="", clip=None)
    # Replies on threads that stay (others' posts, and the posts kept above).
    RitualReply.objects.filter(author=user).exclude(post__author=user).update(author=stand_in)
    CardComment.objects.filter(author=user).exclude(card__author=user).update(author=stand_in)
    return pictures


def account_erase(*, user) -> None:
    """Erase ``user``: one transaction for the rows; their files are deleted once it
    commits. Refused while they are a course's only instructor."""
    blockers = erasure_blockers(user=user)
    if blockers:
        raise Refused(" ".join(blockers), code="only_instructor")
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        stand_in = former_member()
        files = _keep_under_former_member(user, stand_in)
        # Others' notifications of what they did name them; invitations hold their email.
        Notification.objects.filter(actor=user).delete()
        Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)).delete()
        _lti_identities(user).delete()
        files += stored_files_deleted_with([user])
        user.delete()
        files_delete_on_commit(files)


def _lti_identities(user):
    from lti_tool.models import LtiUser

    return LtiUser.objects.filter(auth_user=user)
