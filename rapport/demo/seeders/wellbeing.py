"""Reflections and moods for Environmental Science 101, through the real services, dated
in the past.

A weekly reflection prompt from the course's first day (the newest opens today, one more is
scheduled for next week), answered by most learners while each was open; a few staff
replies. Mood check-ins one to three times a week since each learner joined (at most six
weeks back), mostly Okay to Great. Liam's mood falls from Good to Low, "swamped", with a
help request last week nobody has followed up yet; Sam once asked for help and Tomás
followed up. Dmitri and Wei never check in. Nothing is made twice.
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from rapport.community.checkins import services
from rapport.community.checkins.trends import mood_trend
from rapport.community.models.checkins import (
    MoodCheckin,
    ReflectionAnswer,
    ReflectionPrompt,
)
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.demo.people import DEMO_DOMAIN

WEEKS_OF_MOODS = 6
NEVER_CHECK_IN = {"dmitri", "wei"}
NEVER_REFLECT = {"dmitri"}
ANSWER_SHARE = 0.8

PROMPTS = [
    "Welcome week! What brought you to this course, and what's one thing you hope to "
    "understand by the end?",
    "Think about the water you used today. Where did it come from, and where did it go?",
    "What did the soil lab change about how you see the ground under your feet?",
    "Which idea from this week's reading on air quality stuck with you — and why?",
    "We're halfway. What's one thing helping you learn, and one thing getting in the way?",
    "Pick one choice you make every week. How does it touch water, air or soil?",
]

ANSWERS = [
    [
        "My kids keep asking why the lake turns green in summer and I want a better answer "
        "than *algae*. By the end I'd like to explain **nutrient runoff** properly.",
        "I work outside most days and I've watched the seasons change. I want to know what "
        "is actually going on, not just what people argue about online.",
        "Honestly? Curiosity. I'd love to understand how a whole ecosystem fits together.",
        "I teach science and want fresh ideas. My hope: understand the carbon cycle well "
        "enough to draw it from memory.",
        "A friend took this course last year and wouldn't stop talking about it. I want to "
        "understand where our drinking water really comes from.",
    ],
    [
        "From a reservoir about 40 km away, I found out. It goes to a treatment plant by "
        "the river — I had never once thought about it before this week.",
        "Our water comes from a well. After this week I want to get it tested.\n\n"
        "- dishes\n- a shower\n- watering the tomatoes",
        "I used way more than I guessed: about 140 litres. Most of it went down the drain "
        "without me noticing.",
        "Rain tank for the garden, town supply for the house. The grey water goes to the "
        "sewer, which now feels like a waste.",
        "It comes from the river upstream of the city. It goes back into the same river "
        "further down. Circular, in a slightly worrying way.",
    ],
    [
        "I'll never walk on grass the same way. There's a whole city down there.",
        "The jar test! Seeing sand, silt and clay settle into layers made it click.",
        "I didn't know soil could be *tired*. Our allotment needs more compost and less "
        "digging, I think.",
        "Mostly that soil is alive. I thought of it as dirt before — now it's more like a "
        "slow, hidden forest.",
        "How long it takes to make — centuries for a few centimetres. That made me sad "
        "about all the topsoil washed off building sites.",
    ],
    [
        "PM2.5 is small enough to get into your blood. I checked our local readings and "
        "bought a cheap monitor.",
        "That indoor air can be worse than outdoor air. We cook with gas; I've started "
        "opening the window.",
        "The map of who lives next to highways. It's not random, and that stuck with me.",
        "Wildfire smoke travelling thousands of kilometres. The sky here was orange last "
        "summer and now I understand why.",
        "That ozone is good up high and bad down low. Such a simple thing I never knew.",
    ],
    [
        "Helping: the weekly check-in videos — it feels like Maya is talking to me. Getting "
        "in the way: my night shifts.",
        "The study hall on Thursdays is great. What gets in the way is my own perfectionism.",
        "Helping: writing these reflections. Getting in the way: too many tabs open.",
        "My study buddy across the time zones keeps me going. Internet cuts are the enemy.",
        "Short readings I can do on the bus. I fall behind when work gets busy.",
    ],
]

MOOD_WORDS = {
    1: ["exhausted", "overwhelmed"],
    2: ["tired", "stressed", "meh"],
    3: ["okay", "busy", "so-so", ""],
    4: ["good", "curious", "calm", "steady", ""],
    5: ["excited", "great", "proud", "energised", ""],
}

# Liam's last weeks: (days ago, score, word, asked for help). Last week he asked for help.
LIAM = [
    (11.5, 4, "curious", False),
    (9.3, 4, "", False),
    (7.8, 3, "tired", False),
    (6.2, 3, "swamped", True),
    (3.6, 2, "swamped", False),
    (1.4, 2, "swamped", False),
]
LIAM_ANSWER = (
    "Honestly I'm swamped. Work doubled this month and I'm behind on everything here too. "
    "Sorry this one is short."
)
SAM_ANSWERS = [
    "I work nights at a hospital pharmacy, and every summer the smoke rolls in. I want to "
    "understand what it's actually doing to our lungs — and whether the masks we hand out "
    "help.",
    "Town supply, from a reservoir up in the mountains. It's fed by the same snowpack that "
    "shrinks every year, which is a little scary.",
    "I didn't expect the soil lab to be my favourite. The jar test looked like a tiny sunset.",
    "**Wildfire smoke**, finally. PM2.5 gets past your nose and into your blood. I shared "
    "the reading with two of the nurses at work.",
]
REPLIES = [
    "Thank you for sharing this — it's exactly the kind of noticing I hope for.",
    "I love this. Would you be up for telling the class about it on Thursday?",
    "Such a good observation. Keep that question in mind for week 6!",
    "This made my morning. Thank you.",
]
SAM_REPLY = (
    "Sharing it with your colleagues is exactly what this course is for, Sam. If you like, "
    "your final project could be about smoke and health — let's talk at office hours."
)


def seed_wellbeing(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing in ``course``; returns how many rows were added."""
    seeder = _Seeder(course=course, users=users, now=now)
    seeder.run()
    return seeder.added


class _Seeder:
    def __init__(self, *, course: Course, users: dict, now: datetime):
        self.course, self.users, self.now = course, users, now
        self.instructor = self.person("instructor")
        self.ta = self.person("ta")
        self.added = 0
        self.learners = list(
            Membership.objects.filter(
                course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
            )
            .select_related("user")
            .order_by("user__email")
        )

    def person(self, name: str):
        return self.users.get(f"{name}@{DEMO_DOMAIN}")

    def run(self) -> None:
        prompts = self.prompts()
        for index, prompt in enumerate(prompts[: len(ANSWERS)]):
            self.answers(index, prompt)
        self.moods()

    @staticmethod
    def rng(*parts) -> random.Random:
        return random.Random("rapport-demo-wellbeing:" + ":".join(map(str, parts)))

    @staticmethod
    def name(membership: Membership) -> str:
        return membership.user.email.split("@")[0]

    def local(self, day, hour: int, zone) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=zone)

    # --- prompts and answers ---------------------------------------------------------------

    def prompts(self) -> list[ReflectionPrompt]:
        zone = self.course.zone()
        today = timezone.localdate(self.now, zone)
        first = self.course.starts_on or today - timedelta(days=28)
        existing = {p.text: p for p in ReflectionPrompt.objects.filter(course=self.course)}
        prompts = []
        for week, text in enumerate(PROMPTS):
            prompt = existing.get(text)
            if prompt is None:
                # Nine in the morning, course time, open until the next one opens.
                opens_at = self.local(first + timedelta(weeks=week), 9, zone)
                opened = opens_at <= self.now
                prompt = ReflectionPrompt.objects.create(
                    course=self.course,
                    text=text,
                    opens_at=opens_at,
                    closes_at=self.local(first + timedelta(weeks=week + 1), 9, zone),
                    announced_at=opens_at if opened else None,
                    created_by=self.instructor,
                    created_at=min(opens_at - timedelta(days=2), self.now),
                )
                self.added += 1
                if opened and prompt.is_open(self.now):
                    self.announce(prompt)
            prompts.append(prompt)
        return prompts

    def announce(self, prompt: ReflectionPrompt) -> None:
        started = timezone.now()
        self.added += services.reflection_prompt_fan_out(prompt_id=prompt.pk, now=self.now)
        Notification.objects.filter(
            kind=NotificationKind.PROMPT_OPEN, course=self.course, created_at__gte=started
        ).update(created_at=prompt.opens_at)

    def answers(self, week: int, prompt: ReflectionPrompt) -> None:
        done = set(
            ReflectionAnswer.objects.filter(prompt=prompt).values_list("learner_id", flat=True)
        )
        end = min(prompt.closes_at, self.now)
        for membership in self.learners:
            name = self.name(membership)
            rng = self.rng(name, "answer", week)
            start = max(prompt.opens_at, membership.joined_at + timedelta(hours=2))
            if (
                membership.user_id in done
                or name in NEVER_REFLECT
                or end - start < timedelta(hours=3)
            ):
                continue
            if name == "learner" and prompt.is_open(self.now):
                continue  # left for whoever tries the demo as Sam
            if name != "learner" and rng.random() > ANSWER_SHARE:
                continue
            if name == "wei" and week > 1:
                continue
            if name == "learner" and week < len(SAM_ANSWERS):
                text = SAM_ANSWERS[week]
            elif name == "liam" and week >= 3:
                text = LIAM_ANSWER
            else:
                text = rng.choice(ANSWERS[week])
            at = start + (end - start) * rng.uniform(0.05, 0.7)
            answer, _ = services.reflection_answer_save(
                prompt=prompt, learner=membership.user, text=text, now=at
            )
            self.added += 1
            self.reply(answer, name, rng, end)

    def reply(self, answer: ReflectionAnswer, name: str, rng: random.Random, end) -> None:
        if name == "learner" and answer.prompt.text == PROMPTS[3]:
            author, text = self.instructor, SAM_REPLY
        elif name != "liam" and rng.random() < 0.2:
            author, text = rng.choice([self.instructor, self.ta]), rng.choice(REPLIES)
        else:
            return
        at = min(answer.created_at + timedelta(hours=rng.randint(3, 30)), self.now)
        started = timezone.now()
        services.reflection_reply_add(answer=answer, author=author, text=text, now=at)
        self.added += 1
        self.date_notifications(NotificationKind.MESSAGE_REPLY, started, at)

    def date_notifications(
        self, kind: str, started: datetime, at: datetime, *, read: bool = True
    ) -> None:
        # Dated when it happened; anything older than a few days was read long ago.
        read_at = at if read and self.now - at > timedelta(days=4) else None
        Notification.objects.filter(kind=kind, course=self.course, created_at__gte=started).update(
            created_at=at, read_at=read_at
        )

    # --- moods -----------------------------------------------------------------------------

    def moods(self) -> None:
        checked_in = set(
            MoodCheckin.objects.filter(course=self.course).values_list("learner_id", flat=True)
        )
        for membership in self.learners:
            name = self.name(membership)
            if membership.user_id in checked_in or name in NEVER_CHECK_IN:
                continue
            plan = self.liam_plan() if name == "liam" else self.plan(membership, name)
            for at, score, word, wants_help in plan:
                started = timezone.now()
                services.mood_record(
                    course=self.course,
                    learner=membership.user,
                    score=score,
                    word=word,
                    wants_help=wants_help,
                    now=at,
                )
                self.added += 1
                if wants_help:
                    # Liam's request still waits for someone, so it stays unread.
                    self.date_notifications(
                        NotificationKind.HELP_REQUESTED, started, at, read=name != "liam"
                    )
                    if name == "learner":
                        services.help_requests_follow_up(
                            course=self.course,
                            learner=membership.user,
                            staff=self.ta,
                            now=at + timedelta(hours=5),
                        )

    def liam_plan(self) -> list[tuple]:
        return [
            (self.now - timedelta(days=days), score, word, wants_help)
            for days, score, word, wants_help in LIAM
        ]

    def plan(self, membership: Membership, name: str) -> list[tuple]:
        rng = self.rng(name, "mood")
        # Each person has their own usual mood; most weeks stay near it.
        usual = rng.uniform(3.4, 4.5)
        zone = membership.user.zone()
        start = max(membership.joined_at, self.now - timedelta(weeks=WEEKS_OF_MOODS))
        plan, week_start = [], start
        while week_start < self.now:
            for _ in range(rng.randint(1, 3)):
                at = week_start + timedelta(days=rng.uniform(0, 7))
                at = at.astimezone(zone).replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59))
                if start < at < self.now:
                    score = min(5, max(2, round(rng.gauss(usual, 0.6))))
                    word = rng.choice(MOOD_WORDS[score]) if rng.random() < 0.5 else ""
                    plan.append((at, score, word, False))
            week_start += timedelta(weeks=1)
        plan.sort()
        # Only Liam's story is a falling one: lift a chance dip at the end back to usual.
        while mood_trend([score for _, score, _, _ in plan]).is_falling:
            low = min(range(len(plan) - 3, len(plan)), key=lambda i: plan[i][1])
            at, score, word, wants_help = plan[low]
            plan[low] = (at, score + 1, word if score + 1 > 3 else "", wants_help)
        if name == "learner" and len(plan) > 3:
            # Sam had a rough night shift once, asked for help, and Tomás followed up.
            at, _, _, _ = plan[len(plan) // 2]
            plan[len(plan) // 2] = (at, 2, "exhausted", True)
        return plan
