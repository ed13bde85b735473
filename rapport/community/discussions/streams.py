"""A discussion topic, followed on the course's socket by the pages that show it: a member
may follow a topic they can see."""

from rapport.community.discussions.selectors import topics_seen_by
from rapport.courses.streams import register_stream

TOPIC_STREAM = "topic"


def may_follow_topic(course, membership, topic_id: int) -> bool:
    return topics_seen_by(course=course, is_staff=membership.is_staff).filter(pk=topic_id).exists()


def register() -> None:
    register_stream(TOPIC_STREAM, may_follow_topic)
