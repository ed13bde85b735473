"""The peer network: who has interacted with whom among a course's learners, from the
ledger's peer touchpoints alone (``ledger.peer_pairs``: one query), as a networkx graph.

What staff read from it: learners with no tie to any classmate (isolated), learners with
one tie (one absence from isolated), the groups the class falls into (components), the ties
that alone hold two parts together (bridges) and the learners through whom they pass; a
drawing laid out on the server with a fixed seed; and suggested pairings that would connect
each isolated learner to a well-connected classmate, sharing an interest where the intro
survey allows. A learner who opted out of peer suggestions is never suggested to anyone.

The pure functions take a graph (or plain ids) so they can be checked on small known
graphs; ``course_network`` feeds them from the database in a fixed number of queries."""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import networkx as nx
from django.core.cache import cache

from rapport.courses.models import Course, Membership
from rapport.radar import ledger
from rapport.surveys.intro import intro_answers

# A classmate with this many ties or more is "well connected" enough to be someone's bridge
# into the class; with nobody that connected, anyone with a tie will do.
WELL_CONNECTED = 2
# How many isolated learners one classmate is asked to take on, while others are free.
MOST_PAIRINGS_EACH = 2
# The drawing: a square for the connected learners, rows below for the isolated ones.
WIDTH = 800
MARGIN = 40
ISOLATED_ROW = 60
ISOLATED_PER_ROW = 8
LAYOUT_SEED = 7
LAYOUT_ITERATIONS = 60
# Name labels on the drawing up to this many learners (beyond, each dot keeps its name as a
# tooltip and the text list beside the drawing names everyone).
LABELLED_UP_TO = 40
LAYOUT_CACHE_SECONDS = 24 * 3600


def peer_graph(learner_ids: Iterable[int], pairs: Iterable[tuple]) -> nx.Graph:
    """An undirected graph over ``learner_ids``: an edge between two learners who interacted
    either way, weighted by how many interactions passed between them. ``pairs`` are
    (giver, receiver, count, ...) rows as ``ledger.peer_pairs`` returns them; a pair naming
    someone outside ``learner_ids`` (or one learner twice) is left out."""
    graph = nx.Graph()
    graph.add_nodes_from(learner_ids)
    for giver, receiver, count, *_ in pairs:
        if giver == receiver or giver not in graph or receiver not in graph:
            continue
        if graph.has_edge(giver, receiver):
            graph[giver][receiver]["weight"] += count
        else:
            graph.add_edge(giver, receiver, weight=count)
    return graph


def isolated(graph: nx.Graph) -> set:
    return set(nx.isolates(graph))


def one_tie(graph: nx.Graph) -> set:
    return {node for node, degree in graph.degree() if degree == 1}


def groups(graph: nx.Graph) -> list[set]:
    """The connected groups of two learners or more, largest first."""
    found = [set(c) for c in nx.connected_components(graph) if len(c) > 1]
    return sorted(found, key=lambda c: (-len(c), min(c)))


def bridges(graph: nx.Graph) -> list[tuple]:
    """Ties whose loss would split a group in two (each as a sorted pair), sorted."""
    return sorted(tuple(sorted(edge)) for edge in nx.bridges(graph))


def brokers(graph: nx.Graph) -> set:
    """Learners through whom alone parts of a group reach each other."""
    return set(nx.articulation_points(graph))


@dataclass(frozen=True)
class PairingIds:
    learner: int  # isolated
    partner: int
    shared_interest: str  # "" when none is shared (or the survey is unanswered)


def suggest_pairings(
    graph: nx.Graph,
    *,
    order: Sequence[int],
    interests: dict[int, Sequence[str]],
    opted_out: set[int],
) -> list[PairingIds]:
    """A partner for each isolated learner, in ``order`` (by name): a well-connected
    classmate sharing one of their interests where one exists, else the best connected;
    the load is spread (at most ``MOST_PAIRINGS_EACH`` each while others are free). With
    nobody connected yet, isolated learners are paired with each other. Learners who
    opted out are neither paired nor suggested."""
    position = {node: i for i, node in enumerate(order)}
    degree = dict(graph.degree())
    loads: dict[int, int] = {}
    paired_isolated: set[int] = set()
    connected = [n for n in graph if degree[n] > 0 and n not in opted_out]
    well = [n for n in connected if degree[n] >= WELL_CONNECTED] or connected
    result = []
    for learner in sorted(isolated(graph), key=lambda n: position.get(n, len(position))):
        if learner in opted_out or learner in paired_isolated:
            continue
        mine = {i.casefold() for i in interests.get(learner, ()) if i.strip()}
        candidates = well or [
            n
            for n in graph
            if degree[n] == 0 and n != learner and n not in opted_out and n not in paired_isolated
        ]
        if not candidates:
            continue
        free = [n for n in candidates if loads.get(n, 0) < MOST_PAIRINGS_EACH] or candidates

        def shared(other: int, mine: set = mine) -> str:
            theirs = [i for i in interests.get(other, ()) if i.casefold() in mine]
            return theirs[0] if theirs else ""

        partner = min(
            free,
            key=lambda n: (
                0 if shared(n) else 1,
                loads.get(n, 0),
                -degree[n],
                position.get(n, len(position)),
            ),
        )
        loads[partner] = loads.get(partner, 0) + 1
        if not well:
            paired_isolated |= {learner, partner}
        result.append(PairingIds(learner=learner, partner=partner, shared_interest=shared(partner)))
    return result


# --- the drawing -----------------------------------------------------------------------------


def _fingerprint(graph: nx.Graph) -> str:
    """Changes when a learner or a tie comes or goes (not with a tie's weight), so the
    drawing stays still while the same people keep talking."""
    text = repr((sorted(graph), sorted(tuple(sorted(e)) for e in graph.edges)))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _connected_layout(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    """forceatlas2 over the learners with ties (seeded: the same graph always draws the
    same), scaled into the drawing's square."""
    nodes = [n for n, d in graph.degree() if d > 0]
    if not nodes:
        return {}
    sub = graph.subgraph(nodes)
    raw = nx.forceatlas2_layout(
        sub, seed=LAYOUT_SEED, max_iter=LAYOUT_ITERATIONS, weight=None, strong_gravity=True
    )
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    inner = WIDTH - 2 * MARGIN
    return {
        node: (
            round(MARGIN + (float(p[0]) - min(xs)) / span * inner, 1),
            round(MARGIN + (float(p[1]) - min(ys)) / span * inner, 1),
        )
        for node, p in raw.items()
    }


def layout(graph: nx.Graph, *, order: Sequence[int], cache_key: str = "") -> dict:
    """Positions in the drawing for every learner: the connected ones laid out (cached under
    ``cache_key`` and the graph's fingerprint when a key is given), the isolated ones in
    rows beneath, in ``order``."""
    positions = None
    key = f"radar:network-layout:{cache_key}:{_fingerprint(graph)}" if cache_key else ""
    if key:
        positions = cache.get(key)
    if positions is None:
        positions = _connected_layout(graph)
        if key:
            cache.set(key, positions, LAYOUT_CACHE_SECONDS)
    positions = dict(positions)
    alone = [n for n in order if n in graph and graph.degree(n) == 0]
    top = WIDTH if positions else 0
    step = (WIDTH - 2 * MARGIN) / (ISOLATED_PER_ROW - 1)
    for i, node in enumerate(alone):
        row, column = divmod(i, ISOLATED_PER_ROW)
        positions[node] = (round(MARGIN + column * step, 1), top + MARGIN + row * ISOLATED_ROW)
    return positions


def drawing_height(graph: nx.Graph) -> int:
    alone = len(isolated(graph))
    rows = -(-alone // ISOLATED_PER_ROW)
    square = WIDTH if alone < len(graph) else 0
    return int(square + (rows * ISOLATED_ROW + MARGIN if rows else 0)) or MARGIN * 2


# --- the course's network, for the staff page ------------------------------------------------


@dataclass
class Node:
    user: object
    x: float
    y: float
    ties: int
    state: str  # "isolated", "one-tie" or "connected"
    classmates: list = field(default_factory=list)  # users, by name

    @property
    def label_y(self) -> float:
        return round(self.y + 22, 1)


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: int
    bridge: bool


@dataclass
class Pairing:
    learner: object
    partner: object
    shared_interest: str


@dataclass
class PeerNetwork:
    learners: int
    nodes: list[Node]  # by name
    edges: list[Edge]
    height: int
    isolated: list  # users, by name
    one_tie: list
    groups: list[list]  # users by name, largest group first
    bridges: list[tuple]  # (user, user)
    brokers: list
    pairings: list[Pairing]
    labelled: bool
    width: int = WIDTH

    @property
    def ties(self) -> int:
        return len(self.edges)


def course_network(*, course: Course, now: datetime) -> PeerNetwork:
    """The course's peer network — three queries (learners, peer pairs, intro answers)."""
    memberships = sorted(
        Membership.objects.filter(
            course=course, user_id__in=ledger.learner_ids(course)
        ).select_related("user"),
        key=lambda m: (m.user.display_name.casefold(), m.user_id),
    )
    order = [m.user_id for m in memberships]
    people = {m.user_id: m.user for m in memberships}
    in_class = ledger.Members(learners=frozenset(order), staff=frozenset())
    graph = peer_graph(order, ledger.peer_pairs(course, now, in_class))
    intros = intro_answers(course=course, user_ids=None) if graph.number_of_nodes() else {}
    pairings = suggest_pairings(
        graph,
        order=order,
        interests={uid: intro.interests for uid, intro in intros.items()},
        opted_out={m.user_id for m in memberships if m.peer_suggestions_opted_out},
    )
    positions = layout(graph, order=order, cache_key=str(course.pk))
    bridge_ties = bridges(graph)
    bridge_set = set(bridge_ties)
    position_of = {uid: i for i, uid in enumerate(order)}

    def by_name(ids) -> list:
        return [people[uid] for uid in sorted(ids, key=position_of.__getitem__)]

    alone, single = isolated(graph), one_tie(graph)
    nodes = [
        Node(
            user=people[uid],
            x=positions[uid][0],
            y=positions[uid][1],
            ties=graph.degree(uid),
            state="isolated" if uid in alone else "one-tie" if uid in single else "connected",
            classmates=by_name(graph.neighbors(uid)),
        )
        for uid in order
    ]
    edges = [
        Edge(
            *positions[a],
            *positions[b],
            weight=data["weight"],
            bridge=tuple(sorted((a, b))) in bridge_set,
        )
        for a, b, data in sorted(graph.edges(data=True))
    ]
    return PeerNetwork(
        learners=len(order),
        nodes=nodes,
        edges=edges,
        height=drawing_height(graph),
        isolated=by_name(alone),
        one_tie=by_name(single),
        groups=[by_name(group) for group in groups(graph)],
        bridges=[
            tuple(by_name(pair))
            for pair in sorted(bridge_ties, key=lambda p: sorted(position_of[u] for u in p))
        ],
        brokers=by_name(brokers(graph)),
        pairings=[
            Pairing(people[p.learner], people[p.partner], p.shared_interest) for p in pairings
        ],
        labelled=len(order) <= LABELLED_UP_TO,
    )
