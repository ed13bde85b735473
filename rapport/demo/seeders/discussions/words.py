"""The shape of the demo's discussion words. People are named by the local part of their
demo email ("learner" is Sam, "instructor" Maya, "ta" Tomás); ``{@kwame}`` in a body
becomes an @mention of that person."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Say:
    who: str
    days_ago: float
    body: str
    replies: tuple["Say", ...] = ()
    # The author later changed the words to these.
    edited_to: str = ""
    edited_days_ago: float = 0


@dataclass(frozen=True)
class DemoTopic:
    title: str
    opening: Say
    pinned: bool = False
    locked: bool = False


def say(who: str, days_ago: float, body: str, *replies: Say, **extra) -> Say:
    return Say(who, days_ago, body, tuple(replies), **extra)


# They post, but no classmate ever answers them: only the teaching team does.
ISOLATED = frozenset({"dmitri", "liam", "wei"})
