"""The learner's course home puts people first: their teachers' latest check-in (playable
in place), unread notes, what waits for them, shout-outs, classmates' news and picks, the
mood check-in near the top, and a few classmates' faces further down."""

import pytest
from django.urls import reverse

from rapport.community.checkins.testing import prompt_open
from rapport.community.rituals.testing import ritual_make, round_open
from rapport.community.shoutouts import services as shoutouts
from rapport.courses.models import Membership, Role
from rapport.knowing.recommend.services import recommendation_send
from rapport.knowing.recommend.testing import resource_make
from rapport.media.models import MediaKind
from rapport.media.testing import media_item_ready
from rapport.presence import services as presence
from rapport.presence.models import Tone
from rapport.presence.tests.helpers import add_learners
from rapport.surveys.services.building import intro_survey_create, survey_publish

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def test_learner_home_starts_with_their_teachers_latest_checkin_playable_in_place(cast, client_for):
    media = media_item_ready(course=cast.course, owner=cast.instructor, kind=MediaKind.VIDEO)
    presence.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Week 3: wetlands",
        body="",
        media_id=media.public_id,
    )
    response = client_for("learner").get(HOME)
    assert response.status_code == 200
    assert response.templates[0].name == "home/learner.html"
    content = response.content.decode()
    assert response.context["home"].latest_checkin.title == "Week 3: wetlands"
    teachers = content.index("From your teachers")
    assert teachers < content.index("How are you today?") < content.index("Your classmates")
    assert "<video" in content[teachers:]
    assert "data-watch-url" in content


def test_unread_notes_show_until_opened(cast, client_for):
    note = presence.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you",
    )
    client = client_for("learner")
    assert client.get(HOME).context["home"].unread == [note]
    assert client_for("other_learner").get(HOME).context["home"].unread == []
    presence.message_open(message=note, user=cast.learner)
    assert client_for("learner").get(HOME).context["home"].unread == []


def test_waiting_for_you_lists_the_open_survey_ritual_round_and_reflection(cast, client_for):
    survey = survey_publish(
        survey=intro_survey_create(course=cast.course, author=cast.instructor),
        actor=cast.instructor,
    )
    ritual = ritual_make(course=cast.course, author=cast.instructor)
    round_open(ritual, actor=cast.instructor)
    prompt = prompt_open(cast)
    response = client_for("learner").get(HOME)
    waiting = response.context["home"].waiting
    assert waiting.surveys == [survey]
    assert [r.pk for r in waiting.rituals] == [ritual.pk]
    assert waiting.reflections == [prompt]
    content = response.content.decode()
    assert reverse("surveys:answer", args=[cast.course.slug, survey.pk]) in content
    assert reverse("community:reflection_prompt", args=[cast.course.slug, prompt.pk]) in content


def test_shoutouts_and_picks_for_me_are_mine_only(cast, client_for):
    shoutouts.shoutout_tags_ensure(course=cast.course)
    shoutouts.shoutout_give(
        course=cast.course,
        giver=cast.other_learner,
        receiver_ids=[cast.learner.pk],
        tag_id=cast.course.shoutout_tags.first().pk,
        message="You explained wetlands so well",
    )
    resource = resource_make(cast.course, creator=cast.instructor)
    recommendation_send(
        course=cast.course, resource=resource, learner=cast.learner, sender=cast.instructor
    )
    mine = client_for("learner").get(HOME)
    assert len(mine.context["home"].shoutouts) == 1
    assert [pick.resource for pick in mine.context["home"].picks] == [resource]
    theirs = client_for("other_learner").get(HOME).context["home"]
    assert theirs.shoutouts == [] and theirs.picks == []


def test_classmates_are_a_few_faces_and_a_link_to_everyone(cast, client_for):
    add_learners(cast.course, 12)
    response = client_for("learner").get(HOME)
    home = response.context["home"]
    assert len(home.classmates) == 8 and home.classmate_count == 13
    assert cast.learner not in [m.user for m in home.classmates]
    everyone = Membership.objects.filter(course=cast.course, role=Role.LEARNER).exclude(
        user=cast.learner
    )
    first_eight = sorted(m.user.display_name.casefold() for m in everyone)[:8]
    assert [m.user.display_name.casefold() for m in home.classmates] == first_eight
    assert [m.user for m in home.staff] == [cast.instructor, cast.ta]
    content = response.content.decode()
    assert "See everyone (13 classmates)" in content
    assert reverse("courses:people", args=[cast.course.slug]) in content


def test_learner_gets_a_profile_nudge_until_their_profile_is_complete(cast, client_for):
    assert "Finish my profile" in client_for("learner").get(HOME).content.decode()
    cast.learner.about = "I like rivers."
    cast.learner.photo = "profiles/x/photo.jpg"
    cast.learner.save()
    assert "Finish my profile" not in client_for("learner").get(HOME).content.decode()


def test_learners_see_no_join_link_and_no_reach_out_list(cast, client_for):
    content = client_for("learner").get(HOME).content.decode()
    assert cast.course.join_code not in content
    assert "Reach out this week" not in content


def test_visiting_the_home_is_remembered_on_the_membership(cast, client_for):
    client_for("learner").get(HOME)
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    assert membership.last_visited_at is not None


@pytest.mark.parametrize("role,status", [("outsider", 404), ("anonymous", 302)])
def test_non_members_and_signed_out_visitors_do_not_get_the_home(cast, client_for, role, status):
    response = client_for(role).get(HOME)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
