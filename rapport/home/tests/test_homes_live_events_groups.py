"""Both homes show the class's live session while it runs (a way in for learners, the
controls and the shared screen for staff), the next social events at the reader's own time
with their answer, and the groups: a learner's own partners, the staff's group sets."""

import pytest
from django.utils import timezone

from rapport.events import services as events
from rapport.events.models import RsvpStatus
from rapport.events.testing import event_make
from rapport.events.testing import member as event_member
from rapport.groups.testing import group_make
from rapport.live import services as live
from rapport.live.testing import member as live_member
from rapport.live.testing import session_make

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def test_a_running_live_session_is_a_way_in_for_learners_and_controls_for_staff(cast, client_for):
    session = session_make(cast)
    learner_page = client_for("learner").get(HOME).content.decode()
    assert "Live now" in learner_page
    assert f"/c/env-sci/live/{session.pk}/" in learner_page
    assert learner_page.index("Live now") < learner_page.index("From your teachers")
    staff_page = client_for("instructor").get(HOME).content.decode()
    assert f"/c/env-sci/live/{session.pk}/host/" in staff_page
    assert f"/c/env-sci/live/{session.pk}/screen/" in staff_page

    live.session_close(session=session, member=live_member(cast.instructor, cast.course))
    assert "Live now" not in client_for("learner").get(HOME).content.decode()
    assert "Live now" not in client_for("instructor").get(HOME).content.decode()


def test_the_next_events_show_at_the_readers_time_with_their_answer(cast, client_for):
    cast.learner.timezone = "Asia/Tokyo"
    cast.learner.save(update_fields=["timezone"])
    coming = event_make(cast, title="Coffee chat", in_hours=30)
    unanswered = event_make(cast, title="Game night", in_hours=50)
    events.rsvp_set(event=coming, member=event_member(cast, "learner"), status=RsvpStatus.GOING)
    response = client_for("learner").get(HOME)
    page = response.content.decode()
    shown = {e.title: e.my_status for e in response.context["home"].events}
    assert shown == {"Coffee chat": RsvpStatus.GOING, "Game night": ""}
    assert "You're going" in page and "Are you coming?" in page
    local = timezone.localtime(unanswered.starts_at, timezone=cast.learner.zone())
    assert f"{local:%a} {local.day} {local:%b}" in page and "(Asia/Tokyo)" in page

    staff = client_for("instructor").get(HOME)
    assert [e.title for e in staff.context["home"].events] == ["Coffee chat", "Game night"]
    assert "Plan a coffee chat or Fun Friday" in staff.content.decode()


def test_a_learner_sees_their_partners_and_staff_see_the_group_sets(cast, client_for):
    group = group_make(cast)
    page = client_for("learner").get(HOME).content.decode()
    assert "Your group" in page
    assert f"/c/env-sci/groups/g/{group.pk}/" in page
    assert cast.other_learner.display_name in page[page.index("Your group") :]

    staff = client_for("instructor").get(HOME).content.decode()
    assert "Weekly partners" in staff and "1 of 1 round published" in staff


def test_nothing_planned_says_so_and_offers_the_next_step(cast, client_for):
    staff = client_for("instructor").get(HOME).content.decode()
    assert "No social event planned yet." in staff
    assert "Start a live session" in staff and "Pair learners up" in staff
    assert "Your group" not in client_for("learner").get(HOME).content.decode()
