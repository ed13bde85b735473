"""The course navigation: a handful of groups, each one page or a short menu of pages, so it
fits a phone and the current place always shows.

Declared here, beside urls.py, because it names pages of every app: courses stands below the
feature apps and may not know them. ``course_nav`` (a context processor) hands the shell
the groups for the viewer's role, with the current page and group marked."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    # Addresses that also belong to this page (its own sub-pages count already): the
    # person pages and invitations belong to People, say.
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    label: str
    pages: tuple[Page, ...]


HOME = "home:course"
COMMUNITY = Group(
    "Community",
    (
        Page("Discussions", "community:topics"),
        Page("Walls", "walls:boards"),
        Page("Groups", "groups:index"),
        Page("Live class", "live:sessions"),
        Page("Events", "events:index"),
        Page("Office hours", "officehours:index"),
        Page("Shout-outs", "community:shoutouts"),
        Page("Rituals", "community:rituals"),
        Page("Reflections", "community:reflections"),
    ),
)
STAFF = (
    Group("This week", (Page("This week", HOME),)),
    Group("Messages", (Page("Messages", "presence:feed"),)),
    COMMUNITY,
    Group(
        "Learners",
        (
            Page("People", "knowing:roster", also=("courses:people", "courses:members")),
            Page("Reach out", "radar:radar"),
            Page("Class insights", "knowing:insights"),
            Page(
                "Class mood",
                "community:mood_overview",
                also=("community:mood", "community:wellbeing_audit"),
            ),
            Page("Celebrate", "knowing:celebrate"),
            Page("Surveys", "surveys:list"),
        ),
    ),
    Group(
        "Course",
        (
            Page("Resources", "knowing:resources"),
            Page("Settings", "courses:settings", also=("courses:leave",)),
        ),
    ),
)
# At most six entries: a learner's phone shows them all at once.
LEARNER = (
    Group("Home", (Page("Home", HOME),)),
    Group("Messages", (Page("Messages", "presence:feed"),)),
    COMMUNITY,
    Group(
        "Me",
        (
            Page("My mood", "community:mood"),
            Page("My milestones", "knowing:my_milestones"),
            Page("Picked for you", "knowing:picked"),
            Page("My connections", "radar:my_connections"),
        ),
    ),
    Group(
        "Course",
        (Page("Resources", "knowing:resources"), Page("Surveys", "surveys:list")),
    ),
    Group("People", (Page("People", "courses:people", also=("courses:leave",)),)),
)


@dataclass
class NavLink:
    label: str
    url: str
    # "page" on the page itself, "true" on one of its sub-pages, "" elsewhere: the value
    # of the link's aria-current.
    current: str = ""


@dataclass
class NavGroup:
    label: str
    links: list[NavLink]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)

    @property
    def single(self) -> NavLink | None:
        """The group's one page, when it has only one (shown as a plain link)."""
        return self.links[0] if len(self.links) == 1 else None


@dataclass
class CourseNav:
    home_url: str
    groups: list[NavGroup]

    @property
    def here(self) -> str:
        """Where the viewer is, in words ("Learners › People"), or "" off the map."""
        for group in self.groups:
            for link in group.links:
                if link.current:
                    return link.label if group.single else f"{group.label} › {link.label}"
        return ""


def _owner(path: str, addresses: dict[str, tuple[int, int]], home: str) -> tuple[int, int] | None:
    """The (group, page) whose address is the longest start of ``path``. The course home
    sits at the start of every course address, so it owns only itself."""
    best, best_length = None, 0
    for address, owner in addresses.items():
        matches = path == address or (address != home and path.startswith(address))
        if matches and len(address) > best_length:
            best, best_length = owner, len(address)
    return best


def build_course_nav(*, slug: str, is_staff: bool, path: str) -> CourseNav:
    """The groups for a staff member or a learner, with the page at ``path`` marked."""
    kwargs = {"course_slug": slug}
    plan = STAFF if is_staff else LEARNER
    groups = [
        NavGroup(g.label, [NavLink(p.label, reverse(p.url_name, kwargs=kwargs)) for p in g.pages])
        for g in plan
    ]
    addresses: dict[str, tuple[int, int]] = {}
    for g_index, group in enumerate(plan):
        for p_index, page in enumerate(group.pages):
            for name in page.also:
                addresses.setdefault(reverse(name, kwargs=kwargs), (g_index, p_index))
            addresses[groups[g_index].links[p_index].url] = (g_index, p_index)
    home = reverse(HOME, kwargs=kwargs)
    owner = _owner(path, addresses, home)
    if owner is not None:
        link = groups[owner[0]].links[owner[1]]
        link.current = "page" if link.url == path else "true"
    return CourseNav(home_url=home, groups=groups)


def course_nav(request) -> dict:
    """``course_nav`` for pages of a course (after courses.access.course_access has set
    ``request.course`` and ``request.membership``). Lazy and query-free: it reads only what
    the access check loaded."""
    course = getattr(request, "course", None)
    membership = getattr(request, "membership", None)
    if course is None or membership is None:
        return {}
    return {
        "course_nav": SimpleLazyObject(
            lambda: build_course_nav(
                slug=course.slug, is_staff=membership.is_staff, path=request.path
            )
        )
    }
