"""The actor graph: facts aggregated from claims, as a networkx MultiDiGraph.

A *fact* is every claim about one (subject, predicate, object) — symmetric
predicates with their two ends in a fixed order — from every document
published up to `as_of`. A fact is an edge of the graph when at least one
claim affirms it. Claims of hypothetical modality (feared or conditional
futures: "could push them toward aligning with ISIS") never make an edge:
they are not relations.

Confidence of a fact (documented, in [0, 1]):

    per independent source, the best confidence among its claims;
    p_for     = 1 - prod(1 - c)  over the sources affirming it   (noisy-OR)
    p_against = 1 - prod(1 - c)  over the sources negating it
    confidence = p_for * (1 - p_against)

so two independent sources corroborate each other, one source repeating
itself does not, and a denial weakens the fact without hiding it.

Nodes are actors (armed groups, states, government bodies, organisations,
persons) by canonical entity id; a symmetric fact is an edge in both
directions (`directed=False` on the edge). The facts known now are read from
the facts summary (`store.summary`: one row per stored triple, aggregated when
claims change), so a store of a million claims loads a row per fact; `as_of`
aggregates the claims of the documents published by then in SQL (grouped by
triple, polarity, modality and source). The evidence sentences of a fact are
read on demand (`evidence`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from threatnet.analyse.claims import (
    ClaimView,
    EntityView,
    as_of_bound,
    entities,
    source_key,
)
from threatnet.model import PREDICATES, Modality, is_symmetric
from threatnet.store.schema import (
    NOT_REJECTED,
    ClaimRow,
    DocumentRow,
    FactGradeRow,
    FactLinkRow,
    FactSummaryRow,
)
from threatnet.store.summary import author_outlet

ACTOR_TYPES = frozenset({"armed_group", "state", "government_body", "organization", "person"})
EXCLUDED_MODALITIES = ("hypothetical",)
EVIDENCE_PER_FACT = 3
MAX_SQL_IDS = 20_000  # beyond this many actors, filter by type in Python
MAX_PAIR_TERMS = 200  # beyond this many subjects, the `pairs` filter reads among their ids
_RANK = {m.value: i for i, m in enumerate(Modality)}  # Modality.rank without the enum walk


@dataclass
class Support:
    """The claims of one fact from one independent source, with one polarity."""

    source_key: str
    source: str | None
    affirmed: bool
    claims: int
    best_confidence: float
    strongest_modality: str
    first_seen: str | None
    last_seen: str | None
    claim_ids: list[int] = field(default_factory=list)


@dataclass
class Fact:
    """One (subject, predicate, object) of the graph with its support and confidence."""

    subject_id: int
    subject: str
    predicate: str
    object_id: int
    object: str
    support: list[Support] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def predicate_class(self) -> str:
        return PREDICATES[self.predicate][0]

    @property
    def symmetric(self) -> bool:
        return is_symmetric(self.predicate)

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.subject_id, self.predicate, self.object_id)

    def _side(self, affirmed: bool) -> list[Support]:
        return [s for s in self.support if s.affirmed == affirmed]

    @property
    def claims_for(self) -> int:
        return sum(s.claims for s in self._side(True))

    @property
    def claims_against(self) -> int:
        return sum(s.claims for s in self._side(False))

    @property
    def sources_for(self) -> int:
        return len({s.source_key for s in self._side(True)})

    @property
    def sources_against(self) -> int:
        return len({s.source_key for s in self._side(False)})

    @property
    def confidence(self) -> float:
        return round(_noisy_or(self._side(True)) * (1 - _noisy_or(self._side(False))), 3)

    @property
    def strongest_modality(self) -> str | None:
        mods = [s.strongest_modality for s in self._side(True)]
        return min(mods, key=lambda m: Modality(m).rank) if mods else None

    @property
    def first_seen(self) -> str | None:
        dates = [s.first_seen for s in self.support if s.first_seen]
        return min(dates) if dates else None

    @property
    def last_seen(self) -> str | None:
        dates = [s.last_seen for s in self.support if s.last_seen]
        return max(dates) if dates else None

    @property
    def sources(self) -> list[str]:
        return sorted({s.source or "(author)" for s in self._side(True)})

    def claim_ids(self, affirmed: bool | None = True) -> list[int]:
        return sorted(i for s in self.support if affirmed is None or s.affirmed == affirmed
                      for i in s.claim_ids)

    def label(self) -> str:
        arrow = "—" if self.symmetric else "→"
        return f"{self.subject} —{self.predicate}{arrow} {self.object}"

    def to_dict(self, evidence: list[ClaimView] | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject, "predicate": self.predicate, "object": self.object,
            "class": self.predicate_class, "symmetric": self.symmetric,
            "confidence": self.confidence, "claims_for": self.claims_for,
            "claims_against": self.claims_against, "sources_for": self.sources_for,
            "sources_against": self.sources_against, "sources": self.sources,
            "strongest_modality": self.strongest_modality,
            "first_seen": self.first_seen, "last_seen": self.last_seen}
        if self.items:
            out["items"] = list(self.items)
        if evidence is not None:
            out["evidence"] = [_evidence_dict(c) for c in evidence]
        return out


def _noisy_or(side: list[Support]) -> float:
    best: dict[str, float] = {}
    for s in side:
        best[s.source_key] = max(best.get(s.source_key, 0.0), s.best_confidence)
    return noisy_or(best.values())


def noisy_or(confidences: Iterable[float]) -> float:
    """1 − Π(1 − c), multiplied in ascending order of c: the same float whatever the
    order the sources came in (the order of SQL groups differs between queries and backends)."""
    values = [c if 0.0 <= c <= 1.0 else min(max(c, 0.0), 1.0) for c in confidences]
    if len(values) > 1:
        values.sort()
    p = 1.0
    for c in values:
        p *= 1 - c
    return 1 - p


def _evidence_dict(c: ClaimView) -> dict[str, Any]:
    return {"claim": c.id, "text": c.evidence_text, "source": c.source or "(author)",
            "modality": c.modality, "polarity": c.polarity, "published": c.published,
            "document": c.document_id}


# -- building facts ---------------------------------------------------------------------


class _Builder:
    """Accumulates (triple, polarity, modality, source) groups into facts."""

    def __init__(self, names: dict[int, str], denied: bool = False) -> None:
        self.names = names
        self.denied = denied  # keep the facts no claim affirms, only denials
        self.facts: dict[tuple[int, str, int], Fact] = {}
        self.supports: dict[tuple[tuple[int, str, int], str, bool], Support] = {}

    def add(self, subject: int, predicate: str, obj: int, affirmed: bool, modality: str,
            key: str, source: str | None, claims: int, best: float, first: str | None,
            last: str | None, claim_ids: Iterable[int], item: str | None = None) -> None:
        if subject == obj:
            return
        if is_symmetric(predicate) and obj < subject:
            subject, obj = obj, subject
        triple = (subject, predicate, obj)
        fact = self.facts.get(triple)
        if fact is None:
            fact = self.facts[triple] = Fact(subject, self.names[subject], predicate, obj,
                                             self.names[obj])
        if item and affirmed and item not in fact.items:
            fact.items.append(item)
        sup = self.supports.get((triple, key, affirmed))
        if sup is None:
            sup = self.supports[(triple, key, affirmed)] = Support(
                key, source, affirmed, claims, max(best, 0.0), modality, first, last)
            fact.support.append(sup)
        else:
            sup.claims += claims
            if source and (not sup.source or source < sup.source):
                sup.source = source  # one source in several words: the same one each time
            if best > sup.best_confidence:
                sup.best_confidence = best
            if _RANK[modality] < _RANK[sup.strongest_modality]:
                sup.strongest_modality = modality
            if first and (not sup.first_seen or first < sup.first_seen):
                sup.first_seen = first
            if last and (not sup.last_seen or last > sup.last_seen):
                sup.last_seen = last
        for i in claim_ids:
            if len(sup.claim_ids) < EVIDENCE_PER_FACT:
                sup.claim_ids.append(i)

    def result(self) -> list[Fact]:
        return [f for f in self.facts.values()
                if f.claims_for or (self.denied and f.claims_against)]


def facts_from_claims(claims: Iterable[ClaimView], node_types: Iterable[str] | None = None,
                      types: dict[int, str] | None = None) -> list[Fact]:
    """Facts (with at least one affirming claim) from claim views, e.g. `load_claims`'s.

    `node_types` with `types` (entity id -> type) keeps only facts between
    entities of those types.
    """
    claims = list(claims)
    names = {}
    for c in claims:
        names[c.subject_id], names[c.object_id] = c.subject, c.object
    builder = _Builder(names)
    wanted = set(node_types) if node_types is not None else None
    for c in claims:
        if c.modality in EXCLUDED_MODALITIES or c.predicate not in PREDICATES:
            continue
        if wanted is not None and types is not None and not (
                types.get(c.subject_id) in wanted and types.get(c.object_id) in wanted):
            continue
        builder.add(c.subject_id, c.predicate, c.object_id, c.affirmed, c.modality,
                    c.source_key, c.source, 1, c.confidence, c.published, c.published, [c.id],
                    # what was supplied (a claim corrected to another predicate keeps it)
                    _item(c.qualifiers) if c.predicate == "supplies" else None)
    return builder.result()


def _item(qualifiers: dict[str, Any] | None) -> str | None:
    item = (qualifiers or {}).get("item")
    return str(item) if item else None


def _members(views: dict[int, EntityView], ids: Iterable[int]) -> list[int]:
    """Every stored id (merged ones too) of these canonical entities."""
    wanted = {views[i].id for i in ids if i in views}
    return [i for i, v in views.items() if v.id in wanted]


class _Pairs:
    """Pairs of entities, unordered, by canonical id: the `pairs` filter of `load_facts`."""

    def __init__(self, views: dict[int, EntityView], pairs: Iterable[tuple[int, int]]) -> None:
        self.views = views
        self.wanted: set[tuple[int, int]] = set()
        for a, b in pairs:
            if a in views and b in views:
                a, b = views[a].id, views[b].id
                self.wanted.add((a, b) if a < b else (b, a))

    def __contains__(self, ends: tuple[int, int]) -> bool:
        """Whether the (canonical) subject and object are one of the pairs."""
        a, b = ends
        return ((a, b) if a < b else (b, a)) in self.wanted

    def clause(self, subject: Any, predicate: Any, obj: Any,
               predicates: Iterable[str] | None) -> Any:
        """SQL: rows whose subject and object are stored ids (merged ones too) of one of
        the pairs, either way round, and whose predicate is one of `predicates` (None:
        any); an OR of (subject = x [AND predicate IN (…)] AND object IN (…)) per
        subject, which SQLite answers with an index search per term (the predicates
        belong inside the terms: beside them, SQLite would read every row of those
        predicates by their index instead). Beyond MAX_PAIR_TERMS subjects, only rows
        among their ids (the caller keeps the pairs' own: `in`)."""
        chosen = [predicate.in_(sorted(set(predicates)))] if predicates is not None else []
        members: dict[int, list[int]] = defaultdict(list)
        for i, v in self.views.items():
            members[v.id].append(i)
        objects: dict[int, set[int]] = defaultdict(set)
        for a, b in self.wanted:
            for x, y in ((a, b), (b, a)):
                for i in members[x]:
                    objects[i].update(members[y])
        if len(objects) > MAX_PAIR_TERMS:
            ids = sorted(objects)
            return and_(subject.in_(ids), *chosen, obj.in_(ids))
        return or_(*(and_(subject == i, *chosen, obj.in_(sorted(ends)))
                     for i, ends in sorted(objects.items())))


_author_outlet = author_outlet  # the outlet of a claim in the author's own voice, else NULL


def _support_query(views: dict[int, EntityView], as_of: str | None,
                   predicates: Iterable[str] | None, wanted_types: set[str] | None,
                   entity_ids: Iterable[int] | None, columns: list,
                   modality: bool, pairs: _Pairs | None = None) -> tuple[Select, list]:
    """Claims grouped by triple, polarity, (modality,) source; `columns` aggregate them.

    The outlet is a source only for the author's own voice (`source_key`): other
    claims are not split by outlet.
    """
    group = [ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id, ClaimRow.polarity,
             *([ClaimRow.modality] if modality else []), ClaimRow.source,
             ClaimRow.source_entity_id, _author_outlet()]
    query = select(*group, *columns).join(
        DocumentRow, DocumentRow.id == ClaimRow.document_id).where(
        ClaimRow.modality.not_in(EXCLUDED_MODALITIES), NOT_REJECTED)
    bound = as_of_bound(as_of)
    if bound:
        query = query.where(DocumentRow.published.is_not(None), DocumentRow.published <= bound)
    if predicates is not None and pairs is None:
        query = query.where(ClaimRow.predicate.in_(sorted(set(predicates))))
    if entity_ids is not None:
        members = _members(views, entity_ids)
        query = query.where(ClaimRow.subject_id.in_(members), ClaimRow.object_id.in_(members))
    if pairs is not None:
        query = query.where(pairs.clause(ClaimRow.subject_id, ClaimRow.predicate,
                                         ClaimRow.object_id, predicates))
    elif entity_ids is None and wanted_types is not None and predicates is None:
        # (with predicates, their index narrows the claims: an IN list here would make
        # SQLite probe that index once per pair of actors instead; the caller filters)
        allowed = [i for i, v in views.items() if v.type in wanted_types]
        if len(allowed) < min(len(views), MAX_SQL_IDS):
            # actors are few next to the claims: filter in the database
            query = query.where(ClaimRow.subject_id.in_(allowed),
                                ClaimRow.object_id.in_(allowed))
    return query, group


def load_facts(session: Session, as_of: str | None = None,
               predicates: Iterable[str] | None = None,
               node_types: Iterable[str] | None = ACTOR_TYPES,
               entity_ids: Iterable[int] | None = None,
               pairs: Iterable[tuple[int, int]] | None = None,
               denied: bool = False) -> list[Fact]:
    """The facts of the store known on `as_of`, aggregated in SQL.

    `predicates` keeps only those predicates; `node_types` only facts whose
    two ends are entities of those types (None: every entity); `entity_ids`
    only facts between two of those (canonical) entities; `pairs` only facts
    between the two entities of one of those pairs, either way round (what a path
    search needs of its hops: not every fact among its actors). `denied` adds the facts
    only denied (no claim affirms them: confidence 0), which are not edges of the graph.
    """
    views = entities(session)  # every id (merged ones too) -> its canonical view
    names = {v.id: v.name for v in views.values()}
    builder = _Builder(names, denied)
    wanted_types = set(node_types) if node_types is not None else None
    between = _Pairs(views, pairs) if pairs is not None else None
    if between is not None and not between.wanted:
        return []
    if not as_of:
        return _summary_facts(session, views, builder, predicates, wanted_types, entity_ids,
                              between)
    query, group = _support_query(views, as_of, predicates, wanted_types, entity_ids, [
        func.count(), func.max(ClaimRow.confidence),
        func.min(DocumentRow.published), func.max(DocumentRow.published),
        func.min(ClaimRow.id), func.max(ClaimRow.id)], True, between)
    for (s, p, o, polarity, modality, source, source_entity, outlet, n, best, first, last,
         lo, hi) in session.execute(query.group_by(*group)):
        if p not in PREDICATES:
            continue
        if wanted_types is not None and (views[s].type not in wanted_types
                                         or views[o].type not in wanted_types):
            continue
        if between is not None and (views[s].id, views[o].id) not in between:
            continue
        entity = views[source_entity].id if source_entity is not None else None
        builder.add(views[s].id, p, views[o].id, polarity == "affirmed", modality,
                    source_key(source, entity, outlet), source, n, best or 0.0, first, last,
                    sorted({lo, hi}))
    facts = builder.result()
    _add_items(session, facts, views, as_of, entity_ids, between)
    return facts


class Edge(NamedTuple):
    """A fact reduced to what a search over the graph needs (see `load_edges`); a named
    tuple: a million-claim store has hundreds of thousands of them."""

    subject_id: int
    subject: str
    predicate: str
    object_id: int
    object: str
    confidence: float
    sources_for: int

    @property
    def symmetric(self) -> bool:
        return is_symmetric(self.predicate)

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.subject_id, self.predicate, self.object_id)


def load_edges(session: Session, as_of: str | None = None,
               predicates: Iterable[str] | None = None,
               node_types: Iterable[str] | None = ACTOR_TYPES) -> list[Edge]:
    """The facts of `load_facts` with only their confidence and number of sources.

    The same facts with the same confidence, from a lighter query (no dates,
    modalities, claim ids or items): what a path search walks over before it
    loads the full facts of the hops it keeps.
    """
    views = entities(session)
    wanted_types = set(node_types) if node_types is not None else None
    if not as_of:
        return _kept_edges(session, views, predicates, wanted_types)
    query, group = _support_query(views, as_of, predicates, wanted_types, None,
                                  [func.max(ClaimRow.confidence)], False)
    best: dict[tuple[int, str, int], tuple[dict[str, float], dict[str, float]]] = {}
    keys: dict[tuple, str] = {}
    canonical = {i: v.id for i, v in views.items()}
    symmetric = {p for p in PREDICATES if is_symmetric(p)}
    for s, p, o, polarity, source, source_entity, outlet, conf in \
            session.execute(query.group_by(*group)):
        if p not in PREDICATES:
            continue
        if wanted_types is not None and (views[s].type not in wanted_types
                                         or views[o].type not in wanted_types):
            continue
        a, b = canonical[s], canonical[o]
        if a == b:
            continue
        if b < a and p in symmetric:
            a, b = b, a
        sides = best.get((a, p, b))
        if sides is None:
            sides = best[(a, p, b)] = ({}, {})
        key = keys.get((source, source_entity, outlet))
        if key is None:
            entity = canonical[source_entity] if source_entity is not None else None
            key = keys[(source, source_entity, outlet)] = source_key(source, entity, outlet)
        side = sides[0 if polarity == "affirmed" else 1]
        conf = max(conf or 0.0, 0.0)
        if conf > side.get(key, -1.0):
            side[key] = conf
    names = {v.id: v.name for v in views.values()}
    return [Edge(a, names[a], p, b, names[b],
                 round(noisy_or(yes.values()) * (1 - noisy_or(no.values())), 3), len(yes))
            for (a, p, b), (yes, no) in best.items() if yes]


# -- from the facts summary (the facts known now) ---------------------------------------


def _summary_query(views: dict[int, EntityView], columns: list,
                   predicates: Iterable[str] | None, wanted_types: set[str] | None,
                   entity_ids: Iterable[int] | None, pairs: _Pairs | None = None) -> Select:
    """Rows of the facts summary, filtered as `_support_query` filters claims."""
    query = select(*columns)
    if predicates is not None and pairs is None:
        query = query.where(FactSummaryRow.predicate.in_(sorted(set(predicates))))
    if entity_ids is not None:
        members = _members(views, entity_ids)
        query = query.where(FactSummaryRow.subject_id.in_(members),
                            FactSummaryRow.object_id.in_(members))
    if pairs is not None:
        query = query.where(pairs.clause(FactSummaryRow.subject_id, FactSummaryRow.predicate,
                                         FactSummaryRow.object_id, predicates))
    # (no IN list of the actors of `wanted_types`: SQLite would probe the key once per
    # actor instead of scanning the rows; the callers filter by type)
    return query


def _summary_facts(session: Session, views: dict[int, EntityView], builder: _Builder,
                   predicates: Iterable[str] | None, wanted_types: set[str] | None,
                   entity_ids: Iterable[int] | None, pairs: _Pairs | None = None) -> list[Fact]:
    query = _summary_query(views, [FactSummaryRow.subject_id, FactSummaryRow.predicate,
                                   FactSummaryRow.object_id, FactSummaryRow.support,
                                   FactSummaryRow.items], predicates, wanted_types, entity_ids,
                           pairs)
    items: dict[tuple[int, str, int], dict[str, tuple]] = defaultdict(dict)
    for s, p, o, support, supplied in session.connection().execute(query):
        if p not in PREDICATES:
            continue
        if wanted_types is not None and (views[s].type not in wanted_types
                                         or views[o].type not in wanted_types):
            continue
        a, b = views[s].id, views[o].id
        if pairs is not None and (a, b) not in pairs:
            continue
        for (affirmed, modality, source, source_entity, outlet, n, best, first, last, lo,
             hi, *_) in support:
            if modality in EXCLUDED_MODALITIES:
                continue
            entity = views[source_entity].id if source_entity is not None else None
            builder.add(a, p, b, affirmed, modality, source_key(source, entity, outlet),
                        source, n, best, first, last, sorted({lo, hi}))
        if supplied and a != b:
            first_claimed = items[(a, p, b)]
            for item, published, claim_id in supplied:
                order = (published is None, published or "", claim_id)
                if item not in first_claimed or order < first_claimed[item]:
                    first_claimed[item] = order
    facts = builder.result()
    for f in facts:
        if f.key in items:
            f.items = sorted(items[f.key], key=items[f.key].__getitem__)
    return facts


def _kept_edges(session: Session, views: dict[int, EntityView],
                predicates: Iterable[str] | None,
                wanted_types: set[str] | None) -> list[Edge]:
    """`load_edges` for the facts known now: each fact's confidence as a relation, kept
    with its grade (`graded`, `fact_grades.edge`)."""
    query = select(FactGradeRow.subject_id, FactGradeRow.predicate, FactGradeRow.object_id,
                   FactGradeRow.edge, FactGradeRow.edge_sources).where(
        FactGradeRow.edge.is_not(None))
    if predicates is not None:
        query = query.where(FactGradeRow.predicate.in_(sorted(set(predicates))))
    names = {v.id: v.name for v in views.values()}
    nodes = {i for i, v in views.items() if wanted_types is None or v.type in wanted_types}
    known = set(PREDICATES)
    return [Edge(s, names[s], p, o, names[o], confidence, sources)
            for s, p, o, confidence, sources in session.connection().execute(query)
            if s in nodes and o in nodes and p in known]


def load_links(session: Session) -> list[Edge]:
    """The best-supported fact from each actor to another, over every predicate (of what
    `load_edges` gives, one per pair and direction: kept as `fact_links` by `graded`; a
    symmetric fact comes once each way)."""
    views = entities(session)
    names = {v.id: v.name for v in views.values()}
    return [Edge(s, names[s], p, o, names[o], confidence, sources)
            for s, o, p, confidence, sources in session.connection().execute(select(
                FactLinkRow.subject_id, FactLinkRow.object_id, FactLinkRow.predicate,
                FactLinkRow.confidence, FactLinkRow.sources_for)).all()]


def _add_items(session: Session, facts: list[Fact], views: dict[int, EntityView],
               as_of: str | None, entity_ids: Iterable[int] | None,
               pairs: _Pairs | None = None) -> None:
    """The items supplied (`qualifiers.item`) of the supply facts, in the order claimed."""
    by_key = {f.key: f for f in facts if f.predicate == "supplies"}
    if not by_key:
        return
    query = select(ClaimRow.subject_id, ClaimRow.object_id, ClaimRow.qualifiers).join(
        DocumentRow, DocumentRow.id == ClaimRow.document_id).where(
        ClaimRow.polarity == "affirmed", ClaimRow.modality.not_in(EXCLUDED_MODALITIES),
        NOT_REJECTED)
    if pairs is None:
        query = query.where(ClaimRow.predicate == "supplies")
    bound = as_of_bound(as_of)
    if bound:
        query = query.where(DocumentRow.published.is_not(None), DocumentRow.published <= bound)
    if entity_ids is not None:
        members = _members(views, entity_ids)
        query = query.where(ClaimRow.subject_id.in_(members), ClaimRow.object_id.in_(members))
    if pairs is not None:
        query = query.where(pairs.clause(ClaimRow.subject_id, ClaimRow.predicate,
                                         ClaimRow.object_id, ["supplies"]))
    query = query.order_by(DocumentRow.published.is_(None), DocumentRow.published, ClaimRow.id)
    for s, o, qualifiers in session.execute(query):
        fact = by_key.get((views[s].id, "supplies", views[o].id))
        item = _item(qualifiers)
        if fact is not None and item and item not in fact.items:
            fact.items.append(item)


def evidence(session: Session, fact: Fact, affirmed: bool | None = True) -> list[ClaimView]:
    """Some of the claims behind a fact (up to EVIDENCE_PER_FACT per source), oldest first."""
    ids = fact.claim_ids(affirmed)
    if not ids:
        return []
    views = entities(session)
    query = select(ClaimRow, DocumentRow.published, DocumentRow.outlet, DocumentRow.source) \
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id).where(ClaimRow.id.in_(ids))
    out = []
    for c, published, outlet, doc_source in session.execute(query):
        subject, obj = views[c.subject_id], views[c.object_id]
        entity = views[c.source_entity_id].id if c.source_entity_id is not None else None
        out.append(ClaimView(
            id=c.id, subject_id=subject.id, subject=subject.name, predicate=c.predicate,
            predicate_class=PREDICATES[c.predicate][0], object_id=obj.id, object=obj.name,
            polarity=c.polarity, modality=c.modality, source=c.source,
            source_key=source_key(c.source, entity, outlet or doc_source),
            document_id=c.document_id, published=published, time_start=c.time_start,
            time_end=c.time_end, evidence_text=c.evidence_text,
            evidence_start=c.evidence_start, evidence_end=c.evidence_end,
            confidence=c.confidence, qualifiers=dict(c.qualifiers or {})))
    return sorted(out, key=lambda c: (c.published or "", c.id))


# -- the graph --------------------------------------------------------------------------


def build_graph(facts: Iterable[Fact], types: dict[int, str] | None = None) -> nx.MultiDiGraph:
    """Actors as nodes (id -> name, type), one edge per fact keyed by predicate.

    A symmetric fact is an edge both ways (the same Fact, `directed=False`).
    """
    graph = nx.MultiDiGraph()
    for f in facts:
        for node, name in ((f.subject_id, f.subject), (f.object_id, f.object)):
            if node not in graph:
                graph.add_node(node, name=name, type=(types or {}).get(node))
        graph.add_edge(f.subject_id, f.object_id, key=f.predicate, fact=f,
                       directed=not f.symmetric, confidence=f.confidence)
        if f.symmetric:
            graph.add_edge(f.object_id, f.subject_id, key=f.predicate, fact=f, directed=False,
                           confidence=f.confidence)
    return graph


def load_graph(session: Session, as_of: str | None = None,
               predicates: Iterable[str] | None = None,
               min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """The actor graph of the store on `as_of`."""
    views = entities(session)
    facts = [f for f in load_facts(session, as_of, predicates)
             if f.confidence >= min_confidence]
    return build_graph(facts, {v.id: v.type for v in views.values()})


def select_predicates(classes: Iterable[str] | None = None,
                      predicates: Iterable[str] | None = None) -> set[str] | None:
    """The predicates named, or of the classes named; None for all. Raises on unknown ones."""
    from threatnet import validate

    chosen: set[str] = set()
    known_classes = sorted({c for c, _ in PREDICATES.values()})
    for c in classes or ():
        validate.choice(c, known_classes, "--class")
        chosen |= {p for p, (cls, _) in PREDICATES.items() if cls == c}
    for p in predicates or ():
        validate.predicate(p, "--predicate")
        chosen.add(p)
    return chosen or None


def facts_by_pair(facts: Iterable[Fact]) -> dict[frozenset[int], list[Fact]]:
    """Every fact between two actors, whichever its direction."""
    out: dict[frozenset[int], list[Fact]] = defaultdict(list)
    for f in facts:
        out[frozenset((f.subject_id, f.object_id))].append(f)
    return out
