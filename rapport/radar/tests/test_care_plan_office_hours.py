"""The care plan offers office-hours times to each learner to reach out to, when the
staff member reading it has office hours taking bookings."""

import datetime as dt

import pytest
from django.urls import reverse

from rapport.core.kinds import TouchpointKind as K
from rapport.core.touchpoints import record
from rapport.officehours.testing import office_hours_make

pytestmark = pytest.mark.django_db


def test_the_care_plan_offers_office_hours_slots_only_with_open_office_hours(cast, client):
    record(
        course=cast.course,
        kind=K.HELP_REQUESTED,
        actor=cast.learner,
        subject=cast.learner,
        occurred_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
    )
    page_url = reverse("radar:care_plan", kwargs={"course_slug": cast.course.slug})
    offer = reverse(
        "officehours:invite_new",
        kwargs={"course_slug": cast.course.slug, "user_id": cast.learner.pk},
    )
    client.force_login(cast.ta)
    assert "Offer office-hours slots" not in client.get(page_url).text
    office_hours_make(cast, by="instructor")  # someone else's hours don't count
    assert "Offer office-hours slots" not in client.get(page_url).text
    office_hours_make(cast, by="ta")
    page = client.get(page_url).text
    assert "Offer office-hours slots" in page and offer in page
