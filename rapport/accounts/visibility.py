"""Who may see which parts of a person's profile. Pure functions over rows already loaded,
so a page of a hundred faces costs no extra query."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileVisibility:
    photo: bool
    pronouns: bool
    about: bool
    pronunciation: bool
    local_time: bool

    @classmethod
    def everything(cls) -> "ProfileVisibility":
        return cls(True, True, True, True, True)


def profile_visibility(
    *, viewer, person, course=None, viewer_is_staff: bool = False, person_is_staff: bool = False
) -> ProfileVisibility:
    """What ``viewer`` may see of ``person`` inside ``course``.

    The person themself and the course's staff see everything. Classmates see what the
    person allowed; in a young-learners course, photo, about and name recording stay
    hidden from classmates whatever the person chose. Staff profiles follow only their own
    choices, so learners always meet their teachers' faces.
    """
    if viewer is not None and viewer.pk == person.pk:
        return ProfileVisibility.everything()
    if viewer_is_staff:
        return ProfileVisibility.everything()
    restricted = bool(course is not None and course.young_learners and not person_is_staff)
    return ProfileVisibility(
        photo=person.show_photo_to_peers and not restricted,
        pronouns=person.show_pronouns_to_peers,
        about=person.show_about_to_peers and not restricted,
        pronunciation=person.show_pronunciation_to_peers and not restricted,
        local_time=person.show_local_time_to_peers,
    )
