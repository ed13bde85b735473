"""The "Getting to know you" survey, ready in one click. Each question carries the key the
rest of Rapport reads it by (``rapport.surveys.intro``), so staff may reword it freely."""

from dataclasses import dataclass, field

from rapport.core.enums import Channel
from rapport.surveys import intro
from rapport.surveys.models import QuestionType

TITLE = "Getting to know you"
INTRO = (
    "Welcome! Before we dive in, we'd love to know a little about **you** — what you hope to "
    "get from this course, what you're into, and how you like to learn.\n\n"
    "There are no wrong answers and nothing here is graded. It takes about five minutes, "
    "and you can come back and change your answers until the survey closes."
)
# The preferred-channel choices read like the profile setting, so the two can be compared.
CHANNELS = [str(Channel.IN_APP.label), str(Channel.EMAIL.label)]
FEEDBACK_STYLES = ["Direct", "Gentle", "Written", "Spoken"]
INTEREST_SUGGESTIONS = [
    "hiking",
    "cooking",
    "gardening",
    "photography",
    "music",
    "reading",
    "coding",
    "birds",
    "cycling",
    "soccer",
    "volunteering",
    "sustainable fashion",
]


@dataclass(frozen=True)
class TemplateQuestion:
    key: str
    type: str
    prompt: str
    help_text: str = ""
    required: bool = False
    options: dict = field(default_factory=dict)


QUESTIONS = [
    TemplateQuestion(
        key=intro.GOALS,
        type=QuestionType.LONG_TEXT,
        prompt="What do you hope to get out of this course?",
        help_text="A sentence or two is plenty. Put your biggest hope on the first line.",
        required=True,
    ),
    TemplateQuestion(
        key=intro.INTERESTS,
        type=QuestionType.TAGS,
        prompt="What are you into outside this course?",
        help_text="Pick a few or add your own — we'll use them to find examples you'll "
        "enjoy and classmates who share them.",
        options={"suggestions": INTEREST_SUGGESTIONS},
    ),
    TemplateQuestion(
        key=intro.CHANNEL,
        type=QuestionType.SINGLE_CHOICE,
        prompt="Where would you like to hear from us?",
        required=True,
        options={"choices": CHANNELS},
    ),
    TemplateQuestion(
        key=intro.FEEDBACK_STYLE,
        type=QuestionType.MULTIPLE_CHOICE,
        prompt="How do you like to get feedback?",
        help_text="Choose any that fit. Direct: straight to the point. Gentle: start with "
        "what went well. Written or spoken: words on the page, or a voice or video note.",
        options={"choices": FEEDBACK_STYLES},
    ),
    TemplateQuestion(
        key=intro.BEST_TIMES,
        type=QuestionType.AVAILABILITY,
        prompt="When are good times to reach you?",
        help_text="Tick the hours that usually work for you.",
    ),
    TemplateQuestion(
        key=intro.HELPS_ME_LEARN,
        type=QuestionType.LONG_TEXT,
        prompt="What helps you learn?",
        help_text="Videos, reading, talking it through, examples, deadlines… whatever works.",
    ),
    TemplateQuestion(
        key=intro.IN_THE_WAY,
        type=QuestionType.LONG_TEXT,
        prompt="Is there anything that might get in the way this term?",
        help_text="Work, family, health, time zones — whatever you'd like us to know, so we "
        "can help. Only your teachers see this.",
    ),
    TemplateQuestion(
        key=intro.PROUD_OF,
        type=QuestionType.LONG_TEXT,
        prompt="Tell us about something you're proud of.",
        help_text="Big or small, in or out of school.",
    ),
    TemplateQuestion(
        key=intro.NAME_SAY,
        type=QuestionType.SHORT_TEXT,
        prompt="How do you say your name?",
        help_text="For example “AH-roh-hah”. Leave it empty if it's easy to say.",
    ),
]
