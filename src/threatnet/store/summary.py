"""The facts summary (`fact_summary`): claims aggregated per stored triple, kept up to date.

Grouping a million claims costs SQLite seconds on every question; the rows of
`fact_summary` hold the same aggregates already computed, one row per stored
(subject, predicate, object), so `actor`, `path` and `network` read a row per
fact instead of a row per claim (see `schema.FactSummaryRow` for what a row holds).

Whatever changes claims recomputes the rows of the triples it touched, from
the claims table (index `ix_claim_triple`), inside its own transaction:
`Store.save` (a new or re-extracted document: its old and new triples) and
analysts' review decisions (a rejection or correction: the claim's triple
before and after). Entity ids are stored raw, so merges and splits change
nothing here. `rebuild` recomputes the whole table (migration 0005).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from threatnet.store.queries import norm_name
from threatnet.store.schema import NOT_REJECTED, ClaimRow, DocumentRow, FactSummaryRow

Triple = tuple[int, str, int]
EXCLUDED_MODALITIES = ("hypothetical",)  # never a relation (see analyse.graph)
CHUNK = 200  # triples per statement: well under every backend's limit on parameters


def author_outlet():  # noqa: ANN201 - an SQL expression
    """The outlet of a claim in the author's own voice (its source key), else NULL."""
    author = and_(ClaimRow.source_entity_id.is_(None),
                  or_(ClaimRow.source.is_(None), ClaimRow.source == ""))
    return case((author, func.coalesce(DocumentRow.outlet, DocumentRow.source)), else_=None)


def raw_source_key(source: str | None, source_entity: int | None, outlet: str | None) -> str:
    """`analyse.claims.source_key` with the source entity's stored (not canonical) id."""
    if source_entity is not None:
        return f"entity:{source_entity}"
    if source:
        return f"said:{norm_name(source)}"
    return f"outlet:{outlet}"


def noisy_or(confidences: Iterable[float]) -> float:
    """1 − Π(1 − c) in ascending order of c (as `analyse.graph.noisy_or`)."""
    values = sorted(min(max(c, 0.0), 1.0) for c in confidences)
    p = 1.0
    for c in values:
        p *= 1 - c
    return 1 - p


def document_triples(s: Session, document_id: str) -> set[Triple]:
    """The triples of a document's claims (before it is re-extracted, and after)."""
    return {(a, p, b) for a, p, b in s.execute(
        select(ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id)
        .where(ClaimRow.document_id == document_id))}


def claim_triple(s: Session, claim_id: int) -> set[Triple]:
    row = s.execute(select(ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id)
                    .where(ClaimRow.id == claim_id)).first()
    return {tuple(row)} if row is not None else set()  # type: ignore[arg-type]


def refresh(s: Session, triples: Iterable[Triple]) -> None:
    """Recompute the summary rows of these triples from their claims (in `s`'s transaction)."""
    todo = sorted(set(triples))
    s.flush()
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        where = or_(*(and_(ClaimRow.subject_id == a, ClaimRow.predicate == p,
                           ClaimRow.object_id == b) for a, p, b in chunk))
        s.execute(delete(FactSummaryRow).where(or_(*(
            and_(FactSummaryRow.subject_id == a, FactSummaryRow.predicate == p,
                 FactSummaryRow.object_id == b) for a, p, b in chunk))))
        _write(s, where)


def rebuild(s: Session) -> int:
    """Recompute the whole summary from the claims; returns its number of rows."""
    s.flush()
    s.execute(delete(FactSummaryRow))
    return _write(s, None)


def _write(s: Session, where: Any) -> int:
    group = [ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id, ClaimRow.polarity,
             ClaimRow.modality, ClaimRow.source, ClaimRow.source_entity_id, author_outlet()]
    groups = select(
        *group, func.count(), func.max(ClaimRow.confidence), func.min(DocumentRow.published),
        func.max(DocumentRow.published), func.min(ClaimRow.id), func.max(ClaimRow.id),
    ).join(DocumentRow, DocumentRow.id == ClaimRow.document_id).where(NOT_REJECTED)
    items = select(ClaimRow.subject_id, ClaimRow.object_id, ClaimRow.qualifiers,
                   DocumentRow.published, ClaimRow.id).join(
        DocumentRow, DocumentRow.id == ClaimRow.document_id).where(
        NOT_REJECTED, ClaimRow.predicate == "supplies", ClaimRow.polarity == "affirmed",
        ClaimRow.modality.not_in(EXCLUDED_MODALITIES))
    if where is not None:
        groups, items = groups.where(where), items.where(where)
    supplied: dict[tuple[int, int], dict[str, tuple]] = defaultdict(dict)
    for a, b, qualifiers, published, claim_id in s.execute(items):
        item = (qualifiers or {}).get("item")
        if not item:
            continue
        first = supplied[(a, b)]
        order = (published is None, published or "", claim_id)
        if str(item) not in first or order < first[str(item)]:
            first[str(item)] = order
    rows = []
    for triple, support in _by_triple(s.execute(groups.group_by(*group).order_by(
            ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id))):
        rows.append(_row(triple, support, supplied.get((triple[0], triple[2]))
                         if triple[1] == "supplies" else None))
        if len(rows) >= 5000:
            s.execute(insert(FactSummaryRow), rows)
            rows = []
    if rows:
        s.execute(insert(FactSummaryRow), rows)
    return s.scalar(select(func.count()).select_from(FactSummaryRow)) or 0


def _by_triple(result: Iterable[Any]) -> Iterator[tuple[Triple, list[list[Any]]]]:
    triple, support = None, []
    for a, p, b, polarity, modality, source, entity, outlet, n, best, first, last, lo, hi \
            in result:
        if (a, p, b) != triple:
            if triple is not None:
                yield triple, support
            triple, support = (a, p, b), []
        support.append([polarity == "affirmed", modality, source, entity, outlet, n,
                        best or 0.0, first, last, lo, hi])
    if triple is not None:
        yield triple, support


def _row(triple: Triple, support: list[list[Any]], supplied: dict[str, tuple] | None
         ) -> dict[str, Any]:
    yes: dict[str, float] = {}
    no: dict[str, float] = {}
    entity_sources = False
    for affirmed, modality, source, entity, outlet, _n, best, *_ in support:
        entity_sources = entity_sources or entity is not None
        if modality in EXCLUDED_MODALITIES:
            continue
        key = raw_source_key(source, entity, outlet)
        side = yes if affirmed else no
        side[key] = max(side.get(key, 0.0), max(best, 0.0))
    items = sorted(([item, order[1] if not order[0] else None, order[2]]
                    for item, order in (supplied or {}).items()),
                   key=lambda i: (i[1] is None, i[1] or "", i[2]))
    return {"subject_id": triple[0], "predicate": triple[1], "object_id": triple[2],
            "claims": sum(g[5] for g in support), "affirmed": bool(yes),
            "entity_sources": entity_sources,
            "confidence": noisy_or(yes.values()) * (1 - noisy_or(no.values())),
            "sources_for": len(yes), "sides": {"for": yes, "against": no},
            "support": support, "items": items or None}
