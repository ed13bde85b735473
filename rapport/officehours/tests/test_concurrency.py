"""Two learners taking one slot at the same instant, on PostgreSQL with real concurrent
connections: the lock on the host makes one booking and tells the other the time is gone,
and the database's own constraint refuses a second active booking of a seat even when
nothing in Python checks first."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from rapport.core.refusals import Refused
from rapport.officehours import selectors, services
from rapport.officehours.models import Booking
from rapport.officehours.testing import member, office_hours_make

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs concurrent connections to one database (PostgreSQL).",
    ),
]
NOW = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # a Monday


def _run_together(*work):
    """Run each callable in its own thread, released at the same instant; returns what
    each returned or raised, in order."""
    barrier = threading.Barrier(len(work))
    results: list = [None] * len(work)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_two_learners_booking_one_slot_at_once_make_exactly_one_booking(cast):
    office_hours = office_hours_make(cast, per_learner_limit=3)
    start = selectors.slots_of(office_hours, now=NOW)[0].starts_at
    learner, other = member(cast, "learner"), member(cast, "other_learner")
    # Everything the threads read lazily is loaded here, once.
    office_hours = (
        type(office_hours).objects.select_related("host", "course").get(pk=office_hours.pk)
    )

    def book(who):
        return lambda: services.booking_make(
            office_hours=office_hours, member=who, choice=services.Choice(start), now=NOW
        )

    results = _run_together(book(learner), book(other))

    made = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].code in ("gone", "taken")
    assert Booking.objects.count() == 1
    only = Booking.objects.get()
    assert (only.starts_at, only.seat, only.learner_id) == (start, 1, made[0].learner_id)


def test_the_database_alone_refuses_a_second_booking_of_one_seat(cast):
    office_hours = office_hours_make(cast)
    start = datetime(2027, 3, 16, 9, 0, tzinfo=UTC)

    def insert(learner):
        def job():
            with transaction.atomic():
                return Booking.objects.create(
                    office_hours_id=office_hours.pk,
                    course_id=cast.course.pk,
                    host_id=cast.instructor.pk,
                    learner_id=learner.pk,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=20),
                    seat=1,
                )

        return job

    results = _run_together(insert(cast.learner), insert(cast.other_learner))

    assert sum(isinstance(r, Booking) for r in results) == 1, results
    assert sum(isinstance(r, IntegrityError) for r in results) == 1, results
    assert Booking.objects.filter(starts_at=start).count() == 1
