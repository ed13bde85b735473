"""Making a course bigger and recordings ready, for presence's tests."""

from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.media.models import MediaItem, MediaKind, MediaStatus
from rapport.media.testing import media_item_ready


def make_media(course, owner, kind=MediaKind.VIDEO, status=MediaStatus.READY) -> MediaItem:
    item = media_item_ready(course=course, owner=owner, kind=kind)
    if status != MediaStatus.READY:
        MediaItem.objects.filter(pk=item.pk).update(status=status)
        item.refresh_from_db()
    return item


def add_learners(course, count: int) -> list:
    people = []
    for index in range(count):
        user = UserFactory(
            photo="profiles/p.jpg" if index % 2 else "",
            photo_thumb=f"profiles/{index}/thumb-20270101.jpg" if index % 2 else "",
        )
        MembershipFactory(course=course, user=user, role=Role.LEARNER)
        people.append(user)
    return people
