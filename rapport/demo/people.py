"""Who is in the demo: the three sign-ins shown on the start screen, and the shape every
demo person's data takes. The other learners are in ``classmates``."""

from dataclasses import dataclass
from datetime import time

from rapport.core.enums import Channel

DEMO_PASSWORD = "rapport-demo"
DEMO_DOMAIN = "rapport.test"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    preferred_name: str
    timezone: str
    pronouns: str = ""
    pronunciation_text: str = ""
    about: str = ""
    has_photo: bool = True
    preferred_channel: str = Channel.IN_APP
    quiet_hours: tuple[time, time] | None = None
    show_photo_to_peers: bool = True
    show_local_time_to_peers: bool = True
    # How long before the seed runs this person joined Environmental Science 101.
    joined_days_ago: int = 20

    @property
    def profile_is_complete(self) -> bool:
        # Mirrors User.missing_profile_fields, so the seed agrees with the staff list.
        return bool(self.preferred_name and self.has_photo and self.about)


INSTRUCTOR = DemoPerson(
    email=f"instructor@{DEMO_DOMAIN}",
    full_name="Dr. Maya Okafor",
    preferred_name="Maya",
    pronouns="she/her",
    pronunciation_text="MY-ah oh-KAH-for",
    timezone="America/Chicago",
    about=(
        "I'm an ecologist who fell in love with wetlands as a kid in Lagos and never got "
        "over it. I've taught this course online for six years, from a desk that looks out "
        "on a very opinionated bird feeder. Ask me anything — office hours are my favourite "
        "part of the week."
    ),
    joined_days_ago=40,
)

TA = DemoPerson(
    email=f"ta@{DEMO_DOMAIN}",
    full_name="Tomás Rivera",
    preferred_name="Tomás",
    pronouns="he/him",
    pronunciation_text="toh-MAHS ree-VEH-rah",
    timezone="America/Chicago",
    about=(
        "Second-year grad student studying urban heat islands. I took this course myself "
        "three years ago. I run the Thursday study hall and I answer forum posts fast — "
        "usually with a map."
    ),
    joined_days_ago=38,
)

LEARNER = DemoPerson(
    email=f"learner@{DEMO_DOMAIN}",
    full_name="Samira Haddad",
    preferred_name="Sam",
    pronouns="they/them",
    timezone="America/Denver",
    about=(
        "Hi, I'm Sam! I work nights at a hospital pharmacy and study in the mornings, so I "
        "might be quiet in live sessions but I'm reading everything. I want to understand "
        "what the wildfire smoke every summer is actually doing to us."
    ),
    joined_days_ago=23,
)

SIGN_INS = [
    (INSTRUCTOR.email, "instructor"),
    (TA.email, "teaching assistant"),
    (LEARNER.email, "learner"),
]


def sign_in_lines() -> list[str]:
    return [f"  {email} / {DEMO_PASSWORD}  ({role})" for email, role in SIGN_INS]
