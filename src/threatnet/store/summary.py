"""The facts summary (`fact_summary`): claims aggregated per stored triple, kept up to date.

Grouping a million claims costs SQLite seconds on every question; the rows of
`fact_summary` hold the same aggregates already computed, one row per stored
(subject, predicate, object), so `actor`, `path` and `network` read a row per
fact instead of a row per claim (see `schema.FactSummaryRow` for what a row holds).

Whatever changes claims recomputes the rows of the triples it touched, from
the claims table (index `ix_claim_triple`), and the grades kept of their facts
(by the kept layer, `store.keeper`), inside its own transaction:
`Store.save` (a new or re-extracted document: its old and new triples) and
analysts' review decisions (a rejection or correction: the claim's triple
before and after). Entity ids are stored raw, so merges and splits change
nothing here. `rebuild` recomputes the whole table (migration 0005).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Text, and_, case, delete, func, insert, or_, select, type_coerce
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from threatnet.store.keeper import keeper
from threatnet.store.schema import (
    NOT_REJECTED,
    ClaimRow,
    DocumentRow,
    EntityMonthRow,
    FactSummaryRow,
)

Triple = tuple[int, str, int]
EXCLUDED_MODALITIES = ("hypothetical",)  # never a relation (see analyse.graph)
CHUNK = 200  # triples per statement: well under every backend's limit on parameters


def author_outlet():  # noqa: ANN201 - an SQL expression
    """The origin of a claim in the author's own voice (its source key), else NULL: the
    story's origin (`ClaimRow.origin`, `copies.py`), else the document's outlet."""
    author = and_(ClaimRow.source_entity_id.is_(None),
                  or_(ClaimRow.source.is_(None), ClaimRow.source == ""))
    return case((author, func.coalesce(ClaimRow.origin, DocumentRow.outlet, DocumentRow.source)),
                else_=None)


def carrier():  # noqa: ANN201 - an SQL expression
    """The outlet that carries a claim: its document's outlet, else its source."""
    return func.coalesce(DocumentRow.outlet, DocumentRow.source)


def document_triples(s: Session, document_id: str) -> set[Triple]:
    """The triples of a document's claims (before it is re-extracted, and after)."""
    return {(a, p, b) for a, p, b in s.execute(
        select(ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id)
        .where(ClaimRow.document_id == document_id))}


def claim_triple(s: Session, claim_id: int) -> set[Triple]:
    row = s.execute(select(ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id)
                    .where(ClaimRow.id == claim_id)).first()
    return {tuple(row)} if row is not None else set()  # type: ignore[arg-type]


def refresh(s: Session, triples: Iterable[Triple], grades: bool = True) -> None:
    """Recompute the summary rows of these triples from their claims (in `s`'s transaction),
    their entities' claims per month, and (`grades`; else the caller does, once for
    several refreshes) the grades kept of their facts."""
    todo = sorted(set(triples))
    s.flush()
    months: Counter = Counter()
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        where = or_(*(and_(ClaimRow.subject_id == a, ClaimRow.predicate == p,
                           ClaimRow.object_id == b) for a, p, b in chunk))
        rows = or_(*(and_(FactSummaryRow.subject_id == a, FactSummaryRow.predicate == p,
                          FactSummaryRow.object_id == b) for a, p, b in chunk))
        months.subtract(_months(s, rows))
        s.execute(delete(FactSummaryRow).where(rows))
        _write(s, where, months)
    _add_months(s, months)
    if grades:
        keeper().refresh(s, todo)  # the grades kept of those facts


def rebuild(s: Session, grades: bool = True) -> int:
    """Recompute the whole summary from the claims, and (`grades`) the entities' claims
    per month and the facts graded from it (`keeper.Keeper.rebuild`); returns the
    summary's number of rows."""
    s.flush()
    s.execute(delete(FactSummaryRow))
    rows = _write(s, None)
    if grades:
        rebuild_months(s)
        keeper().rebuild(s)
    return rows


def rebuild_months(s: Session) -> None:
    """Recompute every entity's claims per month from the summary."""
    s.execute(delete(EntityMonthRow))
    _add_months(s, _months(s, None))


def _months(s: Session, where: Any) -> Counter:
    """Claims per (stored entity, month) of the summary rows of `where` (all when None)."""
    query = select(FactSummaryRow.subject_id, FactSummaryRow.object_id,
                   type_coerce(FactSummaryRow.months, Text))
    out: Counter = Counter()
    for a, b, months in s.execute(query if where is None else query.where(where)):
        _count_months(out, a, b, json.loads(months) if isinstance(months, str) else months)
    return out


def _count_months(out: Counter, a: int, b: int, months: dict[str, int]) -> None:
    for month, n in months.items():
        out[(a, month)] += n
        if b != a:
            out[(b, month)] += n


def _add_months(s: Session, delta: Counter) -> None:
    """Add these claims per (entity, month) to `entity_months` (concurrent writers add up)."""
    rows = [{"entity_id": e, "month": m, "claims": n} for (e, m), n in sorted(delta.items())
            if n]
    if not rows:
        return
    dialect = s.get_bind().dialect.name
    upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    for start in range(0, len(rows), 500):
        statement = upsert(EntityMonthRow).values(rows[start:start + 500])
        s.execute(statement.on_conflict_do_update(
            index_elements=[EntityMonthRow.entity_id, EntityMonthRow.month],
            set_={"claims": EntityMonthRow.claims + statement.excluded.claims}))
    s.execute(delete(EntityMonthRow).where(EntityMonthRow.claims <= 0))


def timeline(s: Session, members: list[int]) -> dict[str, int]:
    """Claims per month of one entity (all its stored ids, `members`), each claim once."""
    out: Counter = Counter(dict(s.execute(
        select(EntityMonthRow.month, func.sum(EntityMonthRow.claims))
        .where(EntityMonthRow.entity_id.in_(members)).group_by(EntityMonthRow.month)).all()))
    if len(members) > 1:  # a claim between two of its merged ids was counted for both
        out.subtract(_months_between(s, members))
    return {m: n for m, n in sorted(out.items()) if n > 0}


def _months_between(s: Session, members: list[int]) -> Counter:
    out: Counter = Counter()
    for months in s.scalars(select(type_coerce(FactSummaryRow.months, Text)).where(
            FactSummaryRow.subject_id.in_(members), FactSummaryRow.object_id.in_(members),
            FactSummaryRow.subject_id != FactSummaryRow.object_id)):
        out.update(json.loads(months) if isinstance(months, str) else months)
    return out


def _write(s: Session, where: Any, months: Counter | None = None) -> int:
    """Aggregate the claims (of `where`, else all) into summary rows, a triple at a time
    (adding their entities' claims per month to `months` when given).

    Grouped here rather than by SQL: a group also keeps its best claim's date and id
    (the first claim, oldest document first, to reach the best confidence, as the
    analysis picks a source's best claim) and the claims per month.
    """
    outlet = author_outlet()
    claims = select(
        ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id, ClaimRow.polarity,
        ClaimRow.modality, ClaimRow.source, ClaimRow.source_entity_id, outlet,
        ClaimRow.confidence, DocumentRow.published, ClaimRow.id,
        or_(ClaimRow.time_start.is_not(None), ClaimRow.time_end.is_not(None)),
        case((ClaimRow.predicate == "supplies", type_coerce(ClaimRow.qualifiers, Text)),
             else_=None), carrier(), ClaimRow.document_id,
    ).join(DocumentRow, DocumentRow.id == ClaimRow.document_id).where(NOT_REJECTED)
    if where is not None:
        claims = claims.where(where)
    claims = claims.order_by(ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id)
    rows: list[dict[str, Any]] = []
    count = 0
    for triple, group in _by_triple(s.connection().execute(claims)):
        rows.append(_row(triple, group))
        if months is not None:
            _count_months(months, triple[0], triple[2], rows[-1]["months"])
        if len(rows) >= 2000:
            s.execute(insert(FactSummaryRow), rows)
            count, rows = count + len(rows), []
    if rows:
        s.execute(insert(FactSummaryRow), rows)
    return count + len(rows)


def _by_triple(result: Iterable[Any]) -> Iterator[tuple[Triple, list[tuple]]]:
    triple, claims = None, []
    for row in result:
        if (row[0], row[1], row[2]) != triple:
            if triple is not None:
                yield triple, claims
            triple, claims = (row[0], row[1], row[2]), []
        claims.append(tuple(row[3:]))
    if triple is not None:
        yield triple, claims


def _order(published: str | None, claim_id: int) -> tuple:
    """The analysis reads claims oldest document first, undated ones last."""
    return (published is None, published or "", claim_id)


def _row(triple: Triple, claims: list[tuple]) -> dict[str, Any]:
    groups: dict[tuple, list[Any]] = {}
    months: dict[str, int] = defaultdict(int)
    supplied: dict[str, tuple] = {}
    timed = 0
    for (polarity, modality, source, entity, outlet, confidence, published, claim_id,
         has_time, qualifiers, carried_by, document) in sorted(claims,
                                                           key=lambda c: _order(c[6], c[7])):
        affirmed = polarity == "affirmed"
        months[(published or "unknown")[:7]] += 1
        timed += bool(has_time)
        g = groups.get((affirmed, modality, source, entity, outlet))
        if g is None:
            groups[(affirmed, modality, source, entity, outlet)] = [
                affirmed, modality, source, entity, outlet, 1, confidence, published,
                published, claim_id, claim_id, published, claim_id, [carried_by], {document}]
        else:
            if carried_by not in g[13]:
                g[13].append(carried_by)
            g[14].add(document)
            g[5] += 1
            if confidence > g[6]:  # the first claim to reach the best confidence
                g[6], g[11], g[12] = confidence, published, claim_id
            if published and (not g[7] or published < g[7]):
                g[7] = published
            if published and (not g[8] or published > g[8]):
                g[8] = published
            g[9], g[10] = min(g[9], claim_id), max(g[10], claim_id)
        if qualifiers and affirmed and modality not in EXCLUDED_MODALITIES:
            item = (json.loads(qualifiers) if isinstance(qualifiers, str)
                    else qualifiers or {}).get("item")
            if item and str(item) not in supplied:
                supplied[str(item)] = (published, claim_id)
    support = [[*g[:6], max(g[6] or 0.0, 0.0), *g[7:13], sorted(g[13]), len(g[14])]
               for g in groups.values()]
    return {"subject_id": triple[0], "predicate": triple[1], "object_id": triple[2],
            "claims": len(claims),
            "support": support, "months": dict(sorted(months.items())), "timed": timed,
            "items": [[item, *first] for item, first in supplied.items()] or None}
