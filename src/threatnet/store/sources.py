"""Sources as records: every independent source of the store's claims, with its claims,
how often other sources contradict them, when it was first and last seen, and the
documents that carry its stories; and which documents copy which (`copies.py`).

A source is what the grades count once (`source_names.said_key`, `copies.py`): a
source named in the text under any of its spellings, titles and scripts (the
source-name table, which the user can extend), a known entity, or, for the author's
own voice, the story's origin (the outlet, or the wire or earlier report it carries).
Read by `threatnet sources`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet.model import is_symmetric
from threatnet.source_names import said_key, source_names
from threatnet.store.queries import _canon
from threatnet.store.schema import NOT_REJECTED, ClaimRow, CopyRow, DocumentRow

COLUMNS = ["source", "kind", "claims", "documents", "contradicted", "first_seen", "last_seen",
           "carried_by", "written_as"]
COPY_COLUMNS = ["copy", "original", "shared", "compared", "copy_of_whole", "copy_id",
                "original_id"]
WORDINGS = 5  # spellings listed per source


def _key(source: str | None, entity: int | None, origin: str | None, outlet: str | None,
         canon: dict[int, int]) -> tuple[str, str]:
    """(kind, key) of a claim's source: as `analyse.claims.source_key` counts it."""
    if entity is not None:
        return "entity", str(canon.get(entity, entity))
    if source:
        return "named", said_key(source)
    return "outlet", origin or outlet or ""


def list_sources(s: Session) -> list[dict[str, Any]]:
    """Every source, most claims first."""
    canon, rows = _canon(s)
    names = source_names()
    found = s.execute(select(
        ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id, ClaimRow.polarity,
        ClaimRow.source, ClaimRow.source_entity_id, ClaimRow.origin, ClaimRow.document_id,
        DocumentRow.outlet, DocumentRow.source, DocumentRow.published)
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id).where(NOT_REJECTED))
    sides: dict[tuple, dict[bool, set]] = defaultdict(lambda: {True: set(), False: set()})
    claims: list[tuple[tuple, tuple, bool]] = []
    stats: dict[tuple, dict[str, Any]] = {}
    for (a, p, b, polarity, source, entity, origin, document, outlet, doc_source,
         published) in found:
        a, b = canon.get(a, a), canon.get(b, b)
        triple = (min(a, b), p, max(a, b)) if is_symmetric(p) else (a, p, b)
        carrier = outlet or doc_source
        key = _key(source, entity, origin, carrier, canon)
        affirmed = polarity == "affirmed"
        sides[triple][affirmed].add(key)
        claims.append((key, triple, affirmed))
        row = stats.get(key)
        if row is None:
            row = stats[key] = {"claims": 0, "documents": set(), "dates": [],
                                "wordings": Counter(), "carriers": set()}
        row["claims"] += 1
        row["documents"].add(document)
        row["carriers"].add(carrier)
        if published:
            row["dates"].append(published)
        row["wordings"][source or ""] += 1
    contradicted: Counter = Counter()
    for key, triple, affirmed in claims:
        if sides[triple][not affirmed] - {key}:
            contradicted[key] += 1
    out = []
    for (kind, key), row in stats.items():
        written = [w for w, _ in row["wordings"].most_common() if w]
        if kind == "entity":
            name = rows[int(key)].name if int(key) in rows else key
        elif kind == "named":
            name = names.canonical(written[0]) or written[0] if written else key
        else:
            name = key
        dates = sorted(row["dates"])
        out.append({"source": name, "kind": kind, "claims": row["claims"],
                    "documents": len(row["documents"]),
                    "contradicted": contradicted[(kind, key)],
                    "first_seen": dates[0] if dates else None,
                    "last_seen": dates[-1] if dates else None,
                    "carried_by": sorted(c for c in row["carriers"] if c != name)
                    if kind == "outlet" else [],
                    "written_as": written[:WORDINGS]})
    out.sort(key=lambda r: (-r["claims"], r["source"].casefold()))
    return out


def list_copies(s: Session) -> list[dict[str, Any]]:
    """Which documents carry sentences of which earlier ones, most shared first."""
    titles = {i: t or src for i, t, src in s.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.source))}
    rows = [{"copy": titles.get(r.document_id), "original": titles.get(r.original_id),
             "shared": r.shared, "compared": r.compared, "copy_of_whole": r.copy,
             "copy_id": r.document_id, "original_id": r.original_id}
            for r in s.scalars(select(CopyRow))]
    rows.sort(key=lambda r: (-r["shared"], r["copy"] or "", r["original"] or ""))
    return rows
