"""What the demo's teaching team sent and what learners said back. People are named by
the local part of their demo email ("learner" is Sam, "instructor" Maya, "ta" Tomás)."""

from dataclasses import dataclass

from rapport.presence.models import MessageKind, Tone

# Learners who have drifted: no watches, no replies, no reactions.
DRIFTING = frozenset({"dmitri", "liam", "wei"})


@dataclass(frozen=True)
class DemoCheckin:
    title: str
    days_ago: float
    body: str
    recording: str = ""  # "video", "voice" or "" for text
    # A real talk from rapport/demo/media (<spoken>.ogg, its words in <spoken>.txt) instead
    # of a tone: its captions are timed from the words, as the captions page does.
    spoken: str = ""
    color: tuple[int, int, int] = (46, 111, 98)
    tone_hz: float = 440
    # Share of (not drifting) learners who had watched it by now.
    watched_share: float = 0.85


CHECKINS = (
    DemoCheckin(
        title="Week 1: Welcome to the watershed",
        days_ago=27,
        recording="video",
        color=(46, 111, 98),
        tone_hz=392,
        body="Hello everyone, and welcome! This week: where does your water come from? "
        "Find your watershed on the map in the Week 1 module and tell us its name.",
    ),
    DemoCheckin(
        title="Week 2: Following a raindrop",
        days_ago=20,
        recording="voice",
        spoken="lesson",
        body="What a week of answers — from the Mekong to the Thames. This week we follow one "
        "raindrop from cloud to sea. Bring a question you've always wondered about.",
    ),
    DemoCheckin(
        title="Week 3: Soil is alive",
        days_ago=13,
        recording="voice",
        tone_hz=494,
        watched_share=0.75,
        body="A voice note from the garden this week. A teaspoon of healthy soil holds more "
        "living things than there are people on Earth. Go and dig a little!",
    ),
    DemoCheckin(
        title="Week 4: The air we share",
        days_ago=6,
        recording="video",
        color=(26, 95, 180),
        tone_hz=523,
        watched_share=0.6,
        body="Sam asked about wildfire smoke, so this week is all about air. Check the air "
        "quality where you are and post the number — no judgement, just curiosity.",
    ),
    DemoCheckin(
        title="A quick note about field journals",
        days_ago=2.5,
        watched_share=0.45,
        body="Lots of you asked: your field journal can be **photos, sketches or voice "
        "memos** — whatever helps you notice. There's no wrong way to pay attention.",
    ),
)

# Released next Monday at 9:00 in the course's time zone.
NEXT_WEEK = DemoCheckin(
    title="Week 5: Energy and us",
    days_ago=-7,
    body="Next week: where your electricity comes from, and what it costs the planet.",
)


@dataclass(frozen=True)
class DemoNote:
    author: str
    recipient: str
    tone: str
    days_ago: float
    body: str


NOTES = (
    DemoNote(
        "instructor",
        "learner",
        Tone.NOTICED,
        9,
        "Hi {preferred_name} — I noticed your question about wildfire smoke in the forum. "
        "It's such a good one that Week 4 is going to be about air. Thank you for asking it!",
    ),
    DemoNote(
        "ta",
        "learner",
        Tone.CONGRATULATIONS,
        1.5,
        "Congratulations on finishing the watershed map, {preferred_name}! Working nights "
        "and still getting it done early is no small thing.",
    ),
    DemoNote(
        "instructor",
        "kwame",
        Tone.THINKING_OF_YOU,
        4,
        "Hi {preferred_name}, thinking of you this week — I know the harvest keeps you "
        "busy. The course will be here when you're ready.",
    ),
    DemoNote(
        "instructor",
        "priya",
        Tone.CONGRATULATIONS,
        11,
        "Your rain garden photos made my day, {preferred_name}. Congratulations!",
    ),
)


@dataclass(frozen=True)
class DemoFeedback:
    author: str
    recipient: str
    days_ago: float
    assignment_title: str
    body: str
    went_well: str
    next_step: str
    assignment_url: str = ""


FEEDBACK = (
    DemoFeedback(
        "instructor",
        "learner",
        3,
        "Watershed map",
        "Sam, this map is careful and clear — you clearly walked the creek yourself.",
        "You traced every tributary and labelled them in your own words.",
        "Add a legend so a reader knows what the dashed lines mean.",
        "https://lms.example.edu/courses/env-sci-101/assignments/1",
    ),
    DemoFeedback(
        "ta",
        "priya",
        3,
        "Watershed map",
        "Lovely detail on the wetlands.",
        "The colour scheme makes the flow easy to follow.",
        "Mark where your own water is drawn from.",
    ),
)


@dataclass(frozen=True)
class DemoThread:
    # A check-in by its title, or feedback by "feedback:<recipient>".
    message: str
    learner: str
    # (who, days after the message, words)
    turns: tuple[tuple[str, float, str], ...]


THREADS = (
    DemoThread(
        "Week 1: Welcome to the watershed",
        "learner",
        (
            (
                "learner",
                0.5,
                "Found it — the South Platte! I had no idea my tap water came from that far "
                "up in the mountains.",
            ),
            (
                "instructor",
                0.8,
                "Isn't that amazing, Sam? Snowmelt from the Rockies, in your kitchen. Great find.",
            ),
        ),
    ),
    DemoThread(
        "Week 2: Following a raindrop",
        "aroha",
        (
            (
                "aroha",
                0.3,
                "Kia ora Maya! My question: where does the rain go in a city with no soil to "
                "soak into?",
            ),
            (
                "ta",
                0.6,
                "Great question, Aroha — that's exactly what I study. I'll share a map of "
                "Auckland's storm drains in study hall.",
            ),
        ),
    ),
    DemoThread(
        "Week 3: Soil is alive",
        "kwame",
        (("kwame", 0.4, "Our soil at home is red clay. Is it alive too?"),),
    ),
    DemoThread(
        "feedback:learner",
        "learner",
        (("learner", 0.2, "Thank you! I'll add the legend tonight before my shift."),),
    ),
)

REACTION_SHARE = 0.35
REACTIONS = ("🎉", "❤️", "👍", "🙏", "💡")

TEMPLATES = (
    (
        "Thinking of you",
        MessageKind.NOTE,
        # The goal is the learner's own sentence: it is introduced and quoted as theirs,
        # and Maya signs on a line of her own.
        "Hi {preferred_name}, I haven't seen you around this week and wanted to say I'm "
        "thinking of you. No pressure at all — if anything is getting in the way, just hit "
        "reply.\n\nAt the start of the course you told me what you're here for, in your own "
        "words:\n\n> {goal}\n\nThat still matters to me, and I'd love to help you get "
        "there.\n\n— Maya",
    ),
    (
        "Congratulations",
        MessageKind.NOTE,
        "{preferred_name}, I just wanted to say: well done! Your work this week really "
        "stood out. Keep going — I'm cheering for you.",
    ),
)
