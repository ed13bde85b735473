"""Making reflections and moods for tests: through the services where the story matters,
in bulk where only the size does (query-count guards)."""

from datetime import datetime, timedelta

from django.utils import timezone

from rapport.community.checkins import services
from rapport.community.models.checkins import (
    MoodCheckin,
    ReflectionAnswer,
    ReflectionPrompt,
    ReflectionReply,
)
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory

# What cast.learner wrote, so privacy tests can look for it anywhere a peer can reach.
SECRET_WORD = "xyzzy-sad"
SECRET_REFLECTION = "My secret plover reflection"


def prompt_open(cast, *, text: str = "What surprised you this week?", **kwargs):
    return services.reflection_prompt_create(
        course=cast.course, author=cast.instructor, text=text, **kwargs
    )


def learners_private_things(cast) -> dict:
    """cast.learner's answer to an open prompt (with a staff reply), and a mood check-in
    with a word and an open help request."""
    prompt = prompt_open(cast)
    answer, _ = services.reflection_answer_save(
        prompt=prompt, learner=cast.learner, text=SECRET_REFLECTION
    )
    services.reflection_reply_add(answer=answer, author=cast.ta, text="Thank you for this")
    checkin = services.mood_record(
        course=cast.course, learner=cast.learner, score=2, word=SECRET_WORD, wants_help=True
    )
    return {"prompt": prompt, "answer": answer, "checkin": checkin}


def add_learners(course, count: int) -> list:
    people = []
    for index in range(count):
        user = UserFactory(
            photo_thumb=f"profiles/{index}/thumb-20270101.jpg" if index % 2 else "",
            photo="profiles/p.jpg" if index % 2 else "",
        )
        MembershipFactory(course=course, user=user, role=Role.LEARNER)
        people.append(user)
    return people


def bulk_moods(course, learners, *, per_learner: int, start: datetime | None = None) -> None:
    """``per_learner`` check-ins for each learner, a day apart, every third asking for help."""
    start = start or timezone.now() - timedelta(days=per_learner + 1)
    rows = [
        MoodCheckin(
            course=course,
            learner=learner,
            score=1 + (index + day) % 5,
            word=f"word {day}",
            wants_help=(index + day) % 3 == 0,
            created_at=start + timedelta(days=day, minutes=index),
        )
        for index, learner in enumerate(learners)
        for day in range(per_learner)
    ]
    MoodCheckin.objects.bulk_create(rows, batch_size=500)


def bulk_answers(prompt: ReflectionPrompt, learners, *, replies_from=None) -> None:
    answers = ReflectionAnswer.objects.bulk_create(
        [
            ReflectionAnswer(prompt=prompt, learner=learner, text=f"**Answer** {index}")
            for index, learner in enumerate(learners)
        ],
        batch_size=500,
    )
    if replies_from is not None:
        ReflectionReply.objects.bulk_create(
            [ReflectionReply(answer=a, author=replies_from, text="Thanks!") for a in answers],
            batch_size=500,
        )
