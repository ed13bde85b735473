"""LIS roles, as platforms send them, to a Rapport role.

Platforms differ: Canvas sends context roles plus institution roles, Moodle sends short
context roles ("Instructor"), Brightspace and Blackboard send sub-roles such as
``membership/Instructor#TeachingAssistant``. Context roles decide; institution roles count
only when a launch carries no context role at all (an administrator opening a course)."""

from rapport.core.enums import Role

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person"

# What each role name (the part after '#', or a sub-role's principal role) makes someone,
# strongest first: a named TA is a TA even beside the principal role Instructor that LIS
# sub-roles come with; a content developer (a course designer) helps, unless they also teach.
_CONTEXT_ORDER = [
    ({"TeachingAssistant"}, Role.TA),
    ({"Instructor", "Administrator"}, Role.INSTRUCTOR),
    ({"ContentDeveloper"}, Role.TA),
    ({"Learner"}, Role.LEARNER),
]
_TA_SUB_ROLES = {
    "TeachingAssistant",
    "TeachingAssistantSection",
    "TeachingAssistantSectionAssociation",
    "TeachingAssistantOffering",
    "TeachingAssistantTemplate",
    "TeachingAssistantGroup",
    "Grader",
}
_INSTITUTION_ORDER = [
    ({"Faculty", "Instructor", "Administrator"}, Role.INSTRUCTOR),
    ({"Staff"}, Role.TA),
    ({"Student", "Learner"}, Role.LEARNER),
]


def _split(role: str) -> tuple[str, str]:
    """(kind, name) of one role URI: kind is "context", "institution" or "other"; a short
    role such as "Instructor" is a context role (LTI 1.3, A.2.2), and a TA sub-role is
    named "TeachingAssistant"."""
    role = role.strip()
    if "/" not in role and ":" not in role:
        return "context", role
    if role.startswith(MEMBERSHIP + "#"):
        return "context", role.split("#", 1)[1]
    if role.startswith(MEMBERSHIP + "/"):
        principal, _, sub = role[len(MEMBERSHIP) + 1 :].partition("#")
        return "context", "TeachingAssistant" if sub in _TA_SUB_ROLES else principal
    if role.startswith(INSTITUTION + "#"):
        return "institution", role.split("#", 1)[1]
    return "other", role


def rapport_role(roles: list[str] | None) -> Role | None:
    """The Rapport role for a launch's roles claim, or None when nothing in it is a
    teacher, a TA or a learner (a mentor or observer, a guest)."""
    names = {"context": set(), "institution": set(), "other": set()}
    for raw in roles or []:
        kind, name = _split(str(raw))
        names[kind].add(name)
    if names["context"]:
        order, present = _CONTEXT_ORDER, names["context"]
    else:
        order, present = _INSTITUTION_ORDER, names["institution"]
    for role_names, role in order:
        if role_names & present:
            return role
    return None
