"""The actor network as a whole: `threatnet network`.

* **centrality** on the undirected actor graph (every fact between two
  actors is one link): degree (how many actors one is linked to) and
  betweenness (networkx, normalised): the share of shortest links between
  other actors that pass through one — the brokers between groups.
* **communities**: Louvain (networkx `louvain_communities`, fixed seed, so
  the same store gives the same communities) over the links that bring
  actors together — every class except opposition (allies, supporters,
  suppliers, members; enemies are not a community), weighted by confidence.
* **change** between two dates: the facts known on `until` and not on
  `since` (added) and the reverse (removed: denied or re-extracted away).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from sqlalchemy.orm import Session

from threatnet.analyse.claims import entities
from threatnet.analyse.graph import Fact, load_facts

SEED = 42
COMMUNITY_EXCLUDED = ("opposition",)


def undirected(facts: Iterable[Fact], exclude_classes: Iterable[str] = ()) -> nx.Graph:
    graph = nx.Graph()
    excluded = set(exclude_classes)
    for f in facts:
        graph.add_node(f.subject_id, name=f.subject)
        graph.add_node(f.object_id, name=f.object)
        if f.predicate_class in excluded:
            continue
        if graph.has_edge(f.subject_id, f.object_id):
            data = graph.edges[f.subject_id, f.object_id]
            data["weight"] = max(data["weight"], f.confidence)
            data["facts"].append(f)
        else:
            graph.add_edge(f.subject_id, f.object_id, weight=f.confidence, facts=[f])
    return graph


def analyse(facts: list[Fact], types: dict[int, str] | None = None) -> dict[str, Any]:
    """Actors with degree and betweenness, and communities, of these facts."""
    types = types or {}
    # one order whatever the input's, so Louvain's seeded result depends on the facts only
    facts = sorted(facts, key=lambda f: (f.subject, f.predicate, f.object, f.key))
    graph = undirected(facts)
    degree = dict(graph.degree())
    betweenness = nx.betweenness_centrality(graph) if graph.number_of_nodes() > 2 else {}
    together = undirected(facts, COMMUNITY_EXCLUDED)
    together.remove_nodes_from([n for n in list(together) if together.degree(n) == 0])
    communities = []
    if together.number_of_edges():
        found = nx.community.louvain_communities(together, weight="weight", seed=SEED)
        found = sorted((sorted(c, key=lambda n: together.nodes[n]["name"]) for c in found),
                       key=lambda c: (-len(c), together.nodes[c[0]]["name"]))
        communities = [{"community": i + 1, "size": len(c),
                        "actors": [together.nodes[n]["name"] for n in c]}
                       for i, c in enumerate(found)]
    member = {name: c["community"] for c in communities for name in c["actors"]}
    actors = [{"actor": graph.nodes[n]["name"], "type": types.get(n), "degree": degree[n],
               "betweenness": round(betweenness.get(n, 0.0), 4),
               "community": member.get(graph.nodes[n]["name"])}
              for n in graph]
    actors.sort(key=lambda a: (-a["betweenness"], -a["degree"], a["actor"]))
    return {"actors": actors, "communities": communities,
            "facts": len(facts), "links": graph.number_of_edges()}


def change(before: list[Fact], after: list[Fact]) -> dict[str, list[dict[str, Any]]]:
    """Facts added and removed between two states of the graph."""
    old = {f.key: f for f in before}
    new = {f.key: f for f in after}
    def rows(facts: list[Fact]) -> list[dict[str, Any]]:
        return [_change_row(f) for f in sorted(facts, key=lambda f: (f.first_seen or "",
                                                                     f.subject, f.object))]

    return {"added": rows([new[k] for k in new.keys() - old.keys()]),
            "removed": rows([old[k] for k in old.keys() - new.keys()])}


def _change_row(f: Fact) -> dict[str, Any]:
    return {"subject": f.subject, "predicate": f.predicate, "object": f.object,
            "confidence": f.confidence, "first_seen": f.first_seen, "sources": f.sources}


def network(session: Session, as_of: str | None = None, since: str | None = None,
            until: str | None = None, min_confidence: float = 0.0) -> dict[str, Any]:
    """The network on `as_of` (or `until`), and its change since `since` when given."""
    types = {v.id: v.type for v in entities(session).values()}

    def facts(when: str | None) -> list[Fact]:
        return [f for f in load_facts(session, when) if f.confidence >= min_confidence]

    now = until or as_of
    current = facts(now)
    out = {"as_of": now, **analyse(current, types)}
    if since is not None:
        out["change"] = {"since": since, "until": now, **change(facts(since), current)}
    return out
