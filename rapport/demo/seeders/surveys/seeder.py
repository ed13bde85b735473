"""Sends ``script`` through the surveys' services, dated in the past: the "Getting to know
you" survey published when the course started and answered by every learner a little
after they joined, and an anonymous "How's the pace?" opened two days ago."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.demo.people import DEMO_DOMAIN
from rapport.demo.seeders.surveys.script import (
    INTRO,
    PACE_ANSWERS,
    PACE_HELPS,
    PACE_HOURS,
    PACE_INTRO,
    PACE_TITLE,
    PULSE_DRIFTING,
    PULSE_EVERY_WEEKS,
    PULSE_ROUNDS_WEEKS_AGO,
    PULSE_SKIPS_ONE_IN,
    PULSE_USUAL,
    IntroAnswer,
)
from rapport.surveys import availability, pulse, services
from rapport.surveys import intro as keys
from rapport.surveys.models import Participation, QuestionType, Survey, SurveyKind
from rapport.surveys.services.common import answer_url

# The demo's intro survey started on the course's first morning.
INTRO_OPENED_AT = time(9)
PACE_OPENED_DAYS_AGO = 2
PACE_CLOSES_IN_DAYS = 5


def seed_surveys(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing in ``course``; returns how many things were added."""
    seeder = _Seeder(course=course, users=users, now=now)
    seeder.intro()
    seeder.pace()
    seeder.pulse()
    return seeder.added


class _Seeder:
    def __init__(self, *, course: Course, users: dict, now: datetime):
        self.course, self.users, self.now = course, users, now
        self.instructor = users[f"instructor@{DEMO_DOMAIN}"]
        self.added = 0
        self.learners = list(
            Membership.objects.filter(
                course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
            )
            .select_related("user")
            .order_by("user__email")
        )

    def local(self, days_ago: float, at: time) -> datetime:
        day = (self.now - timedelta(days=days_ago)).astimezone(self.course.zone()).date()
        return datetime.combine(day, at, tzinfo=self.course.zone())

    def sent(self, survey: Survey) -> set[int]:
        return set(
            Participation.objects.filter(survey=survey, submitted_at__isnull=False).values_list(
                "user_id", flat=True
            )
        )

    # --- Getting to know you ----------------------------------------------------------------

    def intro(self) -> None:
        survey = Survey.objects.filter(course=self.course, kind=SurveyKind.INTRO).first()
        if survey is None:
            started = self.course.starts_on or timezone.localdate(self.now)
            opened = datetime.combine(started, INTRO_OPENED_AT, tzinfo=self.course.zone())
            survey = services.intro_survey_create(
                course=self.course, author=self.instructor, now=opened - timedelta(days=2)
            )
            survey.reminder_every_days = 3
            survey.save(update_fields=["reminder_every_days"])
            self.publish(survey, opened, read_by=lambda learner: True)
            self.added += 1
        questions = {q.key: q.pk for q in survey.questions.all()}
        done = self.sent(survey)
        for membership in self.learners:
            learner = membership.user
            script = INTRO.get(learner.email.split("@")[0])
            if script is None or learner.pk in done:
                continue
            at = self.answered_at(membership, survey)
            values = self.intro_values(script, learner, at)
            services.answers_send(
                survey=survey,
                user=learner,
                values={questions[key]: value for key, value in values.items() if key in questions},
                now=at,
            )
            self.added += 1

    def answered_at(self, membership: Membership, survey: Survey) -> datetime:
        rng = random.Random(f"rapport-demo:intro:{membership.user.email}")
        after = max(membership.joined_at, survey.published_at)
        return min(after + timedelta(hours=rng.randint(2, 30)), self.now - timedelta(hours=1))

    def intro_values(self, script: IntroAnswer, learner, at: datetime) -> dict:
        cells = [
            (day, hour)
            for days, first, last in script.times
            for day in days
            for hour in range(first, last)
        ]
        channel = Channel(learner.preferred_channel).label
        return {
            keys.GOALS: script.goals,
            keys.INTERESTS: list(script.interests),
            keys.CHANNEL: str(channel),
            keys.FEEDBACK_STYLE: list(script.feedback),
            keys.BEST_TIMES: availability.cells_to_slots(cells, zone=learner.zone(), now=at),
            keys.HELPS_ME_LEARN: script.helps,
            keys.IN_THE_WAY: script.in_the_way,
            keys.PROUD_OF: script.proud_of,
            keys.NAME_SAY: script.name_say,
        }

    # --- How's the pace? --------------------------------------------------------------------

    def pace(self) -> None:
        survey = Survey.objects.filter(course=self.course, title=PACE_TITLE).first()
        answered = {name for name, *_ in PACE_ANSWERS}
        if survey is None:
            opened = self.local(PACE_OPENED_DAYS_AGO, time(10))
            survey = services.survey_create(
                course=self.course,
                author=self.instructor,
                title=PACE_TITLE,
                intro=PACE_INTRO,
                anonymous=True,
                closes_at=self.local(-PACE_CLOSES_IN_DAYS, time(17)),
                reminder_every_days=3,
                now=opened - timedelta(hours=1),
            )
            self.pace_questions(survey)
            self.publish(
                survey, opened, read_by=lambda learner: learner.email.split("@")[0] in answered
            )
            self.added += 1
        questions = list(survey.questions.order_by("position"))
        done = self.sent(survey)
        by_name = {m.user.email.split("@")[0]: m.user for m in self.learners}
        for index, (name, scale, hours, helps, words) in enumerate(PACE_ANSWERS):
            learner = by_name.get(name)
            if learner is None or learner.pk in done:
                continue
            at = min(survey.published_at + timedelta(hours=3 + 4 * index), self.now)
            answers = [scale, hours, list(helps), words]
            values = dict(zip([q.pk for q in questions], answers, strict=True))
            services.answers_send(survey=survey, user=learner, values=values, now=at)
            self.added += 1

    # --- the belonging pulse -----------------------------------------------------------------

    def pulse(self) -> None:
        """Three rounds, two weeks apart, the last one open; answered by most learners."""
        if Survey.objects.filter(course=self.course, kind=SurveyKind.PULSE).exists():
            return
        first, *later = (self.local(weeks * 7, time(8)) for weeks in PULSE_ROUNDS_WEEKS_AGO)
        schedule = services.pulse_schedule_save(
            course=self.course,
            actor=self.instructor,
            enabled=True,
            every_weeks=PULSE_EVERY_WEEKS,
            now=first,
        )
        rounds = [Survey.objects.get(course=self.course, kind=SurveyKind.PULSE)]
        rounds += [services.pulse_round_open(schedule=schedule, now=opened) for opened in later]
        for number, survey in enumerate(rounds):
            self.tell(survey, survey.opens_at, read_by=lambda learner: True)
            questions = {q.key: q.pk for q in survey.questions.all()}
            for membership in self.learners:
                scores = self.pulse_scores(membership.user, number)
                rng = random.Random(f"rapport-demo:pulse:{number}:{membership.user.email}")
                start = max(survey.opens_at, membership.joined_at)
                at = start + timedelta(hours=rng.randint(2, 60))
                if scores is None or at >= min(survey.closes_at, self.now):
                    continue
                values = {
                    questions[key]: score for key, score in zip(pulse.KEYS, scores, strict=True)
                }
                services.answers_send(survey=survey, user=membership.user, values=values, now=at)
            self.added += 1

    def pulse_scores(self, learner, number: int) -> tuple[int, int, int] | None:
        name = learner.email.split("@")[0]
        if name in PULSE_DRIFTING:
            return PULSE_DRIFTING[name][number]
        rng = random.Random(f"rapport-demo:pulse-scores:{number}:{name}")
        if rng.randrange(PULSE_SKIPS_ONE_IN) == 0:
            return None
        return rng.choice(PULSE_USUAL)

    def pace_questions(self, survey: Survey) -> None:
        for kind, prompt, required, options in (
            (
                QuestionType.SCALE,
                "How is the pace of the course for you right now?",
                True,
                {"low": "Much too slow", "high": "Much too fast"},
            ),
            (
                QuestionType.SINGLE_CHOICE,
                "About how many hours a week are you spending on the course?",
                False,
                {"choices": PACE_HOURS},
            ),
            (
                QuestionType.MULTIPLE_CHOICE,
                "What's helping you most?",
                False,
                {"choices": PACE_HELPS},
            ),
            (
                QuestionType.LONG_TEXT,
                "What's one thing that would make the next few weeks work better for you?",
                False,
                {},
            ),
        ):
            services.question_create(
                survey=survey,
                actor=self.instructor,
                type=kind,
                prompt=prompt,
                required=required,
                options=options,
            )

    # --- publishing, dated -------------------------------------------------------------------

    def publish(self, survey: Survey, opened: datetime, *, read_by) -> None:
        """Publish and tell every learner then (``tell``)."""
        services.survey_publish(survey=survey, actor=self.instructor, now=opened)
        self.tell(survey, opened, read_by=read_by)

    def tell(self, survey: Survey, opened: datetime, *, read_by) -> None:
        """Tell every learner of a published survey at ``opened`` — rather than from the
        queue, so the notifications can be dated; the queued announcement then finds
        everyone told."""
        started = timezone.now()
        services.survey_nudge(survey=survey, now=opened)
        joined = {m.user_id: m.joined_at for m in self.learners}
        told = Notification.objects.filter(
            kind=NotificationKind.SURVEY_OPEN, url=answer_url(survey), created_at__gte=started
        ).select_related("recipient")
        for notification in told:
            learner = notification.recipient
            at = max(opened, joined.get(learner.pk, opened) + timedelta(minutes=50))
            read = read_by(learner) and at < self.now
            Notification.objects.filter(pk=notification.pk).update(
                created_at=at,
                read_at=at if read else None,
                # Emailed then, so the demo sends no stale email.
                emailed_at=at if learner.preferred_channel == Channel.EMAIL else None,
            )
            Participation.objects.filter(survey=survey, user=learner).update(reminded_at=at)
