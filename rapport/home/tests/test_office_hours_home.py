"""Office hours on the homes: a learner's next meeting at their own time, their open
invitations to talk and a way to book; the staff's meetings this week and those waiting
to be marked. Neither home grows in queries with the number of meetings."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from rapport.core.testing.queries import count_queries, grown
from rapport.groups.testing import learner_make
from rapport.officehours import selectors, services
from rapport.officehours.testing import member, office_hours_make

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"
NOW = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _book(cast, office_hours, learner, index=0):
    slot = selectors.slots_of(office_hours)[index]
    return services.booking_make(
        office_hours=office_hours,
        member=cast.course.memberships.get(user=learner),
        choice=services.Choice(slot.starts_at),
    )


def test_a_learner_sees_no_office_hours_card_while_nobody_takes_bookings(cast, client_for):
    assert "Book office hours" not in client_for("learner").get(HOME).text


def test_a_learner_sees_their_next_meeting_at_their_time_invitations_and_a_way_to_book(
    cast, client_for
):
    cast.learner.timezone = "Asia/Tokyo"
    cast.learner.save(update_fields=["timezone"])
    office_hours = office_hours_make(cast)
    booking = _book(cast, office_hours, cast.learner)  # 9:00 UTC: 6 PM in Tokyo
    invite = services.invite_send(
        office_hours=office_hours_make(cast, by="ta"),
        member=member(cast, "ta"),
        learner=member(cast, "learner"),
        starts=[selectors.slots_of(office_hours)[4].starts_at],
    )
    page = client_for("learner").get(HOME).text
    assert "Your next meeting" in page and booking.get_absolute_url() in page
    assert "Mon 15 Mar, 6:00" in page and "Asia/Tokyo" in page
    assert (
        f"/c/env-sci/office-hours/invites/{invite.pk}/" in page and "Ta</span> would like" in page
    )
    assert "Book office hours" in page
    other = client_for("other_learner").get(HOME).text
    assert booking.get_absolute_url() not in other and "would like to talk" not in other


def test_staff_see_this_weeks_meetings_and_those_to_mark(cast, client_for):
    office_hours = office_hours_make(cast)
    past = _book(cast, office_hours, cast.other_learner)
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        coming = _book(cast, office_hours, cast.learner)
        page = client_for("ta").get(HOME).text
    assert "Office hours this week" in page
    assert coming.get_absolute_url() in page and "Learner with Instructor" in page
    assert "Did you meet?" in page and f"{past.get_absolute_url()}" in page
    assert "Set up office hours" in page  # the TA has none yet
    assert "My office hours" in client_for("instructor").get(HOME).text


def _grow(cast, office_hours, n: int) -> None:
    """``n`` meetings yesterday, waiting to be marked, and ``n`` this week, each with
    another learner."""
    held = office_hours.bookings.count() // 2
    for i in range(held, n):
        with time_machine.travel(NOW - timedelta(days=1), tick=False):
            _book(cast, office_hours, learner_make(cast, f"past{i}"))
        _book(cast, office_hours, learner_make(cast, f"coming{i}"))


def test_neither_home_grows_in_queries_with_the_meetings(cast, client_for):
    office_hours = office_hours_make(cast)
    _book(cast, office_hours, cast.learner)
    services.invite_send(
        office_hours=office_hours_make(cast, by="ta"),
        member=member(cast, "ta"),
        learner=member(cast, "learner"),
        starts=[selectors.slots_of(office_hours)[3].starts_at],
    )

    def counts():
        return [
            count_queries(client_for("instructor"), HOME),
            count_queries(client_for("learner"), HOME),
        ]

    _grow(cast, office_hours, 2)
    small = counts()
    _grow(cast, office_hours, 12)
    large = counts()
    assert not grown(["staff home", "learner home"], small, large)
    shown = client_for("instructor").get(HOME).context["home"].office_hours
    assert len(shown.to_mark) == 5 and shown.more_to_mark
