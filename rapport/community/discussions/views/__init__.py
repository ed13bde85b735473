"""Discussion pages, split by topic: topics (the list, starting one, the class's setting),
thread (a topic, its newer posts, a post's permalink, mentions), posts (reply, edit,
history, react, report, image) and staff (waiting queue, reports, pin, lock, hide)."""

from rapport.community.discussions.views.posts import (
    post_edit,
    post_history,
    post_image,
    post_react,
    post_reply,
    post_report,
)
from rapport.community.discussions.views.staff import (
    moderation_queue,
    post_hide,
    report_resolve,
    topic_lock,
    topic_pin,
    waiting,
)
from rapport.community.discussions.views.thread import (
    mention_search,
    post_permalink,
    topic,
    topic_newer,
)
from rapport.community.discussions.views.topics import discussion_settings, topic_list, topic_new

__all__ = [
    "discussion_settings",
    "mention_search",
    "moderation_queue",
    "post_edit",
    "post_hide",
    "post_history",
    "post_image",
    "post_permalink",
    "post_react",
    "post_reply",
    "post_report",
    "report_resolve",
    "topic",
    "topic_list",
    "topic_lock",
    "topic_new",
    "topic_newer",
    "topic_pin",
    "waiting",
]
