"""The peer network: metrics on small known graphs, the suggested pairings (the isolated get
a partner, opt-outs are honoured), the drawing, and the staff page built from the ledger."""

import re
from types import SimpleNamespace

import networkx as nx
import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from rapport.core.kinds import SensitiveReadKind
from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import SensitiveRead
from rapport.courses.models import Membership, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.radar.drawing import network_svg
from rapport.radar.network import (
    WIDTH,
    PairingIds,
    bridges,
    brokers,
    course_network,
    groups,
    isolated,
    layout,
    one_tie,
    peer_graph,
    suggest_pairings,
)
from rapport.radar.tests.ledgers import NOW, joined, moment

# --- metrics on known graphs -------------------------------------------------------------


def test_the_graph_joins_givers_and_receivers_either_way_and_adds_up_the_weights():
    graph = peer_graph([1, 2, 3, 4], [(1, 2, 3, 0), (2, 1, 2, 1), (3, 3, 5, 0), (1, 9, 1, 0)])
    assert sorted(graph.edges(data="weight")) == [(1, 2, 5)]
    # a learner with themselves, or with someone outside the course, makes no tie
    assert isolated(graph) == {3, 4}


def test_a_path_has_two_ends_with_one_tie_and_every_tie_is_a_bridge():
    graph = peer_graph(range(1, 6), [(1, 2, 1), (2, 3, 1), (3, 4, 1)])
    assert isolated(graph) == {5}
    assert one_tie(graph) == {1, 4}
    assert groups(graph) == [{1, 2, 3, 4}]
    assert bridges(graph) == [(1, 2), (2, 3), (3, 4)]
    assert brokers(graph) == {2, 3}


def test_a_triangle_has_no_bridge_and_two_groups_are_counted_largest_first():
    graph = peer_graph(range(1, 8), [(1, 2, 1), (2, 3, 1), (3, 1, 1), (5, 6, 1)])
    assert bridges(graph) == [(5, 6)]
    assert brokers(graph) == set()
    assert groups(graph) == [{1, 2, 3}, {5, 6}]
    assert isolated(graph) == {4, 7}
    assert one_tie(graph) == {5, 6}


def test_two_triangles_joined_by_one_tie_have_that_tie_as_their_bridge():
    graph = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    assert bridges(graph) == [(3, 4)]
    assert brokers(graph) == {3, 4}


# --- suggestions ---------------------------------------------------------------------------

# 1-2-3-4 are a connected circle (2 and 3 have the most ties); 5, 6, 7 have no classmate.
CIRCLE = [(1, 2, 1), (2, 3, 1), (3, 4, 1), (2, 4, 1), (1, 3, 1)]


def test_each_isolated_learner_is_paired_with_a_well_connected_classmate_sharing_an_interest():
    graph = peer_graph(range(1, 8), CIRCLE)
    interests = {5: ["Birds", "Jazz"], 4: ["jazz"], 2: ["Chess"], 6: ["chess"], 7: []}
    pairings = suggest_pairings(
        graph, order=[1, 2, 3, 4, 5, 6, 7], interests=interests, opted_out=set()
    )
    assert pairings == [
        PairingIds(learner=5, partner=4, shared_interest="jazz"),
        PairingIds(learner=6, partner=2, shared_interest="Chess"),
        # no shared interest: the best connected, least asked classmate (2 and 3 both have
        # three ties; 2 already welcomes 6)
        PairingIds(learner=7, partner=3, shared_interest=""),
    ]
    # every isolated learner would now be connected
    graph.add_edges_from((p.learner, p.partner) for p in pairings)
    assert not isolated(graph)


def test_opted_out_learners_are_never_suggested_nor_paired():
    graph = peer_graph(range(1, 8), CIRCLE)
    interests = {5: ["Jazz"], 4: ["Jazz"]}
    pairings = suggest_pairings(
        graph, order=list(range(1, 8)), interests=interests, opted_out={4, 6}
    )
    assert {p.learner for p in pairings} == {5, 7}
    assert all(
        4 not in (p.learner, p.partner) and 6 not in (p.learner, p.partner) for p in pairings
    )


def test_one_classmate_is_not_asked_to_welcome_everyone_while_others_are_free():
    graph = peer_graph(range(1, 10), [(1, 2, 1), (2, 3, 1), (1, 3, 1)])
    interests = {n: ["Jazz"] for n in range(1, 10)} | {2: ["Jazz"], 1: [], 3: []}
    pairings = suggest_pairings(
        graph, order=list(range(1, 10)), interests=interests, opted_out=set()
    )
    partners = [p.partner for p in pairings]
    assert len(pairings) == 6 and all(partners.count(n) <= 2 for n in (1, 2, 3))
    assert partners[:2] == [2, 2]  # the one sharing the interest, up to its share


def test_with_nobody_connected_the_isolated_are_paired_with_each_other():
    graph = peer_graph([1, 2, 3, 4, 5], [])
    pairings = suggest_pairings(graph, order=[1, 2, 3, 4, 5], interests={}, opted_out={2})
    assert [(p.learner, p.partner) for p in pairings] == [(1, 3), (4, 5)]


# --- the drawing ---------------------------------------------------------------------------


def test_the_layout_is_the_same_every_time_and_puts_the_isolated_in_rows_beneath():
    graph = peer_graph(range(1, 8), CIRCLE)
    first = layout(graph, order=list(range(1, 8)))
    assert first == layout(graph, order=list(range(1, 8)))
    for node in (1, 2, 3, 4):
        x, y = first[node]
        assert 0 <= x <= WIDTH and 0 <= y <= WIDTH
    assert all(first[n][1] > WIDTH for n in (5, 6, 7))


# --- the course's network, from the ledger ----------------------------------------------------


def _classmates(course, count):
    people = [UserFactory(preferred_name=f"Classmate {n}") for n in range(count)]
    for person in people:
        MembershipFactory(course=course, user=person, role=Role.LEARNER)
    joined(course, *people)
    return people


@pytest.mark.django_db
def test_the_course_network_reads_peer_touchpoints_only(cast):
    course = cast.course
    a, b, c = _classmates(course, 3)
    moment(course, K.POST_REPLY, cast.learner, a)
    moment(course, K.SHOUTOUT, a, b)
    moment(course, K.POST_REACTION, b, a)
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, c)  # staff: not a peer tie
    moment(course, K.TOPIC_STARTED, c)  # no one on the other end
    network = course_network(course=course, now=NOW)
    assert network.learners == 5 and network.ties == 2
    assert network.isolated == sorted([c, cast.other_learner], key=lambda u: u.display_name)
    assert set(network.one_tie) == {cast.learner, b}
    assert network.bridges and all(len(pair) == 2 for pair in network.bridges)
    assert [len(g) for g in network.groups] == [3]
    assert {p.learner for p in network.pairings} == {c, cast.other_learner}
    assert all(p.partner == a for p in network.pairings)  # the best connected


@pytest.mark.django_db
def test_the_course_network_honours_the_opt_out_on_the_membership(cast):
    course = cast.course
    a, b, c = _classmates(course, 3)
    moment(course, K.POST_REPLY, a, b)
    moment(course, K.POST_REPLY, b, c)
    Membership.objects.filter(course=course, user=b).update(peer_suggestions_opted_out=True)
    network = course_network(course=course, now=NOW)
    assert network.pairings and all(p.partner != b for p in network.pairings)


@pytest.mark.django_db
def test_the_staff_page_draws_the_graph_with_names_and_lists_them_beside(cast, client):
    course = cast.course
    moment(course, K.POST_REPLY, cast.learner, cast.other_learner)
    with time_machine.travel(NOW, tick=False):
        client.force_login(cast.ta)
        page = client.get(reverse("radar:network", args=[course.slug])).content.decode()
    assert '<svg class="network__svg"' in page and 'role="img"' in page
    assert '<title id="network-title">' in page and '<desc id="network-desc">' in page
    assert page.count("<circle") == 2
    (ties,) = re.findall(r'<path[^>]* stroke-width="\d" d="([^"]*)"/>', page)
    assert re.fullmatch(r"M\d+ \d+L\d+ \d+", ties)  # one tie, from one learner to the other
    assert f">{cast.learner.display_name}</text>" in page
    assert reverse("radar:network_classmates", args=[course.slug]) in page


def test_a_big_class_draws_its_ties_in_a_few_paths():
    network = SimpleNamespace(
        learners=3,
        isolated=[],
        width=800,
        height=600,
        labelled=False,
        nodes=[],
        edges=[
            SimpleNamespace(x1=1.26, y1=2.5, x2=300.4, y2=4, weight=1, bridge=False),
            SimpleNamespace(x1=5, y1=6, x2=7, y2=8, weight=1, bridge=False),
            SimpleNamespace(x1=9, y1=10, x2=11, y2=12, weight=7, bridge=False),
            SimpleNamespace(x1=13, y1=14, x2=15, y2=16, weight=1, bridge=True),
        ],
    )
    svg = network_svg(network)
    assert '<path stroke-width="1" d="M1 2L300 4M5 6L7 8"/>' in svg
    assert '<path stroke-width="3" d="M9 10L11 12"/>' in svg
    assert '<path class="network__bridge" stroke-width="1" d="M13 14L15 16"/>' in svg


@pytest.mark.django_db
def test_everyones_classmates_in_words_a_page_at_a_time(cast, client, monkeypatch):
    monkeypatch.setattr("rapport.radar.views.CLASSMATES_PER_PAGE", 2)
    course = cast.course
    a, b, c = _classmates(course, 3)
    moment(course, K.POST_REPLY, a, b)
    url = reverse("radar:network_classmates", args=[course.slug])
    with time_machine.travel(NOW, tick=False):
        client.force_login(cast.instructor)
        first = client.get(url)
        last = client.get(url + "?page=3")
    everyone = course_network(course=course, now=NOW).nodes
    assert len(everyone) == 5
    shown = first.content.decode()
    assert [node.user for node in first.context["page"]] == [n.user for n in everyone[:2]]
    assert "Page 1 of 3" in shown
    assert f"{escape(everyone[0].user.display_name)}: " in shown
    assert [node.user for node in last.context["page"]] == [everyone[4].user]
    words = {n.user: n for n in everyone}
    assert [c.pk for c in words[a].classmates] == [b.pk] and words[c].classmates == []


@pytest.mark.django_db
def test_learners_never_see_the_graph(cast, client):
    course = cast.course
    moment(course, K.POST_REPLY, cast.learner, cast.other_learner)
    client.force_login(cast.learner)
    assert client.get(reverse("radar:network", args=[course.slug])).status_code == 404
    own = client.get(reverse("radar:my_connections", args=[course.slug])).content.decode()
    assert "network__svg" not in own and "network-title" not in own


@pytest.mark.django_db
@pytest.mark.parametrize("shared", [True, False])
def test_a_pairing_by_a_shared_interest_is_a_read_of_the_survey(cast, client, monkeypatch, shared):
    course = cast.course
    a, b, alone = _classmates(course, 3)
    moment(course, K.POST_REPLY, a, b)
    liked = {
        person.pk: SimpleNamespace(interests=["Jazz"] if shared else []) for person in (a, b, alone)
    }
    monkeypatch.setattr("rapport.radar.network.intro_answers", lambda **_: liked)
    with time_machine.travel(NOW, tick=False):
        client.force_login(cast.ta)
        page = client.get(reverse("radar:network", args=[course.slug])).content.decode()
    (pairing,) = [p for p in course_network(course=course, now=NOW).pairings if p.learner == alone]
    assert ("both like Jazz" in page) is shared
    reads = SensitiveRead.objects.filter(viewer=cast.ta, kind=SensitiveReadKind.LEARNER_CARD)
    expected = {alone.pk, pairing.partner.pk} if shared else set()
    assert set(reads.values_list("learner_id", flat=True)) == expected
