"""A discussion topic, followed on the course's socket by the pages that show it: a member
may follow a topic they may open."""

from rapport.community.discussions.selectors import topics_visible_to
from rapport.courses.streams import register_stream

TOPIC_STREAM = "topic"


def may_follow_topic(course, membership, topic_id: int) -> bool:
    return topics_visible_to(membership=membership).filter(pk=topic_id).exists()


def register() -> None:
    register_stream(TOPIC_STREAM, may_follow_topic)
