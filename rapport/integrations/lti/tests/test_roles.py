import pytest

from rapport.core.enums import Role
from rapport.integrations.lti.roles import rapport_role

M = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
SUB = "http://purl.imsglobal.org/vocab/lis/v2/membership/"
INST = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#"
S = "http://purl.imsglobal.org/vocab/lis/v2/system/person#"


@pytest.mark.parametrize(
    "roles, expected",
    [
        ([M + "Instructor"], Role.INSTRUCTOR),
        ([M + "Administrator"], Role.INSTRUCTOR),
        (["Instructor"], Role.INSTRUCTOR),  # the short form Moodle and LTI 1.1 use
        ([M + "Learner"], Role.LEARNER),
        (["Learner"], Role.LEARNER),
        ([M + "TeachingAssistant"], Role.TA),
        ([SUB + "Instructor#TeachingAssistant"], Role.TA),
        ([M + "Instructor", SUB + "Instructor#TeachingAssistant"], Role.TA),
        ([M + "Instructor", SUB + "Instructor#Grader"], Role.TA),
        ([M + "ContentDeveloper"], Role.TA),
        ([M + "ContentDeveloper", M + "Instructor"], Role.INSTRUCTOR),
        ([M + "Learner", M + "Instructor"], Role.INSTRUCTOR),
        ([SUB + "Learner#Learner"], Role.LEARNER),
        ([SUB + "Instructor#PrimaryInstructor"], Role.INSTRUCTOR),
        # Canvas: institution roles beside the context role; the context role decides.
        ([INST + "Instructor", M + "Learner"], Role.LEARNER),
        ([INST + "Student", M + "Instructor", S + "User"], Role.INSTRUCTOR),
        # No context role at all (an administrator opening the course): institution roles.
        ([INST + "Faculty"], Role.INSTRUCTOR),
        ([INST + "Administrator", S + "SysAdmin"], Role.INSTRUCTOR),
        ([INST + "Staff"], Role.TA),
        ([INST + "Student"], Role.LEARNER),
        # Observers and mentors (parents, advisers) see no learner's private things.
        ([M + "Mentor"], None),
        ([SUB + "Mentor#Advisor"], None),
        ([M + "Mentor", INST + "Faculty"], None),
        ([INST + "Guest"], None),
        ([S + "User"], None),
        ([], None),
        (None, None),
    ],
)
def test_lis_roles_map_to_rapport_roles(roles, expected):
    assert rapport_role(roles) == expected
