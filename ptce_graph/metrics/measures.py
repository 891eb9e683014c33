"""Social network measures on networkx graphs, each defined where it is undefined.

Pure functions, unit-testable without RDF.  They work on the *simple graph of
distinct linked pairs* (:func:`simple_graph`): two actors joined by three links
count as one pair, a link from an actor to itself is not a pair.  A measure
that has no value on a graph (a density with fewer than two actors, a ratio
with an empty denominator) raises :class:`MeasureUndefined` with the reason,
never returns a made-up 0.  The formulas and their references are in
``docs/metrics.md``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx

__all__ = [
    "MeasureUndefined",
    "REASONS",
    "simple_graph",
    "logic_subgraph",
    "pairs",
    "density",
    "components",
    "isolates",
    "multiplex_pairs",
    "multiplexity",
    "mean_degree",
    "transitivity",
    "average_clustering",
    "degree_centralization",
    "betweenness",
    "betweenness_centralization",
    "top_brokers",
    "ei_index",
    "ei_by_group",
    "blau",
    "iqv",
    "group_assortativity",
    "louvain_communities",
    "modularity",
    "core_numbers",
    "max_core",
    "DEFAULT_SEED",
]

#: The seed of every randomised computation (Louvain, sampled betweenness), for reproducible results.
DEFAULT_SEED = 42

#: Why a measure may be missing: code -> (French, English); ``{k}`` is filled in.
REASONS: dict[str, tuple[str, str]] = {
    "no-actors": ("le pôle n'a aucun acteur", "the pole has no actor"),
    "too-few-actors": ("il faut au moins {k} acteurs", "at least {k} actors are needed"),
    "no-pairs": ("aucune paire d'acteurs liés", "no linked pair of actors"),
    # « partenaire » is a relation to the pole: an actor's neighbours in the network are the actors it is
    # linked to.
    "no-two-paths": ("aucun acteur n'est lié à deux autres (pas de triade connexe)",
                     "no actor is linked to two others (no connected triple)"),
    "no-two-partners": ("aucun acteur n'est lié à au moins deux autres", "no actor is linked to at least two others"),
    "no-group-pairs": ("aucune paire liée ne touche ce groupe", "no linked pair involves this group"),
    "no-variance": ("variance nulle sous le modèle aléatoire (densité 0 ou 1, ou groupes trop petits)",
                    "zero variance under the random model (density 0 or 1, or groups too small)"),
    "single-group": ("un seul groupe parmi les acteurs liés : l'assortativité n'est pas définie",
                     "a single group among linked actors: assortativity is undefined"),
    "no-projects": ("le pôle n'a aucun projet", "the pole has no project"),
    "failed": ("le calcul a échoué ({k})", "the computation failed ({k})"),
}


class MeasureUndefined(Exception):
    """A measure has no value on this graph; ``code`` is a key of :data:`REASONS`."""

    def __init__(self, code: str, k: object = None) -> None:
        if code not in REASONS:
            raise ValueError(f"unknown reason code {code!r}")
        self.code = code
        self.k = k
        super().__init__(self.reason("en"))

    def reason(self, lang: str = "fr") -> str:
        fr, en = REASONS[self.code]
        return (fr if lang == "fr" else en).format(k=self.k)


# ---------------------------------------------------------------------------
#  From links to pairs
# ---------------------------------------------------------------------------


def simple_graph(multigraph: nx.Graph, *, logic: str | None = None) -> nx.Graph:
    """The simple graph of distinct linked pairs, self-links dropped.

    Every node is kept (isolated actors count).  Each pair carries ``logics``
    (the sorted tuple of the logics of its links, from the ``logic`` edge
    attribute when there is one) and ``links`` (how many links join it).  With
    ``logic``, only links of that logic make pairs.
    """
    out = nx.Graph(**multigraph.graph)
    out.add_nodes_from(sorted(multigraph.nodes(data=True), key=lambda item: str(item[0])))
    edges = multigraph.edges(data=True)
    found: dict[tuple[Hashable, Hashable], tuple[set[str], int]] = {}
    for u, v, data in edges:
        if u == v:
            continue
        edge_logic = data.get("logic")
        if logic is not None and edge_logic != logic:
            continue
        key = (u, v) if str(u) <= str(v) else (v, u)
        logics, count = found.get(key, (set(), 0))
        if edge_logic is not None:
            logics.add(str(edge_logic))
        found[key] = (logics, count + 1)
    for (u, v), (logics, count) in sorted(found.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        out.add_edge(u, v, logics=tuple(sorted(logics)), links=count)
    return out


def logic_subgraph(simple: nx.Graph, logic: str) -> nx.Graph:
    """The pairs of a simple graph joined by at least one link of ``logic`` (every node kept)."""
    out = nx.Graph(**simple.graph)
    out.add_nodes_from(simple.nodes(data=True))
    out.add_edges_from((u, v, d) for u, v, d in simple.edges(data=True) if logic in d.get("logics", ()))
    return out


def pairs(graph: nx.Graph) -> int:
    """Number of distinct linked pairs."""
    return graph.number_of_edges()


def _require_nodes(graph: nx.Graph, k: int) -> int:
    n = graph.number_of_nodes()
    if n == 0:
        raise MeasureUndefined("no-actors")
    if n < k:
        raise MeasureUndefined("too-few-actors", k)
    return n


# ---------------------------------------------------------------------------
#  Cohesion
# ---------------------------------------------------------------------------


def density(graph: nx.Graph) -> float:
    """Linked pairs over possible pairs: m / (n(n−1)/2).  Needs n ≥ 2."""
    n = _require_nodes(graph, 2)
    return graph.number_of_edges() / (n * (n - 1) / 2)


def components(graph: nx.Graph) -> int:
    """Number of connected components (an isolated actor is one); 0 for no actor."""
    return nx.number_connected_components(graph) if graph.number_of_nodes() else 0


def isolates(graph: nx.Graph) -> int:
    """Number of actors with no link."""
    return sum(1 for _, d in graph.degree() if d == 0)


def multiplex_pairs(graph: nx.Graph) -> int:
    """Number of linked pairs joined by two logics or more."""
    return sum(1 for _, _, d in graph.edges(data=True) if len(d.get("logics", ())) >= 2)


def multiplexity(graph: nx.Graph) -> float:
    """Share of linked pairs joined by two logics or more.  Needs a pair."""
    m = graph.number_of_edges()
    if m == 0:
        raise MeasureUndefined("no-pairs")
    return multiplex_pairs(graph) / m


def mean_degree(graph: nx.Graph) -> float:
    """Mean number of partners per actor: 2m / n.  Needs an actor."""
    n = _require_nodes(graph, 1)
    return 2 * graph.number_of_edges() / n


def transitivity(graph: nx.Graph) -> float:
    """Share of connected triples that are closed: 3 × triangles / connected triples.

    Needs a connected triple (an actor with two partners).
    """
    triples = sum(d * (d - 1) // 2 for _, d in graph.degree())
    if triples == 0:
        raise MeasureUndefined("no-two-paths")
    triangles = sum(nx.triangles(graph).values()) // 3
    return 3 * triangles / triples


def average_clustering(graph: nx.Graph) -> float:
    """Mean local clustering over the actors with at least two partners.

    The local clustering of an actor with fewer than two partners is undefined;
    those actors are left out of the mean (networkx's ``average_clustering``
    counts them as 0 instead).
    """
    eligible = [v for v, d in graph.degree() if d >= 2]
    if not eligible:
        raise MeasureUndefined("no-two-partners")
    local = nx.clustering(graph, eligible)
    return math.fsum(local[v] for v in eligible) / len(eligible)


# ---------------------------------------------------------------------------
#  Centralisation and brokers
# ---------------------------------------------------------------------------


def degree_centralization(graph: nx.Graph) -> float:
    """Freeman degree centralisation: Σ (d* − dᵢ) / ((n−1)(n−2)); a star gives 1.  Needs n ≥ 3."""
    n = _require_nodes(graph, 3)
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def betweenness(graph: nx.Graph, *, k: int | None = None, seed: int = DEFAULT_SEED) -> dict[Hashable, float]:
    """Normalised betweenness of each actor: share of the shortest paths between other pairs through it.

    Normalised by (n−1)(n−2)/2, the number of pairs of other actors.  With
    ``k`` (and k < n), estimated from ``k`` source actors drawn with ``seed``
    (networkx's sampling); exact otherwise.
    """
    n = graph.number_of_nodes()
    if k is not None and k < 1:
        raise ValueError("the betweenness sample k must be at least 1")
    sample = k if k is not None and k < n else None
    return nx.betweenness_centrality(_plain_adjacency(graph), k=sample, normalized=True,
                                     seed=seed if sample else None)


class _PlainAdjacency(nx.Graph):
    """A graph whose ``G[v]`` is the neighbours' dict itself, not a new read-only view of it.

    networkx's betweenness asks ``G[v]`` once per node and source (n² times),
    and each answer wraps the dict in a new ``AtlasView``: half of the time on
    a pole's graph.  Same dicts, same order, same results.
    """

    def __getitem__(self, n: Hashable) -> Any:
        return self._adj[n]


def _plain_adjacency(graph: nx.Graph) -> nx.Graph:
    """``graph`` read through :class:`_PlainAdjacency` (sharing its dicts: never modified there)."""
    if type(graph) is not nx.Graph:
        return graph
    view = _PlainAdjacency()
    view.graph, view._node, view._adj = graph.graph, graph._node, graph._adj
    return view


def betweenness_centralization(graph: nx.Graph, *, values: Mapping[Hashable, float] | None = None,
                               k: int | None = None, seed: int = DEFAULT_SEED) -> float:
    """Freeman betweenness centralisation: Σ (b* − bᵢ) / (n − 1) on normalised betweenness.

    Equal to Σ (B* − Bᵢ) / ((n−1)²(n−2)/2) on raw betweenness; a star gives 1.
    Needs n ≥ 3.
    """
    n = _require_nodes(graph, 3)
    b = values if values is not None else betweenness(graph, k=k, seed=seed)
    top = max(b.values())
    return math.fsum(top - x for x in b.values()) / (n - 1)


def top_brokers(values: Mapping[Hashable, float], *, limit: int = 5) -> list[tuple[Hashable, float]]:
    """The actors of highest betweenness (only those above 0), ties in node order."""
    ranked = sorted(((v, b) for v, b in values.items() if b > 0), key=lambda item: (-item[1], str(item[0])))
    return ranked[:limit]


# ---------------------------------------------------------------------------
#  Groups: E-I index, heterogeneity, assortativity
# ---------------------------------------------------------------------------


def ei_index(graph: nx.Graph, groups: Mapping[Hashable, str]) -> float:
    """Krackhardt-Stern E-I index: (external − internal) / (external + internal) pairs.

    −1 when every pair is within a group, +1 when every pair crosses groups.
    Needs a pair.
    """
    external = internal = 0
    for u, v in graph.edges():
        if groups[u] == groups[v]:
            internal += 1
        else:
            external += 1
    if external + internal == 0:
        raise MeasureUndefined("no-pairs")
    return (external - internal) / (external + internal)


def ei_by_group(graph: nx.Graph, groups: Mapping[Hashable, str],
                names: Iterable[str]) -> dict[str, float | MeasureUndefined]:
    """The E-I index of each group: its members' pairs leaving the group against those inside it.

    A group with no pair gets a :class:`MeasureUndefined` instead of a value.
    """
    counts = {g: [0, 0] for g in names}  # external, internal
    for u, v in graph.edges():
        gu, gv = groups[u], groups[v]
        if gu == gv:
            counts.setdefault(gu, [0, 0])[1] += 1
        else:
            counts.setdefault(gu, [0, 0])[0] += 1
            counts.setdefault(gv, [0, 0])[0] += 1
    out: dict[str, float | MeasureUndefined] = {}
    for g, (external, internal) in counts.items():
        total = external + internal
        out[g] = (external - internal) / total if total else MeasureUndefined("no-group-pairs")
    return out


def blau(groups: Iterable[str]) -> float:
    """Blau's heterogeneity: 1 − Σ pₖ², pₖ the share of actors in group k.  Needs an actor."""
    counts = Counter(groups)
    n = sum(counts.values())
    if n == 0:
        raise MeasureUndefined("no-actors")
    return 1 - math.fsum((c / n) ** 2 for c in counts.values())


def iqv(groups: Iterable[str], categories: int) -> float:
    """Index of qualitative variation: Blau / (1 − 1/K), K the number of possible groups.

    0 when every actor is in one group, 1 when the actors are spread evenly
    over the K groups.
    """
    if categories < 2:
        raise ValueError("the IQV needs at least two possible groups")
    return blau(groups) / (1 - 1 / categories)


def group_assortativity(graph: nx.Graph, groups: Mapping[Hashable, str]) -> float:
    """Newman's assortativity coefficient r on the actors' groups (−1 … +1).

    r = (Σᵢ eᵢᵢ − Σᵢ aᵢ²) / (1 − Σᵢ aᵢ²), with eᵢⱼ the share of link ends
    joining group i to group j (each pair counted both ways) and aᵢ = Σⱼ eᵢⱼ.
    +1: pairs only within groups; 0: as mixed as chance; negative: pairs
    preferentially across groups.  Needs a pair and two groups among linked actors.
    """
    m = graph.number_of_edges()
    if m == 0:
        raise MeasureUndefined("no-pairs")
    within = 0
    ends: Counter[str] = Counter()
    for u, v in graph.edges():
        gu, gv = groups[u], groups[v]
        within += gu == gv
        ends[gu] += 1
        ends[gv] += 1
    expected = math.fsum((c / (2 * m)) ** 2 for c in ends.values())
    if len(ends) < 2 or expected >= 1:
        raise MeasureUndefined("single-group")
    return (within / m - expected) / (1 - expected)


# ---------------------------------------------------------------------------
#  Communities and cores
# ---------------------------------------------------------------------------


def louvain_communities(graph: nx.Graph, *, seed: int = DEFAULT_SEED) -> list[frozenset[Hashable]]:
    """Louvain communities of the linked actors (isolated actors left out), with a fixed seed.

    Sorted by size (largest first), then by their first node.  Needs a pair.
    """
    if graph.number_of_edges() == 0:
        raise MeasureUndefined("no-pairs")
    linked = graph.subgraph(sorted((v for v, d in graph.degree() if d > 0), key=str))
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(linked.nodes(), key=str))
    ordered.add_edges_from(sorted(linked.edges(), key=lambda e: (str(e[0]), str(e[1]))))
    found = nx.community.louvain_communities(ordered, seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(str(x) for x in c)))


def modularity(graph: nx.Graph, communities: Iterable[Iterable[Hashable]]) -> float:
    """Newman's modularity Q of a partition of the linked actors (isolated actors add nothing).

    Needs a pair.
    """
    if graph.number_of_edges() == 0:
        raise MeasureUndefined("no-pairs")
    parts = [set(c) for c in communities]
    covered = set().union(*parts) if parts else set()
    parts += [{v} for v in graph.nodes() if v not in covered]
    return float(nx.community.modularity(graph, parts))


def core_numbers(graph: nx.Graph) -> dict[Hashable, int]:
    """The k-core number of each actor (the largest k such that it is in the k-core)."""
    return nx.core_number(graph)


def max_core(graph: nx.Graph) -> tuple[int, int]:
    """(k, size) of the main core: the largest k with a non-empty k-core, and how many actors it holds."""
    _require_nodes(graph, 1)
    cores = core_numbers(graph)
    k = max(cores.values())
    return k, sum(1 for c in cores.values() if c == k)
