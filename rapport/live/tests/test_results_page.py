"""A session's results stay on a page of their own: the teaching team sees every activity's
results and, for a named one, who said what; a learner sees what was shown to the class,
never who said what; an anonymous activity names nobody, to anyone."""

import pytest
from django.urls import reverse

from rapport.live import services
from rapport.live.models import ActivityKind
from rapport.live.testing import activity_make, member, session_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    """A finished session: a named word check-in (shown to the class) and an anonymous
    poll (never shown), each answered by both learners."""
    session = session_make(cast)
    word = activity_make(cast, session)
    poll = activity_make(cast, session, kind=ActivityKind.POLL, prompt="Pace?", anonymous=True)
    host = member(cast.instructor, cast.course)
    people = [
        services.participant_for_member(session=session, user=user)
        for user in (cast.learner, cast.other_learner)
    ]
    services.activity_reveal(activity=word, member=host, visible=True)
    for participant, value in zip(people, ("Hopeful", "busy"), strict=True):
        services.answer_give(activity=word, participant=participant, value=value)
    services.activity_go(session=session, member=host, to="next")
    for participant, value in zip(people, ("Too fast", "About right"), strict=True):
        services.answer_give(activity=poll, participant=participant, value=value)
    services.session_close(session=session, member=host)
    return session


def _page(client, cast, session) -> str:
    url = reverse("live:session_results", args=[cast.course.slug, session.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_staff_see_every_result_and_who_said_what_in_a_named_activity(cast, client_for, held):
    page = _page(client_for("instructor"), cast, held)
    assert "One word for your week" in page and "Pace?" in page
    assert 'class="live-cloud__word live-cloud__word--' in page and ">hopeful<" in page
    assert "Too fast" in page and "1 (50%)" in page
    said = page[page.index("Who said what") :]
    assert f"{cast.learner.display_name}</strong>: hopeful" in said
    assert f"{cast.other_learner.display_name}</strong>: busy" in said
    assert said.count("Who said what") == 1  # the anonymous poll names nobody
    assert "Download as CSV" in page


def test_a_learner_sees_what_the_class_was_shown_and_no_names(cast, client_for, held):
    page = _page(client_for("learner"), cast, held)
    assert ">hopeful<" in page and ">busy<" in page
    assert "Too fast" not in page and "These results were not shown to the class." in page
    assert "Who said what" not in page and cast.other_learner.display_name not in page
    assert "Download as CSV" not in page


def test_the_past_sessions_list_and_the_ended_session_lead_to_the_results(cast, client_for, held):
    results = reverse("live:session_results", args=[cast.course.slug, held.pk])
    listing = client_for("learner").get(reverse("live:sessions", args=[cast.course.slug]))
    assert results in listing.content.decode()
    ended = client_for("learner").get(reverse("live:session", args=[cast.course.slug, held.pk]))
    assert results in ended.content.decode()
