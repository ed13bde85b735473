"""Every time on a ritual page is in the viewer's own zone and says so — the cadence, when
the open round closes, when the next one opens — so a learner in Oslo never has to add
seven hours to a Chicago course's clock, or guess which clock a time is on."""

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import strip_tags

from rapport.community.models.rituals import Featuring, Weekday
from rapport.community.rituals import services
from rapport.courses.models import Course

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
# Monday 30 November 2026, 10:00 in Chicago (17:00 in Oslo): this week's round is open.
MONDAY_MORNING = datetime(2026, 11, 30, 10, 0, tzinfo=CHICAGO)


@pytest.fixture
def oslo_learner(cast):
    Course.objects.filter(pk=cast.course.pk).update(timezone="America/Chicago")
    get_user_model().objects.filter(pk=cast.learner.pk).update(timezone="Europe/Oslo")
    return cast.learner


def ritual_on_mondays(cast, *, now):
    return services.ritual_create(
        course=Course.objects.get(pk=cast.course.pk),
        actor=cast.instructor,
        title="Win of the Week",
        prompts="What's one win from your week?",
        weekday=Weekday.MONDAY,
        time_of_day=time(9, 0),
        open_days=6,
        featuring=Featuring.STAFF,
        now=now,
    )


def words(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", strip_tags(main))


def test_the_open_round_and_the_cadence_are_in_the_viewers_zone_and_say_so(
    cast, client_for, oslo_learner
):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        ritual = ritual_on_mondays(cast, now=MONDAY_MORNING)
        services.ritual_open_now(ritual=ritual, actor=cast.instructor)
        client = client_for("learner")
        listing = words(client.get(reverse("community:rituals", args=["env-sci"])).text)
        current = words(client.get(reverse("community:ritual", args=["env-sci", ritual.pk])).text)
    assert "Mondays at 16:00 your time (Europe/Oslo), open 6 days" in listing
    assert "until Sunday 6 Dec, 16:00 your time (Europe/Oslo)" in listing
    assert "Open until Sunday 6 Dec, 16:00 your time (Europe/Oslo)" in current
    assert "America/Chicago" not in listing + current
    assert "9:00" not in listing + current


def test_between_rounds_the_next_opening_is_in_the_viewers_zone(cast, client_for, oslo_learner):
    sunday_evening = datetime(2026, 12, 6, 20, 0, tzinfo=CHICAGO)  # last round closed
    with time_machine.travel(MONDAY_MORNING, tick=False):
        ritual = ritual_on_mondays(cast, now=MONDAY_MORNING)
        services.ritual_open_now(ritual=ritual, actor=cast.instructor)
    with time_machine.travel(sunday_evening, tick=False):
        listing = words(
            client_for("learner").get(reverse("community:rituals", args=["env-sci"])).text
        )
    assert "Next round opens Monday 7 Dec, 16:00 your time (Europe/Oslo)." in listing


def test_before_the_first_round_the_page_says_when_it_opens_in_one_clean_sentence(
    cast, client_for, oslo_learner
):
    tuesday = datetime(2026, 12, 1, 12, 0, tzinfo=CHICAGO)
    with time_machine.travel(tuesday, tick=False):
        ritual = ritual_on_mondays(cast, now=tuesday)
        page = words(
            client_for("learner").get(reverse("community:ritual", args=["env-sci", ritual.pk])).text
        )
    assert "The first round opens on Monday 7 Dec at 16:00 your time (Europe/Oslo)." in page
    assert "Mondays at 16:00 your time (Europe/Oslo), open 6 days" in page
    assert "Every" not in page and " ." not in page
