"""Data for the pages and the JSON API, shaped from the store and the analysis.

The network, the document with its claim highlights, and search. Everything
here returns plain dicts; escaping is the templates' job (they autoescape).
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from threatnet.analyse.claims import entities
from threatnet.analyse.contradictions import ALIGNED, HOSTILE
from threatnet.analyse.graph import ACTOR_TYPES, load_facts
from threatnet.errors import ThreatnetError
from threatnet.model import PREDICATES
from threatnet.store import queries
from threatnet.store.schema import ClaimRow, DecisionRow, DocumentRow, ReviewRow

SEARCH_LIMIT = 50
SNIPPET = 80  # characters either side of a match


class NotFound(ThreatnetError):
    pass


def network_json(session: Session, as_of: str | None = None, min_confidence: float = 0.0,
                 all_types: bool = False, denied: bool = False) -> bytes:
    """`network(...)` as JSON bytes, kept while the store is unchanged.

    The bytes are cached, not the dict: encoding 20,000 edges costs more than
    answering from the cache, and the network page waits for them.
    """
    key = (as_of, min_confidence, all_types, denied)
    return _network_cache.get(session, key, lambda: json.dumps(
        network(session, *key), ensure_ascii=False, separators=(",", ":")).encode())


def network(session: Session, as_of: str | None = None, min_confidence: float = 0.0,
            all_types: bool = False, denied: bool = False) -> dict[str, Any]:
    """Nodes (actors, or every entity) and one edge per fact, for Cytoscape.

    Each edge says how firmly it is held — `modality`, the strongest of the claims
    affirming it; `against`, how many claims deny it; `contested`, denied or
    contradicted by a hostile fact between the same two actors alongside an aligned
    one — and, with `denied`, the facts only denied come too (`"denied": true`,
    confidence 0, whatever `min_confidence`).
    """
    facts = load_facts(session, as_of, node_types=None if all_types else ACTOR_TYPES,
                       denied=denied)
    views = {v.id: v for v in entities(session).values()}
    sides: dict[frozenset[int], set[str]] = {}
    for f in facts:
        side = _SIDES.get(f.predicate)
        if side and f.claims_for:
            sides.setdefault(frozenset((f.subject_id, f.object_id)), set()).add(side)
    degree: Counter[int] = Counter()
    edges = []
    for f in facts:
        confidence = f.confidence  # computed from the support on each call: once here
        only_denied = not f.claims_for
        if confidence < min_confidence and not only_denied:
            continue
        degree[f.subject_id] += 1
        degree[f.object_id] += 1
        against = f.claims_against
        edge = {"id": f"f{len(edges)}", "source": f.subject_id, "target": f.object_id,
                "predicate": f.predicate, "class": f.predicate_class,
                "symmetric": f.symmetric, "confidence": confidence,
                "first_seen": f.first_seen, "last_seen": f.last_seen,
                "modality": f.strongest_modality, "against": against,
                "contested": bool(against) or len(sides.get(
                    frozenset((f.subject_id, f.object_id)), ())) > 1}
        if only_denied:
            edge["denied"] = True
        edges.append(edge)
    nodes = [{"id": i, "name": views[i].name, "type": views[i].type, "degree": d}
             for i, d in sorted(degree.items())]
    return {"as_of": as_of, "nodes": nodes, "edges": edges,
            "classes": sorted({e["class"] for e in edges}),
            "types": sorted({n["type"] for n in nodes})}


_SIDES = {**{p: "hostile" for p in HOSTILE}, **{p: "aligned" for p in ALIGNED}}


class _StoreCache:
    """Answers kept while the store is unchanged: same claims, documents and decisions.

    Every write either adds or replaces claims (new ids), adds a document, or
    records an analyst's decision (merge, split, alias, rename; accept, reject,
    correct or reset a claim, in `reviews`), so the largest
    ids and the counts of those tables say whether anything changed.
    """

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.entries: OrderedDict[tuple, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.computing: dict[tuple, threading.Lock] = {}  # one computation per key at a time

    def get(self, session: Session, key: tuple, compute: Callable[[], Any]) -> Any:
        state = tuple(session.execute(select(
            func.max(ClaimRow.id), func.count(ClaimRow.id),
            select(func.count()).select_from(DocumentRow).scalar_subquery(),
            select(func.max(DecisionRow.id)).scalar_subquery(),
            select(func.max(ReviewRow.id)).scalar_subquery())).one())  # review decisions
        full = (session.get_bind().url.render_as_string(), state, key)
        with self.lock:
            if full in self.entries:
                self.entries.move_to_end(full)
                return self.entries[full]
            computing = self.computing.setdefault(full, threading.Lock())
        with computing:  # a request arriving while the warm-up computes waits for it
            with self.lock:
                if full in self.entries:
                    return self.entries[full]
            value = compute()
            with self.lock:
                self.entries[full] = value
                self.computing.pop(full, None)
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return value


_network_cache = _StoreCache()


def warm(store: Any) -> threading.Thread:
    """Compute the default network in the background, so the first visitor finds it cached."""
    def run() -> None:
        try:
            with store.session() as session:
                network_json(session)
        except Exception:  # noqa: BLE001 - the first request computes it and reports
            pass

    thread = threading.Thread(target=run, name="threatnet-warm-network", daemon=True)
    thread.start()
    return thread


def document(session: Session, document_id: str) -> dict[str, Any]:
    """A stored document, its claims, and its text cut into highlight segments."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(f"no document {document_id!r} in this store")
    views = entities(session)
    claims = []
    for c in session.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id)
                             .order_by(ClaimRow.evidence_start, ClaimRow.id)):
        subject, obj = views[c.subject_id], views[c.object_id]
        claims.append({
            "id": c.id, "local_id": c.local_id, "subject": subject.name,
            "subject_id": subject.id, "predicate": c.predicate,
            "class": PREDICATES.get(c.predicate, ("other", False))[0],
            "object": obj.name, "object_id": obj.id, "polarity": c.polarity,
            "modality": c.modality, "source": c.source or "(author)",
            "source_chain": (c.qualifiers or {}).get("source_chain") or [],
            "qualifiers": {k: v for k, v in (c.qualifiers or {}).items()
                           if k != "source_chain"},
            "time": {"start": c.time_start, "end": c.time_end},
            "confidence": round(c.confidence, 3),
            "evidence": {"start": c.evidence_start, "end": c.evidence_end,
                         "text": c.evidence_text}})
    return {"document": {"id": row.id, "title": row.title, "source": row.source,
                         "published": row.published, "language": row.language,
                         "outlet": row.outlet, "extractor": row.extractor_version,
                         "text": row.text},
            "claims": claims, "segments": segments(row.text, claims)}


def segments(text: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every evidence boundary; each piece lists the claims covering it.

    A piece covered by several claims takes its colour from the first of them
    (by evidence start, then id) and says whether their polarities agree.
    """
    spans = [(max(0, c["evidence"]["start"]), min(len(text), c["evidence"]["end"]), c)
             for c in claims if c["evidence"]["start"] < c["evidence"]["end"]]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        covering = [c for s, e, c in spans if s <= a and e >= b]
        piece: dict[str, Any] = {"text": text[a:b], "start": a}
        if covering:
            lead = covering[0]
            polarities = {c["polarity"] for c in covering}
            piece.update(claim_ids=[c["id"] for c in covering], modality=lead["modality"],
                         polarity=polarities.pop() if len(polarities) == 1 else "mixed",
                         title="; ".join(
                             f"{c['subject']} {'NOT ' if c['polarity'] == 'negated' else ''}"
                             f"{c['predicate']} {c['object']} ({c['modality']}, "
                             f"{c['source']})" for c in covering))
        out.append(piece)
    return out


def search(session: Session, q: str) -> dict[str, Any]:
    """Actors and other entities by name or alias (any script), and documents by text."""
    q = q.strip()
    if not q:
        return {"query": q, "entities": [], "documents": []}
    found = queries.entities(session, search=q)
    found.sort(key=lambda e: (e["type"] not in ACTOR_TYPES, -e["mentions"]))
    pattern = f"%{_like(q)}%"
    rows = session.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.source, DocumentRow.published,
               DocumentRow.text)
        .where(or_(DocumentRow.title.ilike(pattern, escape="\\"),
                   DocumentRow.source.ilike(pattern, escape="\\"),
                   DocumentRow.text.ilike(pattern, escape="\\")))
        .order_by(DocumentRow.published.is_(None), DocumentRow.published.desc())
        .limit(SEARCH_LIMIT)).all()
    docs = [{"id": r.id, "title": r.title, "source": r.source, "published": r.published,
             "snippet": _snippet(r.text, q)} for r in rows]
    return {"query": q, "entities": found[:SEARCH_LIMIT], "documents": docs}


def _like(q: str) -> str:
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _snippet(text: str, q: str) -> str:
    at = text.casefold().find(q.casefold())
    if at < 0:
        return text[:2 * SNIPPET].strip()
    start = max(0, at - SNIPPET)
    return ("…" if start else "") + text[start:at + len(q) + SNIPPET].strip() + "…"
