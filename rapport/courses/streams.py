"""What a course's socket can follow. A feature registers each kind of thing (a discussion
topic, later a board) with the rule that says whether a member may follow one of them, so
the socket itself knows nothing of features."""

from collections.abc import Callable
from dataclasses import dataclass

from rapport.courses.models import Course, Membership


@dataclass(frozen=True)
class Stream:
    name: str
    # (course, the follower's active membership, object id) -> may they follow it?
    may_follow: Callable[[Course, Membership, int], bool]


STREAMS: dict[str, Stream] = {}


def register_stream(name: str, may_follow: Callable[[Course, Membership, int], bool]) -> None:
    STREAMS[name] = Stream(name=name, may_follow=may_follow)


def stream_named(name) -> Stream | None:
    return STREAMS.get(name) if isinstance(name, str) else None
