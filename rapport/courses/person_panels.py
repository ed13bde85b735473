"""What feature apps add to a person's page in a course (and to the teaching team's card of
a learner), and to the classmates page: a feature registers a function, in its
``AppConfig.ready``, that answers a ``Panel`` — a template and its context — or None, so
the pages show it without knowing the feature (courses stands below them)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from rapport.courses.models import Course, Membership


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


# (course, the person's membership, the viewer's membership) -> a panel, or None
PersonPanel = Callable[[Course, Membership, Membership], Panel | None]
_panels: list[PersonPanel] = []


def register_person_panel(panel: PersonPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def person_panels(*, course: Course, person: Membership, viewer: Membership) -> list[Panel]:
    found = (panel(course, person, viewer) for panel in _panels)
    return [panel for panel in found if panel is not None]


# (course, the viewer's membership) -> a panel for the classmates page, or None
PeoplePanel = Callable[[Course, Membership], Panel | None]
_people_panels: list[PeoplePanel] = []


def register_people_panel(panel: PeoplePanel) -> None:
    if panel not in _people_panels:
        _people_panels.append(panel)


def people_panels(*, course: Course, viewer: Membership) -> list[Panel]:
    found = (panel(course, viewer) for panel in _people_panels)
    return [panel for panel in found if panel is not None]
