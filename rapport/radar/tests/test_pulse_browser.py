"""The belonging pulse pages and the care plan in a real browser, with rounds answered:
WCAG 2.1 AA by axe-core (the chart included), and nothing wider than a phone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rapport.core.testing.browser import PHONE, browser, shoot, signed_in  # noqa: F401
from rapport.core.tests.test_accessibility_browser import DESKTOP, axe_violations
from rapport.surveys import pulse, services
from rapport.surveys.models import PulseSchedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pulse_answered(cast):
    """Three weekly rounds, answered by both learners (made before the browser starts)."""
    now = timezone.now()
    schedule = services.pulse_schedule_save(
        course=cast.course,
        actor=cast.instructor,
        enabled=True,
        every_weeks=1,
        now=now - timedelta(weeks=2),
    )
    schedule = PulseSchedule.objects.get(pk=schedule.pk)
    surveys = [schedule.course.surveys.get()]
    for weeks in (1, 0):
        surveys.append(
            services.pulse_round_open(schedule=schedule, now=now - timedelta(weeks=weeks))
        )
    scores = {cast.learner: [(5, 4, 4), (4, 3, 4), (3, 2, 3)], cast.other_learner: [(3, 3, 2)] * 3}
    for survey_index, survey in enumerate(surveys):
        by_key = {q.key: q.pk for q in survey.questions.all()}
        for learner, rounds in scores.items():
            services.answers_send(
                survey=survey,
                user=learner,
                values={
                    by_key[k]: v for k, v in zip(pulse.KEYS, rounds[survey_index], strict=True)
                },
                now=survey.opens_at + timedelta(hours=1),
            )
    return cast


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_pulse_and_care_plan_pages_are_accessible_and_fit_a_phone(
    pulse_answered,
    live_server,
    browser,  # noqa: F811
    viewport,
):
    cast = pulse_answered
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors, viewport=viewport)
    paths = {
        "pulse": reverse("radar:pulse", args=[cast.course.slug]),
        "pulse-learner": reverse("radar:pulse_learner", args=[cast.course.slug, cast.learner.pk]),
        "care-plan": reverse("radar:care_plan", args=[cast.course.slug]),
    }
    violations = []
    for name, path in paths.items():
        page.goto(live_server.url + path)
        if name.startswith("pulse"):
            assert page.locator("figure.chart svg[role=img]").count() == 1
        violations += axe_violations(page, path)
        if viewport is PHONE:
            shoot(page, f"radar-{name}-phone.png")
    assert not violations, "\n".join(violations)
    assert not errors, errors
