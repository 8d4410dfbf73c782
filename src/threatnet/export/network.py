"""The actor network as GraphML or GEXF (networkx writers), for Gephi, yEd and Cytoscape.

Nodes are entities (actors by default; every entity type with `everything`),
edges the facts between them, one per fact, with scalar attributes only:
predicate, class, confidence, Admiralty grade, strongest modality, claims and
sources for and against, first and last seen. Each edge also carries its
time interval: `start` / `end` in GEXF (a dynamic graph Gephi's timeline
plays) and `interval` ("<[first, last]>", Gephi's interval syntax) in GraphML.
Only facts some claim affirms are edges; a fact only denied never is. With every entity
type, what the actors' incidents show is added as edges marked `derived` (an actor's
places and target types, by incident), never as facts.
"""

from __future__ import annotations

import io
from collections import Counter

import networkx as nx

from threatnet.analyse.graph import ACTOR_TYPES
from threatnet.analyse.incident_facts import derive
from threatnet.errors import ExportError
from threatnet.export.common import ExportData


def network(data: ExportData, everything: bool = False, dynamic: bool = False) -> nx.MultiDiGraph:
    """The graph of `data`'s facts; `dynamic` adds GEXF `start`/`end` to nodes and edges."""
    graph = nx.MultiDiGraph(name="threatnet actor network")
    wanted = None if everything else ACTOR_TYPES
    claims = Counter(i for c in data.claims for i in (c.subject_id, c.object_id))
    for ef in data.facts:
        f, g = ef.fact, ef.grade
        ends = (data.entities[f.subject_id].view, data.entities[f.object_id].view)
        if wanted is not None and not all(v.type in wanted for v in ends):
            continue
        for v in ends:
            if v.id not in graph:
                graph.add_node(str(v.id), label=v.name, type=v.type, pack_id=v.pack_id or "",
                               claims=claims[v.id])
        first, last = f.first_seen or "", f.last_seen or f.first_seen or ""
        attrs = {"label": f.predicate, "predicate": f.predicate, "class": f.predicate_class,
                 "directed": not f.symmetric, "confidence": f.confidence, "weight": f.confidence,
                 "grade": g.code, "modality": f.strongest_modality or "",
                 "claims_for": f.claims_for, "claims_against": f.claims_against,
                 "sources_for": f.sources_for, "sources_against": f.sources_against,
                 "first_seen": first, "last_seen": last}
        if dynamic and first:
            attrs["start"], attrs["end"] = first, last
        elif not dynamic:
            attrs["interval"] = f"<[{first}, {last}]>" if first else ""
        graph.add_edge(str(f.subject_id), str(f.object_id), key=f.predicate, **attrs)
    if everything:
        _derived_edges(graph, data, dynamic)
    if dynamic:
        _node_spells(graph)
    return graph


def _derived_edges(graph: nx.MultiDiGraph, data: ExportData, dynamic: bool) -> None:
    """What the actors' incidents show (`analyse.incident_facts`): actor -operates_in->
    place and actor -attacks-> target type, marked `derived` with their incidents' count;
    no claim says them, so they never weigh as facts do."""
    actors = {p["actor_id"]: p["actor"] for i in data.incidents for p in i["perpetrators"]}
    for actor_id, name in sorted(actors.items()):
        derived = derive(data.incidents, actor_id)
        if not derived["attacks"] and not derived["operates_in"]:
            continue
        view = data.entities.get(actor_id)
        if str(actor_id) not in graph:
            graph.add_node(str(actor_id), label=name, type=view.view.type if view else "",
                           pack_id=(view.view.pack_id or "") if view else "", claims=0)
        for relation in derived["operates_in"] + derived["attacks"]:
            if relation["predicate"] == "operates_in":
                node, label, kind = str(relation["place_id"]), relation["place"], "location"
            else:
                node = f"target_type:{relation['target_type']}"
                label, kind = relation["target_type"], "target_type"
            if node not in graph:
                graph.add_node(node, label=label, type=kind, pack_id="", claims=0)
            dates = sorted(e["date"] for e in relation["evidence"] if e["date"])
            attrs = {"label": relation["predicate"], "predicate": relation["predicate"],
                     "class": "derived", "directed": True, "derived": "incidents",
                     "incidents": relation["incidents"], "weight": float(relation["incidents"]),
                     "modality": relation["strongest_modality"],
                     "first_seen": dates[0] if dates else "",
                     "last_seen": dates[-1] if dates else ""}
            if dynamic and dates:
                attrs["start"], attrs["end"] = dates[0], dates[-1]
            graph.add_edge(str(actor_id), node, key=f"derived:{relation['predicate']}", **attrs)


def _node_spells(graph: nx.MultiDiGraph) -> None:
    """A node lives from its first edge to its last, so the timeline shows it with them."""
    for node in graph.nodes:
        dates = [d for _, _, e in graph.edges(node, data=True) for d in (e.get("start"),
                                                                          e.get("end")) if d]
        dates += [d for _, _, e in graph.in_edges(node, data=True)
                  for d in (e.get("start"), e.get("end")) if d]
        if dates:
            graph.nodes[node]["start"], graph.nodes[node]["end"] = min(dates), max(dates)


def graphml(data: ExportData, everything: bool = False) -> str:
    buffer = io.BytesIO()
    try:
        nx.write_graphml(network(data, everything), buffer, named_key_ids=True)
    except (nx.NetworkXError, ValueError) as exc:
        raise ExportError(f"the GraphML file could not be written: {exc}") from None
    return buffer.getvalue().decode("utf-8")


def gexf(data: ExportData, everything: bool = False) -> str:
    graph = network(data, everything, dynamic=True)
    graph.graph["mode"] = "dynamic"
    buffer = io.BytesIO()
    try:
        nx.write_gexf(graph, buffer)
    except (nx.NetworkXError, ValueError) as exc:
        raise ExportError(f"the GEXF file could not be written: {exc}") from None
    return buffer.getvalue().decode("utf-8")
