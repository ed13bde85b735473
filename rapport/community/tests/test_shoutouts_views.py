"""Shout-out pages as people use them: giving one without JavaScript, who sees which on the
wall, "for me" and by URL, the staff's tag page, user text rendered harmless, and query
counts that don't grow with the wall."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.community.models.settings import community_settings_for
from rapport.community.models.shoutouts import Shoutout, ShoutoutReceiver, ShoutoutTag
from rapport.community.rituals.testing import (
    XSS_PAYLOADS,
    assert_harmless,
    harmful_markup,
    learners_add,
)
from rapport.community.shoutouts import services
from rapport.community.shoutouts.selectors import latest_for_me

pytestmark = pytest.mark.django_db


def url(name, cast, **kwargs):
    return reverse(f"community:{name}", kwargs={"course_slug": cast.course.slug, **kwargs})


@pytest.fixture
def tags(cast) -> dict[str, ShoutoutTag]:
    services.shoutout_tags_ensure(course=cast.course)
    return {tag.label: tag for tag in ShoutoutTag.objects.filter(course=cast.course)}


def give(cast, tags, *, giver, to, private=False, message="Thank you!"):
    return services.shoutout_give(
        course=cast.course,
        giver=giver,
        receiver_ids=[person.pk for person in to],
        tag_id=tags["Kind"].pk,
        message=message,
        visibility="private" if private else "class",
    )


# --- giving -------------------------------------------------------------------------------


def test_the_give_page_preselects_the_person_named_in_to(cast, client_for):
    response = client_for("learner").get(url("shoutout_new", cast) + f"?to={cast.other_learner.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{cast.other_learner.pk}" checked' in html
    # Everyone else in the course is offered, with faces; never yourself.
    assert f'value="{cast.instructor.pk}"' in html and f'value="{cast.ta.pk}"' in html
    assert f'name="receivers" value="{cast.learner.pk}"' not in html
    assert "face" in html


def test_giving_a_shoutout_works_as_a_plain_form_post(cast, client_for, tags):
    client = client_for("learner")
    response = client.post(
        url("shoutout_new", cast),
        {
            "receivers": [cast.other_learner.pk, cast.ta.pk],
            "tag": tags["Brave"].pk,
            "message": "You asked the question **we all** had.",
            "visibility": "class",
        },
    )
    shoutout = Shoutout.objects.get()
    assert response.status_code == 302
    assert response["Location"] == shoutout.get_absolute_url()
    assert set(shoutout.receipts.values_list("user_id", flat=True)) == {
        cast.other_learner.pk,
        cast.ta.pk,
    }
    page = client.get(response["Location"]).content.decode()
    assert "<strong>we all</strong>" in page
    assert "Your shout-out is on its way" in page


def test_a_forged_receiver_id_gets_a_clear_message_and_saves_nothing(cast, client_for, tags):
    response = client_for("learner").post(
        url("shoutout_new", cast),
        {
            "receivers": [cast.other_learner.pk, cast.outsider.pk],
            "tag": tags["Kind"].pk,
            "message": "Hi",
            "visibility": "class",
        },
    )
    assert response.status_code == 200
    assert "Choose people from this course" in response.content.decode()
    assert not Shoutout.objects.exists()


def test_choosing_yourself_is_refused(cast, client_for, tags):
    response = client_for("learner").post(
        url("shoutout_new", cast),
        {"receivers": [cast.learner.pk], "tag": tags["Kind"].pk, "message": "Me!"},
    )
    assert response.status_code == 200
    assert not Shoutout.objects.exists()


def test_reaching_the_daily_limit_says_so_on_the_page(cast, client_for, tags):
    settings = community_settings_for(cast.course)
    settings.shoutout_daily_limit = 1
    settings.save()
    give(cast, tags, giver=cast.learner, to=[cast.other_learner])
    response = client_for("learner").post(
        url("shoutout_new", cast),
        {
            "receivers": [cast.other_learner.pk],
            "tag": tags["Kind"].pk,
            "message": "Again!",
            "visibility": "class",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 shout-out today" in html and "more tomorrow" in html
    assert Shoutout.objects.count() == 1


# --- who sees what --------------------------------------------------------------------------


@pytest.fixture
def private_one(cast, tags) -> Shoutout:
    """A "just them and the teaching team" shout-out from the TA to cast.learner."""
    return give(cast, tags, giver=cast.ta, to=[cast.learner], private=True, message="Quietly proud")


def test_another_learner_cannot_see_a_private_shoutout_anywhere(cast, client_for, private_one):
    client = client_for("other_learner")
    assert "Quietly proud" not in client.get(url("shoutouts", cast)).content.decode()
    assert "Quietly proud" not in client.get(url("my_shoutouts", cast)).content.decode()
    assert client.get(private_one.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["learner", "ta", "instructor"])
def test_the_receiver_giver_and_staff_see_a_private_shoutout(cast, client_for, private_one, role):
    client = client_for(role)
    wall = client.get(url("shoutouts", cast)).content.decode()
    assert "Quietly proud" in wall
    assert "Just them and the teaching team" in wall
    assert client.get(private_one.get_absolute_url()).status_code == 200


def test_whole_class_shoutouts_are_on_everyones_wall(cast, client_for, tags):
    give(cast, tags, giver=cast.learner, to=[cast.ta], message="Best study hall")
    assert (
        "Best study hall"
        in client_for("other_learner").get(url("shoutouts", cast)).content.decode()
    )


def test_for_me_lists_only_shoutouts_for_me(cast, client_for, tags):
    give(cast, tags, giver=cast.other_learner, to=[cast.learner], message="For Sam")
    give(cast, tags, giver=cast.learner, to=[cast.other_learner], message="From Sam")
    html = client_for("learner").get(url("my_shoutouts", cast)).content.decode()
    assert "For Sam" in html and "From Sam" not in html
    # And a way to pass it on to the giver.
    assert f"?to={cast.other_learner.pk}" in html


def test_the_wall_is_newest_first_and_older_pages_come_through_htmx(cast, client_for, tags):
    settings = community_settings_for(cast.course)
    settings.shoutout_daily_limit = 30
    settings.save()
    for n in range(25):
        give(cast, tags, giver=cast.instructor, to=[cast.learner], message=f"Note number {n}")
    client = client_for("other_learner")
    first = client.get(url("shoutouts", cast)).content.decode()
    assert first.index("Note number 24") < first.index("Note number 5")
    assert "Note number 4" not in first and "Show older shout-outs" in first
    partial = client.get(url("shoutouts", cast) + "?page=2", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "Note number 4" in html and "<html" not in html
    full = client.get(url("shoutouts", cast) + "?page=2").content.decode()
    assert "Note number 4" in full and "<html" in full


# --- tags -----------------------------------------------------------------------------------


def test_staff_manage_tags_through_the_page(cast, client_for, tags):
    client = client_for("ta")
    assert client.get(url("shoutout_tags", cast)).status_code == 200
    added = client.post(url("shoutout_tags", cast), {"label": "Curious", "emoji": "🔎"})
    assert added.status_code == 302
    curious = ShoutoutTag.objects.get(label="Curious")
    renamed = client.post(
        url("shoutout_tag_edit", cast, tag_id=curious.pk),
        {f"tag{curious.pk}-label": "Inquisitive", f"tag{curious.pk}-emoji": "🔎"},
    )
    assert renamed.status_code == 302
    assert ShoutoutTag.objects.get(pk=curious.pk).label == "Inquisitive"
    clash = client.post(
        url("shoutout_tag_edit", cast, tag_id=curious.pk), {f"tag{curious.pk}-label": "Kind"}
    )
    assert clash.status_code == 200 and "already a tag" in clash.content.decode()
    client.post(url("shoutout_tag_retire", cast, tag_id=curious.pk))
    assert ShoutoutTag.objects.get(pk=curious.pk).is_retired
    offered = client_for("learner").get(url("shoutout_new", cast)).content.decode()
    assert "Inquisitive" not in offered


@pytest.mark.parametrize("role", ["learner", "other_learner", "outsider"])
def test_learners_cannot_reach_tag_pages(cast, client_for, tags, role):
    client = client_for(role)
    kind = tags["Kind"]
    assert client.get(url("shoutout_tags", cast)).status_code == 404
    assert client.post(url("shoutout_tags", cast), {"label": "X"}).status_code == 404
    edit = url("shoutout_tag_edit", cast, tag_id=kind.pk)
    assert client.post(edit, {f"tag{kind.pk}-label": "X"}).status_code == 404
    assert client.post(url("shoutout_tag_retire", cast, tag_id=kind.pk)).status_code == 404
    assert ShoutoutTag.objects.get(pk=kind.pk).label == "Kind"
    assert not ShoutoutTag.objects.filter(label="X").exists()


def test_a_tag_from_another_course_is_not_found(cast, client_for):
    foreign = ShoutoutTag.objects.create(course=cast.other_course, label="Elsewhere")
    response = client_for("instructor").post(url("shoutout_tag_retire", cast, tag_id=foreign.pk))
    assert response.status_code == 404


# --- user text --------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_shoutout_text_renders_harmless(cast, client_for, tags, payload):
    shoutout = give(cast, tags, giver=cast.other_learner, to=[cast.learner], message=payload)
    client = client_for("learner")
    for page in (url("shoutouts", cast), url("my_shoutouts", cast), shoutout.get_absolute_url()):
        html = client.get(page).content.decode()
        assert_harmless(html, element_id=f"shoutout-{shoutout.pk}")


def test_a_tag_name_is_escaped(cast, client_for, tags):
    tag = services.shoutout_tag_create(
        course=cast.course, actor=cast.instructor, label='<b onmouseover="x()">Bold</b>'
    )
    html = client_for("learner").get(url("shoutout_new", cast)).content.decode()
    assert [finding for finding in harmful_markup(html) if finding != "<svg>"] == []
    assert "&lt;b onmouseover" in html
    assert tag.pk


# --- query counts -----------------------------------------------------------------------------


def _grow(cast, tags, total: int) -> None:
    """Shout-outs until there are ``total``, each for two or three people (every fifth
    private), given by a mix of learners and staff."""
    learners = learners_add(cast.course, 3, prefix=f"grow{total}-")
    people = [cast.learner, cast.other_learner, cast.ta, cast.instructor, *learners]
    start = Shoutout.objects.count()
    made = Shoutout.objects.bulk_create(
        Shoutout(
            course=cast.course,
            giver=people[n % len(people)],
            tag=tags["Kind"],
            message=f"Shout {n}",
            visibility="private" if n % 5 == 0 else "class",
        )
        for n in range(start, total)
    )
    ShoutoutReceiver.objects.bulk_create(
        ShoutoutReceiver(shoutout=shoutout, user=person)
        for n, shoutout in enumerate(made)
        for person in {people[(n + 1) % len(people)], people[(n + 2) % len(people)], cast.learner}
        if person.pk != shoutout.giver_id
    )


def _queries(client, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["learner", "instructor"])
@pytest.mark.parametrize("page", ["shoutouts", "my_shoutouts"])
def test_shoutout_pages_cost_the_same_queries_with_10_and_300(cast, client_for, tags, role, page):
    client = client_for(role)
    _grow(cast, tags, 10)
    small = _queries(client, url(page, cast))
    _grow(cast, tags, 300)
    assert _queries(client, url(page, cast)) == small


def test_a_home_reads_only_the_newest_few_for_me(cast, tags):
    settings = community_settings_for(cast.course)
    settings.shoutout_daily_limit = 30
    settings.save()
    for n in range(5):
        give(cast, tags, giver=cast.other_learner, to=[cast.learner], message=f"For Sam {n}")
    give(cast, tags, giver=cast.learner, to=[cast.other_learner], message="From Sam")
    newest = latest_for_me(course=cast.course, user=cast.learner, count=3)
    assert [shoutout.message for shoutout in newest] == ["For Sam 4", "For Sam 3", "For Sam 2"]
    assert all(shoutout.is_for_viewer for shoutout in newest)  # ready to draw


def test_a_big_class_is_chosen_by_name_without_a_face_each(cast, client_for):
    from rapport.community.shoutouts.views import FACES_UP_TO
    from rapport.factories import MembershipFactory, UserFactory

    small = client_for("learner").get(url("shoutout_new", cast)).content.decode()
    small = small.split('class="picker__list"')[1].split("</ul>")[0]
    assert small.count('class="picker__option"') == small.count("face face--sm") > 0
    for n in range(FACES_UP_TO):
        MembershipFactory(course=cast.course, user=UserFactory(preferred_name=f"Ivo {n:02d}"))
    page = client_for("learner").get(url("shoutout_new", cast)).content.decode()
    picker = page.split('class="picker__list"')[1].split("</ul>")[0]
    assert picker.count('type="checkbox"') > FACES_UP_TO and "face face--sm" not in picker
