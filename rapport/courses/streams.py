"""What a course's socket can follow. A feature registers each kind of thing (a discussion
topic, a board) with the rule that says whether a member may follow one of them, so the
socket itself knows nothing of features. A stream may also:

- ``act``: take actions sent on the socket — ``act(course, membership, object_id,
  message)`` runs in a worker thread and returns the answer to send back (a dict), or
  raises ``rapport.core.refusals.Refused`` whose message is sent as the error;
- ``shape``: cut each event's payload down for one reader — ``shape(payload, membership)``
  returns what to send them, or None for nothing;
- ``presence``: keep who is following it now, told to every follower as people come and go.
"""

from collections.abc import Callable
from dataclasses import dataclass

from rapport.courses.models import Course, Membership


@dataclass(frozen=True)
class Stream:
    name: str
    # (course, the follower's active membership, object id) -> may they follow it?
    may_follow: Callable[[Course, Membership, int], bool]
    act: Callable[[Course, Membership, int, dict], dict] | None = None
    shape: Callable[[dict, Membership], dict | None] | None = None
    presence: bool = False


STREAMS: dict[str, Stream] = {}


def register_stream(
    name: str,
    may_follow: Callable[[Course, Membership, int], bool],
    *,
    act: Callable[[Course, Membership, int, dict], dict] | None = None,
    shape: Callable[[dict, Membership], dict | None] | None = None,
    presence: bool = False,
) -> None:
    STREAMS[name] = Stream(
        name=name, may_follow=may_follow, act=act, shape=shape, presence=presence
    )


def stream_named(name) -> Stream | None:
    return STREAMS.get(name) if isinstance(name, str) else None
