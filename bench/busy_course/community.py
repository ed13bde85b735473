"""The community's pages: discussions, reflections and moods, shout-outs, rituals, walls."""

from datetime import time, timedelta

from busy_course.common import WORDS, bulk, refetch, text
from rapport.community.models.checkins import MoodCheckin, ReflectionAnswer, ReflectionPrompt
from rapport.community.models.discussions import Post, PostReaction, Topic
from rapport.community.models.rituals import Ritual, RitualPost, RitualReaction, RitualRound
from rapport.community.models.shoutouts import Shoutout, ShoutoutReceiver, ShoutoutTag
from rapport.community.shoutouts.services import shoutout_tags_ensure
from rapport.walls.models import Board, Card, CardComment, CardReaction


def discussions_add(rng, course, staff, learners, now, topics=60, replies=3000) -> None:
    people = staff + learners
    bulk(
        Topic,
        (
            Topic(
                course=course,
                author=rng.choice(people),
                title=f"Topic {n}: {text(rng, 4)}",
                created_at=now - timedelta(days=60 - n),
            )
            for n in range(topics)
        ),
    )
    made = refetch(Topic, course=course)
    bulk(
        Post,
        (
            Post(
                course=course,
                topic=topic,
                author=topic.author,
                body=text(rng, 40),
                created_at=topic.created_at,
            )
            for topic in made
        ),
    )
    openings = {post.topic_id: post for post in refetch(Post, course=course)}
    rows = []
    for n in range(replies):
        # Most replies go to the first few topics: a real course has a few busy threads.
        topic = made[min(int(rng.expovariate(1 / 6)), len(made) - 1)]
        rows.append(
            Post(
                course=course,
                topic=topic,
                parent=openings[topic.pk],
                depth=1,
                author=rng.choice(people),
                body=text(rng, 30),
                created_at=topic.created_at + timedelta(minutes=n),
            )
        )
    bulk(Post, rows)
    posts = refetch(Post, course=course)
    bulk(
        PostReaction,
        (
            PostReaction(post=post, user=rng.choice(learners), emoji="👍")
            for post in rng.sample(posts, len(posts) // 2)
        ),
    )


def checkins_add(rng, course, teacher, learners, now, prompts=8) -> None:
    bulk(
        ReflectionPrompt,
        (
            ReflectionPrompt(
                course=course,
                text=f"Week {n}: {text(rng, 10)}",
                opens_at=now - timedelta(days=7 * (prompts - n)),
                closes_at=now - timedelta(days=7 * (prompts - n) - 6),
                created_by=teacher,
            )
            for n in range(prompts)
        ),
    )
    bulk(
        ReflectionAnswer,
        (
            ReflectionAnswer(prompt=prompt, learner=learner, text=text(rng, 30))
            for prompt in refetch(ReflectionPrompt, course=course)
            for learner in learners
            if rng.random() < 0.7
        ),
    )
    bulk(
        MoodCheckin,
        (
            MoodCheckin(
                course=course,
                learner=learner,
                score=rng.randint(1, 5),
                word=rng.choice(WORDS),
                wants_help=rng.random() < 0.03,
                created_at=now - timedelta(hours=rng.randrange(70 * 24)),
            )
            for learner in learners
            for _ in range(10)
        ),
    )


def shoutouts_add(rng, course, staff, learners, now, count=1500) -> None:
    shoutout_tags_ensure(course=course)
    tags = list(ShoutoutTag.objects.filter(course=course))
    people = staff + learners
    bulk(
        Shoutout,
        (
            Shoutout(
                course=course,
                giver=rng.choice(people),
                tag=rng.choice(tags),
                message=text(rng, 15),
                visibility="class" if rng.random() < 0.8 else "private",
                created_at=now - timedelta(minutes=n * 40),
            )
            for n in range(count)
        ),
    )
    bulk(
        ShoutoutReceiver,
        (
            ShoutoutReceiver(shoutout=shoutout, user=user)
            for shoutout in refetch(Shoutout, course=course)
            for user in {rng.choice(learners) for _ in range(rng.randint(1, 3))}
        ),
    )


def rituals_add(rng, course, teacher, learners, now, weeks=10) -> None:
    ritual = Ritual.objects.create(
        course=course,
        title="Win of the Week",
        preset="win_of_the_week",
        prompts="What's one win from your week?",
        weekday=4,
        time_of_day=time(9, 0),
        created_by=teacher,
    )
    bulk(
        RitualRound,
        (
            RitualRound(
                ritual=ritual,
                number=n + 1,
                slot=now - timedelta(days=7 * (weeks - 1 - n)),
                opens_at=now - timedelta(days=7 * (weeks - 1 - n)),
                closes_at=now - timedelta(days=7 * (weeks - 1 - n) - 3),
                prompt="What's one win from your week?",
                notified_at=now,
            )
            for n in range(weeks)
        ),
    )
    bulk(
        RitualPost,
        (
            RitualPost(round=round_, author=learner, body=text(rng, 20))
            for round_ in refetch(RitualRound, ritual=ritual)
            for learner in learners
            if rng.random() < 0.6
        ),
    )
    posts = refetch(RitualPost, round__ritual=ritual)
    bulk(
        RitualReaction,
        (
            RitualReaction(post=post, user=rng.choice(learners), emoji="🎉")
            for post in posts
            if rng.random() < 0.5
        ),
    )


def walls_add(rng, course, teacher, learners, now) -> None:
    boards = [
        Board.objects.create(
            course=course, title="Say hello", layout="wall", is_intro=True, created_by=teacher
        ),
        Board.objects.create(
            course=course, title="Ideas for the field trip", layout="stream", created_by=teacher
        ),
        Board.objects.create(
            course=course, title="Questions before the exam", layout="stream", created_by=teacher
        ),
    ]
    rows = []
    for board in boards:
        for n, learner in enumerate(learners):
            if board.is_intro or rng.random() < 0.5:
                rows.append(
                    Card(
                        board=board,
                        author=learner,
                        body=text(rng, 18),
                        colour=rng.choice(("yellow", "blue", "green", "pink")),
                        x=n % 12,
                        y=(n // 12) % 40,
                        position=n,
                        approved_at=now,
                    )
                )
    bulk(Card, rows)
    cards = refetch(Card, board__course=course)
    bulk(
        CardReaction,
        (CardReaction(card=card, user=rng.choice(learners), emoji="❤️") for card in cards),
    )
    bulk(
        CardComment,
        (
            CardComment(card=card, author=rng.choice(learners), body=text(rng, 8))
            for card in cards
            if rng.random() < 0.3
        ),
    )
