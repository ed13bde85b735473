"""The rest of a term: check-ins and notes, groups, events, a live class, office hours,
resources and milestones, the intro survey, notifications."""

from datetime import time, timedelta

from busy_course.common import WORDS, bulk, refetch, text
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.events.models import Event, EventKind, Rsvp, RsvpStatus
from rapport.groups.models import Formation, Group, GroupMember, GroupSet, Round
from rapport.knowing.models.milestones import (
    Birthday,
    Celebration,
    ModuleMarker,
    ModuleMilestone,
    PersonalMilestone,
)
from rapport.knowing.models.notes import StaffNote
from rapport.knowing.models.resources import Recommendation, Resource
from rapport.live.models import Activity, LiveSession, Participant
from rapport.live.models import Answer as LiveAnswer
from rapport.officehours.models import Booking, OfficeHours, WeeklyWindow
from rapport.presence.models import Message, MessageKind, MessageView, Tone
from rapport.surveys import intro
from rapport.surveys.models import Answer, Participation, Response
from rapport.surveys.services import intro_survey_create


def presence_add(rng, course, teacher, learners, now, weeks=10) -> None:
    bulk(
        Message,
        (
            Message(
                course=course,
                author=teacher,
                kind=MessageKind.CHECKIN,
                title=f"Week {n + 1} check-in",
                body=text(rng, 60),
                release_at=now - timedelta(days=7 * (weeks - n)),
                released_at=now - timedelta(days=7 * (weeks - n)),
            )
            for n in range(weeks)
        ),
    )
    checkins = refetch(Message, course=course, kind=MessageKind.CHECKIN)
    bulk(
        MessageView,
        (
            MessageView(message=message, user=learner, opened_at=now, completed_at=now)
            for message in checkins
            for learner in learners
            if rng.random() < 0.7
        ),
    )
    bulk(
        Message,
        (
            Message(
                course=course,
                author=teacher,
                recipient=learner,
                kind=kind,
                tone=Tone.THINKING_OF_YOU if kind == MessageKind.NOTE else "",
                title="" if kind == MessageKind.NOTE else "Essay 1",
                body=text(rng, 30),
                released_at=now - timedelta(days=rng.randrange(60)),
            )
            for learner in learners
            for kind in (MessageKind.NOTE, MessageKind.FEEDBACK)
        ),
    )


def groups_add(course, teacher, learners, now, size=4) -> None:
    group_set = GroupSet.objects.create(
        course=course,
        title="Study groups",
        group_size=size,
        status=Formation.READY,
        created_by=teacher,
        formed_at=now,
    )
    round_ = Round.objects.create(
        group_set=group_set, number=1, starts_at=now - timedelta(days=7), published_at=now
    )
    count = len(learners) // size
    bulk(Group, (Group(round=round_, course=course, number=n + 1) for n in range(count)))
    groups = refetch(Group, round=round_)
    bulk(
        GroupMember,
        (
            GroupMember(group=groups[n % count], round=round_, user=learner)
            for n, learner in enumerate(learners)
        ),
    )


def events_add(rng, course, teacher, learners, now, count=12) -> None:
    bulk(
        Event,
        (
            Event(
                course=course,
                kind=rng.choice(EventKind.values),
                title=f"Event {n}: {text(rng, 3)}",
                description=text(rng, 30),
                starts_at=now + timedelta(days=n - count // 2, hours=1),
                ends_at=now + timedelta(days=n - count // 2, hours=2),
                timezone="America/Chicago",
                created_by=teacher,
            )
            for n in range(count)
        ),
    )
    bulk(
        Rsvp,
        (
            Rsvp(
                event=event,
                user=learner,
                status=RsvpStatus.GOING if rng.random() < 0.7 else RsvpStatus.NOT_GOING,
            )
            for event in refetch(Event, course=course)
            for learner in learners
            if rng.random() < 0.6
        ),
    )


def live_add(rng, course, teacher, learners, now) -> None:
    session = LiveSession.objects.create(
        course=course,
        title="Week 5 class",
        created_by=teacher,
        join_code=f"B{course.pk:05d}",
        code_expires_at=now + timedelta(hours=2),
        opened_at=now - timedelta(minutes=20),
    )
    activity = Activity.objects.create(
        session=session, position=0, kind="word", prompt="One word for today?"
    )
    session.current_activity = activity
    session.save(update_fields=["current_activity"])
    bulk(Participant, (Participant(session=session, user=learner) for learner in learners))
    bulk(
        LiveAnswer,
        (
            LiveAnswer(
                activity=activity,
                participant=participant,
                respondent=f"u{participant.user_id}",
                text=rng.choice(WORDS),
            )
            for participant in refetch(Participant, session=session)
        ),
    )


def office_hours_add(rng, course, teacher, learners, now) -> None:
    hours = OfficeHours.objects.create(course=course, host=teacher, timezone="America/Chicago")
    bulk(
        WeeklyWindow,
        (
            WeeklyWindow(office_hours=hours, weekday=d, starts=time(9), ends=time(17))
            for d in range(5)
        ),
    )
    bulk(
        Booking,
        (
            Booking(
                office_hours=hours,
                course=course,
                host=teacher,
                learner=learner,
                starts_at=now + timedelta(minutes=25 * n - 2000),
                ends_at=now + timedelta(minutes=25 * n - 1980),
                status="booked" if n > 80 else rng.choice(("attended", "no_show", "cancelled")),
                answer=text(rng, 10),
            )
            for n, learner in enumerate(learners[:300])
        ),
    )


def knowing_add(rng, course, teacher, learners, now) -> None:
    bulk(
        Resource,
        (
            Resource(
                course=course,
                title=f"Resource {n}: {text(rng, 3)}",
                url=f"https://example.test/resource/{n}",
                description=text(rng, 25),
                tags=" ".join(rng.sample(WORDS, 3)),
                created_by=teacher,
            )
            for n in range(80)
        ),
    )
    resources = refetch(Resource, course=course)
    bulk(
        Recommendation,
        (
            Recommendation(course=course, resource=resource, learner=learner, sender=teacher)
            for learner in learners
            for resource in rng.sample(resources, 2)
        ),
    )
    bulk(
        PersonalMilestone,
        (
            PersonalMilestone(
                course=course,
                user=learner,
                text=text(rng, 6),
                happened_on=(now - timedelta(days=rng.randrange(30))).date(),
                visibility=rng.choice(("staff", "class")),
                shared_at=now,
            )
            for learner in learners
            if rng.random() < 0.5
        ),
    )
    today = now.date()
    bulk(
        Birthday,
        (
            Birthday(
                user=learner,
                month=(today + timedelta(days=n % 60)).month,
                day=min((today + timedelta(days=n % 60)).day, 28),
                shared_at=now,
            )
            for n, learner in enumerate(learners)
            if n % 2 == 0
        ),
    )
    marker = ModuleMarker.objects.create(course=course, title="Module 3", marked_by=teacher)
    bulk(ModuleMilestone, (ModuleMilestone(marker=marker, learner=learner) for learner in learners))
    bulk(
        Celebration,
        (
            Celebration(
                course=course,
                learner=learner,
                occasion=f"module:{marker.pk}",
                celebrated_by=teacher,
            )
            for learner in learners[::3]
        ),
    )
    bulk(
        StaffNote,
        (
            StaffNote(course=course, learner=learner, author=teacher, body=text(rng, 20))
            for learner in learners
            if rng.random() < 0.6
        ),
    )


def survey_add(rng, course, teacher, learners, now) -> None:
    survey = intro_survey_create(course=course, author=teacher)
    survey.published_at = now - timedelta(days=60)
    survey.save(update_fields=["published_at"])
    questions = {q.key: q for q in survey.questions.all()}
    answering = [learner for learner in learners if rng.random() < 0.8]
    bulk(
        Response,
        (
            Response(survey=survey, respondent=learner, submitted_at=now - timedelta(days=50))
            for learner in answering
        ),
    )
    responses = refetch(Response, survey=survey)
    values = {
        intro.GOALS: lambda: text(rng, 12),
        intro.INTERESTS: lambda: rng.sample(["hiking", "photography", "music", "games"], 2),
        intro.CHANNEL: lambda: "Email",
        intro.FEEDBACK_STYLE: lambda: ["Gentle", "Written"],
        intro.BEST_TIMES: lambda: [[rng.randrange(7), 1080, 1200]],
        intro.IN_THE_WAY: lambda: text(rng, 6),
    }
    bulk(
        Answer,
        (
            Answer(response=response, question=questions[key], value=make())
            for response in responses
            for key, make in values.items()
            if key in questions
        ),
    )
    bulk(
        Participation,
        (
            Participation(
                survey=survey,
                user_id=response.respondent_id,
                response=response,
                submitted_at=response.submitted_at,
            )
            for response in responses
        ),
    )


def notifications_add(rng, course, teacher, learners, now) -> None:
    bulk(
        Notification,
        (
            Notification(
                recipient=recipient,
                course=course,
                actor=rng.choice(learners),
                kind=NotificationKind.MEMBER_JOINED,
                title=text(rng, 6),
                url=f"/c/{course.slug}/",
            )
            for recipient in [teacher, learners[0]]
            for _ in range(300)
        ),
    )
