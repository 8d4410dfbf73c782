"""Chains of facts linking two actors: `threatnet path A B`.

A hop follows a directed fact from its subject to its object only (Iran
—supplies→ Al-Qaeda leads from Iran to Al-Qaeda, not back); a symmetric fact
(cooperates_with, fights, …) can be walked both ways. Between two actors the
hop is the best-supported of the facts that pass the filters (predicate or
class, minimum confidence); the others are listed with it.

Paths are the k shortest simple paths of at most `max_hops` hops (what
networkx `shortest_simple_paths` gives, within the hop limit: `k_best_paths`)
with a hop's weight −log(confidence): the first path is the one whose
chained confidence (the product of its hops' confidences) is highest, i.e.
the best-supported, and a longer chain of strong facts can come before a
short chain of weak ones.

The search walks `graph.load_edges` (each fact's confidence and number of
sources, from one grouped query), then the full facts of the hops kept are
loaded (`graph.load_facts` between their actors): the same facts, found
without building every fact of the store.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from heapq import heappop, heappush
from itertools import count
from typing import Any

import networkx as nx
from sqlalchemy.orm import Session

from threatnet.analyse.graph import (
    Edge,
    Fact,
    evidence,
    load_edges,
    load_facts,
    select_predicates,
)
from threatnet.errors import ThreatnetError

MAX_EXPANSIONS = 200_000  # partial paths examined at most (a bound on dense graphs)
FLOOR = 1e-6


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
            parts.append(f"—{hop.fact.predicate}→ {hop.target}")
        return " ".join(parts)


def find_paths(session: Session, source: int, target: int, *,
               classes: Iterable[str] | None = None, predicates: Iterable[str] | None = None,
               min_confidence: float = 0.0, max_hops: int = 4, k: int = 5,
               as_of: str | None = None) -> list[Path]:
    """The k best-supported chains of facts from actor `source` to actor `target`."""
    if max_hops < 1:
        raise ThreatnetError(f"--max-hops {max_hops}: must be at least 1")
    if source == target:
        raise ThreatnetError("the two ends of a path are the same actor")
    chosen = select_predicates(classes, predicates)
    # search the light edges, then load the full facts of the hops found only
    edges = [e for e in load_edges(session, as_of, chosen) if e.confidence >= min_confidence]
    found = paths_between(edges, source, target, max_hops=max_hops, k=k)
    if not found:
        return []
    ends = {(u, v) for path in found for hop in path.hops for u, v in [hop.ends]}
    full = {f.key: f for f in load_facts(session, as_of, chosen,
                                         entity_ids={i for pair in ends for i in pair})}
    for path in found:
        for hop in path.hops:
            hop.facts = [full[e.key] for e in hop.facts]
    return found


def paths_between(facts: Iterable[Fact | Edge], source: int, target: int, *,
                  max_hops: int = 4, k: int = 5) -> list[Path]:
    """The k best-supported simple paths over these facts (direction-aware)."""
    hops: dict[tuple[int, int], list] = {}
    names: dict[int, str] = {}
    for f in facts:
        names[f.subject_id], names[f.object_id] = f.subject, f.object
        ends = [(f.subject_id, f.object_id)]
        if f.symmetric:
            ends.append((f.object_id, f.subject_id))
        for u, v in ends:
            hops.setdefault((u, v), []).append(f)
    succ: dict[int, dict[int, float]] = {}
    pred: dict[int, list[int]] = {}
    rank = lambda f: (-f.confidence, -f.sources_for, f.predicate)  # noqa: E731
    for (u, v), options in hops.items():
        best = min(options, key=rank)
        succ.setdefault(u, {})[v] = -math.log(max(best.confidence, FLOOR))
        pred.setdefault(v, []).append(u)
    if source not in names or target not in names:
        return []
    found = []
    for nodes in _best_paths(succ, pred, source, target, max_hops, k):
        steps = list(zip(nodes, nodes[1:], strict=False))
        found.append(Path([names[n] for n in nodes],
                          [Hop(names[u], names[v], sorted(hops[(u, v)], key=rank), (u, v))
                           for u, v in steps]))
    return found


def k_best_paths(graph: nx.DiGraph, source: int, target: int, max_hops: int,
                 k: int) -> list[list[int]]:
    """The k lightest simple paths of at most `max_hops` edges, lightest first.

    The k shortest simple paths of networkx (`shortest_simple_paths`, Yen's
    algorithm) restricted to `max_hops`: that generator knows no hop limit and,
    on a dense graph, spends seconds on long paths only to drop them. Here a
    best-first search over partial paths, pruned by each node's hop distance
    to the target (a BFS backwards from it), pops complete paths in order of
    weight — the same paths, in the same order (ties by discovery).
    """
    succ = {u: {v: data["weight"] for v, data in graph[u].items()} for u in graph}
    pred = {v: list(graph.predecessors(v)) for v in graph}
    return _best_paths(succ, pred, source, target, max_hops, k)


def _best_paths(succ: dict[int, dict[int, float]], pred: dict[int, list[int]], source: int,
                target: int, max_hops: int, k: int) -> list[list[int]]:
    """`k_best_paths` over plain adjacency maps (successor -> weight; predecessors)."""
    to_target = {target: 0}
    frontier = [target]
    for depth in range(1, max_hops + 1):  # hop distances to the target, backwards
        nxt = []
        for v in frontier:
            for u in pred.get(v, ()):
                if u not in to_target:
                    to_target[u] = depth
                    nxt.append(u)
        frontier = nxt
    if source not in to_target:
        return []
    found: list[list[int]] = []
    tie = count()
    heap: list[tuple[float, int, list[int]]] = [(0.0, next(tie), [source])]
    pops = 0
    while heap and len(found) < k and pops < MAX_EXPANSIONS:
        cost, _, nodes = heappop(heap)
        pops += 1
        u = nodes[-1]
        if u == target:
            found.append(nodes)
            continue
        for v, weight in succ.get(u, {}).items():
            remaining = to_target.get(v)
            if remaining is None or len(nodes) + remaining > max_hops or v in nodes:
                continue
            heappush(heap, (cost + weight, next(tie), [*nodes, v]))
    return found


def path_dict(session: Session, path: Path, with_evidence: bool = True) -> dict[str, Any]:
    """A path as JSON: its actors, confidence, and each hop with its fact(s) and evidence."""
    hops = []
    for hop in path.hops:
        fact = hop.fact
        hops.append({
            "from": hop.source, "to": hop.target, "predicate": fact.predicate,
            "direction": "symmetric" if fact.symmetric else "forward",
            "fact": fact.to_dict(evidence(session, fact) if with_evidence else None),
            "also": [f.to_dict() for f in hop.facts[1:]]})
    return {"actors": path.nodes, "length": len(path.hops), "confidence": path.confidence,
            "chain": path.describe(), "hops": hops}
