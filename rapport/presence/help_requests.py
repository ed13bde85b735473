"""A learner's "I could use some help" (a mood check-in, kept by community) as a note's
reason: the note form offers to mark the request answered when the note is sent.

Imported lazily: community already builds on presence (its text renderer and reactions)."""


def has_open_help_request(*, course, learner) -> bool:
    from rapport.community.checkins.selectors import help_requests

    return any(request.help_is_open for request in help_requests(course=course, learner=learner))


def help_requests_answer(*, course, learner, staff, now) -> int:
    """Close ``learner``'s open help requests as followed up by ``staff`` (inside the
    caller's transaction); how many were open."""
    from rapport.community.checkins.services import help_requests_follow_up

    return help_requests_follow_up(course=course, learner=learner, staff=staff, now=now)
