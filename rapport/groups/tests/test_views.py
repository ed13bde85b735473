"""The groups pages: forming from the form (and its messages), a set's preview with moves,
locks, forming again and publishing, the progress while forming, a learner's groups and a
group's space — each for the people who may see it, with counts of queries that do not
grow with the class."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.groups import services
from rapport.groups.models import Formation, Group, GroupMember, GroupSet
from rapport.groups.selectors import round_shown
from rapport.groups.testing import group_make, learner_make, member

pytestmark = pytest.mark.django_db


def _url(name, cast, *args):
    return reverse(f"groups:{name}", args=[cast.course.slug, *args])


@pytest.fixture
def six(cast):
    return [cast.learner, cast.other_learner] + [learner_make(cast, f"l{n}") for n in range(4)]


def _formed(cast, captured, **criteria):
    with captured(execute=True):
        group_set = services.group_set_create(
            course=cast.course,
            member=member(cast, "instructor"),
            criteria=services.Criteria(**{"title": "Partners", **criteria}),
        )
    return group_set


def test_staff_form_groups_from_the_form_and_see_them_with_reasons(
    cast, six, client_for, django_capture_on_commit_callbacks
):
    client = client_for("instructor")
    form = client.get(_url("set_new", cast))
    assert form.status_code == 200 and "Keep some learners together" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("set_new", cast),
            {
                "title": "Project teams",
                "purpose": "A project together",
                "group_size": 3,
                "interests": "similar",
                "availability": "ignore",
                "attribute": "ignore",
                "rounds": 2,
                "pace": "weekly",
                "together_0_a": cast.learner.pk,
                "together_0_b": cast.other_learner.pk,
            },
        )
    group_set = GroupSet.objects.get()
    assert response.status_code == 302 and response.url == group_set.get_absolute_url()
    assert group_set.status == Formation.READY and group_set.pairs.get().together
    page = client.get(group_set.get_absolute_url()).content.decode()
    assert "Round 1" in page and "?round=2#round-2" in page and "Publish round 1" in page
    assert page.count('class="group-member"') == 6  # one round at a time: six learners
    second = client.get(group_set.get_absolute_url() + "?round=2").content.decode()
    assert 'id="round-2-heading"' in second and 'id="round-1-heading"' not in second
    assert second.count('class="group-member"') == 6
    # the one move form of a planned round offers each of its learners and groups
    assert second.count('<option value="') == 6 + 2


def test_bad_criteria_come_back_with_a_message(cast, six, client_for):
    response = client_for("instructor").post(
        _url("set_new", cast),
        {
            "title": "Teams",
            "group_size": 8,
            "interests": "similar",
            "availability": "similar",
            "attribute": "ignore",
            "rounds": 1,
            "pace": "weekly",
        },
    )
    assert response.status_code == 200
    assert "cannot be split into groups of 7 to 9" in response.content.decode()
    assert not GroupSet.objects.exists()


def test_moving_locking_and_publishing_from_the_preview(
    cast, six, client_for, django_capture_on_commit_callbacks
):
    group_set = _formed(cast, django_capture_on_commit_callbacks, group_size=3)
    round_ = group_set.round_set.get()
    first, second = Group.objects.filter(round=round_).order_by("number")
    mover = first.members.first().user_id
    client = client_for("instructor")
    moved = client.post(
        _url("member_move", cast, group_set.pk, round_.pk), {"user": mover, "group": second.pk}
    )
    assert moved.status_code == 302
    assert GroupMember.objects.get(round=round_, user_id=mover).group_id == second.pk
    client.post(_url("group_lock", cast, group_set.pk, second.pk), {"locked": "1"})
    assert Group.objects.get(pk=second.pk).locked
    published = client.post(_url("round_publish", cast, group_set.pk, round_.pk), follow=True)
    assert "Round 1 is published" in published.content.decode()
    late = client.post(
        _url("member_move", cast, group_set.pk, round_.pk),
        {"user": mover, "group": first.pk},
        follow=True,
    )
    assert "is published" in late.content.decode()
    assert GroupMember.objects.get(round=round_, user_id=mover).group_id == second.pk


def test_the_progress_of_forming_is_told(cast, six, client_for):
    group_set = GroupSet.objects.create(
        course=cast.course, title="P", status=Formation.FORMING, progress=40
    )
    answer = client_for("instructor").get(_url("set_progress", cast, group_set.pk))
    assert answer.json() == {"status": "forming", "progress": 40, "problem": ""}
    page = client_for("instructor").get(group_set.get_absolute_url()).content.decode()
    assert '<progress id="forming-bar" max="100" value="40">' in page
    assert client_for("learner").get(_url("set_progress", cast, group_set.pk)).status_code == 404


def test_a_learner_sees_their_group_its_shared_hours_and_space(cast, client_for):
    cast.learner.timezone = "Pacific/Auckland"
    cast.learner.save()
    group = group_make(cast)
    group.shared_hours = [24 + 6, 24 + 7]  # Tuesday 06:00-08:00 UTC
    group.save()
    client = client_for("learner")
    index = client.get(_url("index", cast)).content.decode()
    assert "Other_Learner" in index and group.get_absolute_url() in index
    page = client.get(group.get_absolute_url()).content.decode()
    # Auckland is UTC+13 in December: Tuesday 06:00 UTC is Tuesday 19:00 there.
    assert "Tue 19:00–21:00" in page and "Pacific/Auckland" in page
    assert "Other_Learner" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("learner", 200),
        ("other_learner", 200),
        ("third", 404),
        ("instructor", 200),
        ("ta", 200),
        ("outsider", 404),
    ],
)
def test_a_group_space_is_for_its_members_and_staff(cast, client, role, status):
    third = learner_make(cast, "third")
    group = group_make(cast)
    client.force_login(third if role == "third" else getattr(cast, role))
    assert client.get(group.get_absolute_url()).status_code == status


def test_an_unpublished_group_is_not_shown_to_its_members(cast, client_for):
    group = group_make(cast, published=False)
    assert client_for("learner").get(group.get_absolute_url()).status_code == 404
    assert "Other_Learner" not in client_for("learner").get(_url("index", cast)).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_preview_and_a_group_page_cost_the_same_queries_for_a_bigger_class(
    cast, client_for, django_capture_on_commit_callbacks
):
    for n in range(4):
        learner_make(cast, f"a{n}")
    small = _formed(cast, django_capture_on_commit_callbacks, group_size=2)
    client = client_for("instructor")
    before = _queries(client, small.get_absolute_url())
    group = Group.objects.filter(round__group_set=small).first()
    services.round_publish(round_=small.round_set.get(), member=member(cast, "instructor"))
    group_before = _queries(client, group.get_absolute_url())
    for n in range(10):
        learner_make(cast, f"b{n}")
    big = _formed(cast, django_capture_on_commit_callbacks, group_size=2, title="Big")
    assert _queries(client, big.get_absolute_url()) == before
    services.round_publish(round_=big.round_set.get(), member=member(cast, "instructor"))
    big_group = Group.objects.filter(round__group_set=big).first()
    assert _queries(client, big_group.get_absolute_url()) == group_before


def test_a_learner_shares_a_reflection_from_its_own_page_and_comes_back(cast, client_for):
    from django.utils import timezone

    from rapport.community.models.checkins import ReflectionAnswer, ReflectionPrompt
    from rapport.groups.models import SharedReflection

    group = group_make(cast)
    prompt = ReflectionPrompt.objects.create(
        course=cast.course, text="What surprised you?", opens_at=timezone.now()
    )
    answer = ReflectionAnswer.objects.create(prompt=prompt, learner=cast.learner, text="Moss!")
    client = client_for("learner")
    page_url = reverse("community:reflection_prompt", args=[cast.course.slug, prompt.pk])
    page = client.get(page_url).content.decode()
    assert "Share with my Weekly partners group (Other_Learner)" in page
    shared = client.post(
        _url("reflection_share", cast, group.pk),
        {"answer": answer.pk, "next": page_url + "#my-answer"},
    )
    assert shared.status_code == 302 and shared.url == page_url + "#my-answer"
    assert SharedReflection.objects.filter(group=group, answer=answer).exists()
    assert "Stop sharing" in client.get(page_url).content.decode()
    assert "Moss!" in client_for("other_learner").get(group.get_absolute_url()).content.decode()
    away = client.post(
        _url("reflection_share", cast, group.pk),
        {"answer": answer.pk, "next": "https://elsewhere.example/"},
    )
    assert away.url == group.get_absolute_url() + "#reflections"  # never off-site


def test_pairs_are_named_from_one_list_of_the_class_and_a_stranger_is_refused(
    cast, six, client_for
):
    client = client_for("instructor")
    page = client.get(_url("set_new", cast)).content.decode()
    assert page.count('<datalist id="learner-names">') == 1
    assert (
        page.count('list="learner-names"') == 16 and "<select" not in page.split("group-pairs")[1]
    )
    assert f'<option value="{cast.other_learner.display_name}">' in page
    fields = {
        "title": "Teams",
        "group_size": 2,
        "interests": "similar",
        "availability": "ignore",
        "attribute": "ignore",
        "rounds": 1,
        "pace": "weekly",
        "apart_0_a": cast.learner.display_name.upper(),  # any case
        "apart_0_b": cast.other_learner.display_name,
    }
    refused = client.post(_url("set_new", cast), fields | {"apart_1_a": "Nobody Here"})
    assert refused.status_code == 200 and not GroupSet.objects.exists()
    assert "No learner in this course is called “Nobody Here”" in refused.content.decode()
    response = client.post(_url("set_new", cast), fields)
    pair = GroupSet.objects.get().pairs.get()
    assert response.status_code == 302 and not pair.together
    assert {pair.first_id, pair.second_id} == {cast.learner.pk, cast.other_learner.pk}
    # Changing the set shows the pair by name.
    edit = client.get(_url("set_edit", cast, GroupSet.objects.get().pk)).content.decode()
    assert f'value="{cast.other_learner.display_name}"' in edit


def test_the_set_form_costs_the_same_queries_for_a_bigger_class(cast, six, client_for):
    from rapport.core.testing.queries import count_queries
    from rapport.factories import MembershipFactory, UserFactory

    client = client_for("instructor")
    group_set = GroupSet.objects.create(course=cast.course, title="Pairs", created_by=cast.ta)
    urls = [_url("set_new", cast), _url("set_edit", cast, group_set.pk)]
    small = [count_queries(client, url) for url in urls]
    for _ in range(30):
        MembershipFactory(course=cast.course, user=UserFactory(), role="learner")
    assert [count_queries(client, url) for url in urls] == small


def test_a_set_with_more_groups_costs_the_same_queries(cast, client_for):
    from rapport.core.testing.queries import count_queries

    group = group_make(cast)
    client = client_for("instructor")
    set_url = _url("set", cast, group.round.group_set_id)
    small = count_queries(client, set_url)
    for number in range(2, 12):
        more = Group.objects.create(round=group.round, course=cast.course, number=number)
        for n in range(2):
            GroupMember.objects.create(
                group=more, round=group.round, user=learner_make(cast, f"g{number}m{n}")
            )
    page = client.get(set_url).content.decode()
    assert page.count("Group 11</a>") == 1  # published: each group links to its page
    assert count_queries(client, set_url) == small


def test_the_set_page_opens_on_the_round_learners_are_in_now():
    first, second, third = (
        SimpleNamespace(number=n, published_at=at) for n, at in ((1, "mon"), (2, "tue"), (3, None))
    )
    rounds = [first, second, third]
    assert round_shown(rounds, None) is second  # the latest published
    assert round_shown(rounds, 3) is third and round_shown(rounds, 9) is second
    assert round_shown([third], None) is third and round_shown([], 1) is None
