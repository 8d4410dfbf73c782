"""Chains of facts linking two actors: `threatnet path A B`.

A chain links two actors whichever way its facts point: `path TTP Taliban` and
`path Taliban TTP` find the same chains, reversed, and each hop says which way its
fact points (`forward`: from the hop's start to its end; `backward`: the other way;
`symmetric`: cooperates_with, fights, …). With `directed=True` (`--directed`) a hop
follows a directed fact from its subject to its object only (Iran —supplies→
Al-Qaeda leads from Iran to Al-Qaeda, not back): the chains along which something
flows from the first actor to the last. Between two actors the hop is the
best-supported of the facts that pass the filters (predicate or class, minimum
confidence); the others are listed with it.

Paths are the k shortest simple paths of at most `max_hops` hops (what
networkx `shortest_simple_paths` gives, within the hop limit: `k_best_paths`)
with a hop's weight −log(confidence): the first path is the one whose
chained confidence (the product of its hops' confidences) is highest, i.e.
the best-supported, and a longer chain of strong facts can come before a
short chain of weak ones. Weights are counted in integer units (1e-12), so
chains of equal confidence tie exactly; ties go to the chain of fewer hops,
then by the actors' entity ids along the chain (compared in turn): a fixed
order, whatever the order the facts were read in.

The search (`_best_paths`, an A* search bounded by hop-limited distances to
the target) walks `graph.load_edges` (each fact's confidence and number of
sources, as kept with its grade, or for `as_of` from one grouped query) — without a
filter on predicates, `graph.load_links`, the best fact between two actors as the
store keeps it — keeping one weight per pair of actors; then
the full facts of the hops found are loaded (`graph.load_facts` of those pairs
of actors only): the same facts, found without building every fact of the store.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import Any

import networkx as nx
from sqlalchemy.orm import Session

from threatnet.analyse.graph import (
    Edge,
    Fact,
    evidence,
    load_edges,
    load_facts,
    load_links,
    select_predicates,
)
from threatnet.errors import ThreatnetError
from threatnet.model import PREDICATES, is_symmetric

MAX_EXPANSIONS = 200_000  # partial paths examined at most (a bound on dense graphs)
FLOOR = 1e-6
UNITS = 10**12  # weights are integers in these units (see `_units`)
_SYMMETRIC = frozenset(p for p in PREDICATES if is_symmetric(p))
_NONE = float("inf")  # the weight of no hop


@dataclass
class Hop:
    source: str
    target: str
    facts: list[Fact]  # best first
    ends: tuple[int, int] = (0, 0)  # the source's and the target's entity ids

    @property
    def fact(self) -> Fact:
        return self.facts[0]

    def forward(self) -> bool:
        return self.fact.symmetric or self.fact.subject == self.source

    @property
    def direction(self) -> str:
        """`forward` (the fact points from this hop's start to its end), `backward` or
        `symmetric`."""
        if self.fact.symmetric:
            return "symmetric"
        return "forward" if self.fact.subject_id == self.ends[0] else "backward"


@dataclass
class Path:
    nodes: list[str]
    hops: list[Hop]

    @property
    def confidence(self) -> float:
        return round(math.prod(h.fact.confidence for h in self.hops), 3)

    def describe(self) -> str:
        parts = [self.nodes[0]]
        for hop in self.hops:
            arrow = {"forward": f"—{hop.fact.predicate}→", "backward": f"←{hop.fact.predicate}—",
                     "symmetric": f"—{hop.fact.predicate}—"}[hop.direction]
            parts.append(f"{arrow} {hop.target}")
        return " ".join(parts)


def find_paths(session: Session, source: int, target: int, *,
               classes: Iterable[str] | None = None, predicates: Iterable[str] | None = None,
               min_confidence: float = 0.0, max_hops: int = 4, k: int = 5,
               as_of: str | None = None, directed: bool = False) -> list[Path]:
    """The k best-supported chains of facts from actor `source` to actor `target`
    (whichever way the facts point, or with `directed` only along them)."""
    if max_hops < 1:
        raise ThreatnetError(f"--max-hops {max_hops}: must be at least 1")
    if source == target:
        raise ThreatnetError("the two ends of a path are the same actor")
    chosen = select_predicates(classes, predicates)
    # search the light edges (of what is known now without filters: the best fact between
    # two actors, kept), then load the full facts of the hops found only
    edges = load_links(session) if chosen is None and not as_of \
        else load_edges(session, as_of, chosen)
    if min_confidence > 0:
        edges = [e for e in edges if e.confidence >= min_confidence]
    chains = _search(edges, source, target, max_hops, k, directed)
    if not chains:
        return []
    steps = _steps(chains)
    # the facts of each hop, stored either way round
    pairs = steps if directed else steps | {(v, u) for u, v in steps}
    full = [f for f in load_facts(session, as_of, chosen, pairs=pairs)
            if f.confidence >= min_confidence]
    return _paths(chains, _options(full, steps, directed))


def paths_between(facts: Iterable[Fact | Edge], source: int, target: int, *,
                  max_hops: int = 4, k: int = 5, directed: bool = False) -> list[Path]:
    """The k best-supported simple paths over these facts (`find_paths`' reading)."""
    if not isinstance(facts, list | tuple):
        facts = list(facts)
    chains = _search(facts, source, target, max_hops, k, directed)
    return _paths(chains, _options(facts, _steps(chains), directed)) if chains else []


def _steps(chains: list[list[int]]) -> set[tuple[int, int]]:
    return {(u, v) for nodes in chains for u, v in zip(nodes, nodes[1:], strict=False)}


def _options(facts: Iterable[Fact | Edge], steps: set[tuple[int, int]],
             directed: bool = False) -> dict[tuple[int, int], list]:
    """Each hop's facts (u -> v, or symmetric between them, or without `directed` also
    v -> u), best first (`_rank`)."""
    ends = {n for pair in steps for n in pair}
    options: dict[tuple[int, int], list] = {pair: [] for pair in steps}
    for f in facts:
        s, o = f.subject_id, f.object_id
        if s in ends and o in ends:
            if (s, o) in options:
                options[(s, o)].append(f)
            if (o, s) in options and (not directed or f.predicate in _SYMMETRIC):
                options[(o, s)].append(f)
    for found in options.values():
        found.sort(key=_rank)
    return options


def _paths(chains: list[list[int]], options: dict[tuple[int, int], list]) -> list[Path]:
    out = []
    for nodes in chains:
        names: dict[int, str] = {}
        steps = list(zip(nodes, nodes[1:], strict=False))
        for pair in steps:
            f = options[pair][0]
            names[f.subject_id], names[f.object_id] = f.subject, f.object
        out.append(Path([names[n] for n in nodes],
                        [Hop(names[u], names[v], options[(u, v)], (u, v)) for u, v in steps]))
    return out


def _search(facts: Iterable[Fact | Edge], source: int, target: int, max_hops: int,
            k: int, directed: bool = False) -> list[list[int]]:
    """The k best chains of actor ids over these facts (`_best_paths`).

    A hop's weight is that of its most confident fact: only that is kept while
    reading (the facts of the hops found are gathered afterwards).
    """
    succ: defaultdict[int, dict[int, int]] = defaultdict(dict)
    weights = _Weights()
    symmetric = _SYMMETRIC
    for f in facts:
        s, o, w = f.subject_id, f.object_id, weights[f.confidence]
        row = succ[s]
        if w < row.get(o, _NONE):
            row[o] = w
        if not directed or f.predicate in symmetric:
            row = succ[o]
            if w < row.get(s, _NONE):
                row[s] = w
    pred: defaultdict[int, dict[int, int]] = defaultdict(dict)
    for u, row in succ.items():
        for v, w in row.items():
            pred[v][u] = w
    if source not in succ or target not in pred:
        return []
    return _best_paths(succ, pred, source, target, max_hops, k)


class _Weights(dict):
    """confidence -> weight in units (`_units` of −log(confidence)), computed once each:
    confidences are rounded to 3 decimals, so there are few."""

    def __missing__(self, confidence: float) -> int:
        weight = self[confidence] = _units(-math.log(max(confidence, FLOOR)))
        return weight


def _rank(f: Fact | Edge) -> tuple[float, int, str]:
    """The order of a hop's facts: most confident, then most sources, then by predicate."""
    return (-f.confidence, -f.sources_for, f.predicate)


def _units(weight: float) -> int:
    """A weight in integer units of 1/UNITS: path weights are then exact sums, so two
    chains of equal weight tie exactly (whatever the order of the additions)."""
    return round(weight * UNITS)


def k_best_paths(graph: nx.DiGraph, source: Any, target: Any, max_hops: int,
                 k: int) -> list[list[Any]]:
    """The k lightest simple paths of at most `max_hops` edges, lightest first.

    The k shortest simple paths of networkx (`shortest_simple_paths`, Yen's
    algorithm) restricted to `max_hops`: that generator knows no hop limit and,
    on a dense graph, spends seconds on long paths only to drop them. Here an
    A* search over partial paths (`_best_paths`) pops complete paths in order of
    weight (in units of 1/UNITS); among paths of equal weight, the one of fewer
    hops first, then by their node sequences compared as tuples (nodes must be
    orderable, as entity ids are).
    """
    succ: dict[Any, dict[Any, int]] = {u: {} for u in graph}
    pred: dict[Any, dict[Any, int]] = {v: {} for v in graph}
    for u, v, weight in graph.edges(data="weight"):
        succ[u][v] = pred[v][u] = _units(weight)
    return _best_paths(succ, pred, source, target, max_hops, k)


def _best_paths(succ: dict[Any, dict[Any, int]], pred: dict[Any, dict[Any, int]],
                source: Any, target: Any, max_hops: int, k: int) -> list[list[Any]]:
    """`k_best_paths` over weighted adjacency maps (u -> {v: weight}, v -> {u: weight}).

    A* over partial paths. The heuristic is exact for walks: `h[r][v]`, the least
    weight from v to the target in at most r hops (a backward Bellman-Ford bounded
    by hops; the simple-path constraint is what it relaxes), so it never
    overestimates and never decreases along an edge (h[r][u] <= w(u, v) + h[r-1][v]).
    A partial path of cost g ending at u, with r hops left, extends to v with
    f = g + w(u, v) + h[r-1][v], and not at all where h[r-1][v] is unknown (no walk
    of r-1 hops or fewer reaches the target from v).

    The heap's key is (f, hops + the fewest hops from the end to the target, nodes):
    a lower bound, in this order, of the key (weight, hops, nodes) of every complete
    path the partial one leads to, and never smaller than its parent's, so complete
    paths are popped in the order of that key: by weight, then fewer hops, then
    by node sequence. MAX_EXPANSIONS bounds the pops.
    """
    if source == target:
        return [[source]] if k > 0 else []
    h, fewest = _to_target(pred, target, max_hops - 1)
    found: list[list[Any]] = []
    heap: list[tuple[int, int, tuple, int]] = [(0, 0, (source,), 0)]
    pops = 0
    while heap and len(found) < k and pops < MAX_EXPANSIONS:
        _, _, nodes, cost = heappop(heap)
        pops += 1
        u = nodes[-1]
        if u == target:
            found.append(list(nodes))
            continue
        hops = len(nodes)  # the hops of the extended path
        ahead = h[max_hops - hops]
        for v, weight in succ.get(u, {}).items():
            rest = ahead.get(v)
            if rest is None or v in nodes:
                continue
            g = cost + weight
            heappush(heap, (g + rest, hops + fewest[v], (*nodes, v), g))
    return found


def _to_target(pred: dict[Any, dict[Any, int]], target: Any,
               rounds: int) -> tuple[list[dict[Any, int]], dict[Any, int]]:
    """h[r][v] for r in 0..rounds: the least weight of a walk of at most r hops from v
    to the target (v absent: none), and each node's fewest hops to the target."""
    level = {target: 0}
    h = [level]
    fewest = {target: 0}
    changed = level
    for r in range(1, rounds + 1):
        level = dict(level)
        improved: dict[Any, int] = {}
        for v, to_v in changed.items():
            for u, weight in pred.get(v, {}).items():
                cost = weight + to_v
                old = level.get(u)
                if (old is None or cost < old) and u != target:
                    level[u] = improved[u] = cost
                    if old is None:
                        fewest[u] = r
        h.append(level)
        changed = improved
        if not changed:
            h.extend([level] * (rounds - r))
            break
    return h, fewest


def path_dict(session: Session, path: Path, with_evidence: bool = True) -> dict[str, Any]:
    """A path as JSON: its actors, confidence, and each hop with its fact(s) and evidence."""
    hops = []
    for hop in path.hops:
        fact = hop.fact
        hops.append({
            "from": hop.source, "to": hop.target, "predicate": fact.predicate,
            "direction": hop.direction,
            "fact": fact.to_dict(evidence(session, fact) if with_evidence else None),
            "also": [f.to_dict() for f in hop.facts[1:]]})
    return {"actors": path.nodes, "length": len(path.hops), "confidence": path.confidence,
            "chain": path.describe(), "hops": hops}
