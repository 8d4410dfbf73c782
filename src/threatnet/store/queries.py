"""Read the knowledge base: documents, entities, claims, and facts aggregated from claims.

Every query sees entities as the analysts left them: an entity merged into
another answers as the one it was merged into. Facts are computed here from
the claims each time, never stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from threatnet.model import Modality, cite, is_symmetric
from threatnet.resolve.linker import norm_name
from threatnet.source_names import said_key
from threatnet.store.schema import (
    NOT_REJECTED,
    AliasRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    MentionRow,
    SameAsRow,
)
from threatnet.validate import like_pattern


def _canon(s: Session) -> tuple[dict[int, int], dict[int, EntityRow]]:
    """id -> canonical id, and canonical id -> its row."""
    rows = s.scalars(select(EntityRow)).all()
    by_id = {r.id: r for r in rows}
    canon: dict[int, int] = {}
    for row in rows:  # follow merge chains (a merged into b merged into c) to their end
        seen, current = {row.id}, row
        while current.merged_into is not None and current.merged_into not in seen:
            seen.add(current.merged_into)
            current = by_id[current.merged_into]
        canon[row.id] = current.id
    return canon, {i: by_id[i] for i in set(canon.values())}


def documents(s: Session) -> list[dict[str, Any]]:
    counts = dict(s.execute(select(ClaimRow.document_id, func.count())
                            .group_by(ClaimRow.document_id)).all())
    return [{"id": d.id, "title": d.title, "source": d.source, "published": d.published,
             "outlet": d.outlet, "url": (d.meta or {}).get("url"), "claims": counts.get(d.id, 0),
             "extractor": d.extractor_version}
            for d in s.scalars(select(DocumentRow).order_by(  # undated last on every backend
                DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.source))]


def entities(s: Session, type: str | None = None, search: str | None = None) -> list[dict]:
    canon, rows = _canon(s)
    aliases: dict[int, list[str]] = defaultdict(list)
    for entity_id, alias in s.execute(select(AliasRow.entity_id, AliasRow.alias)):
        names = aliases[canon.get(entity_id, entity_id)]
        if alias not in names:
            names.append(alias)
    mentions: dict[int, int] = defaultdict(int)
    for entity_id, n in s.execute(select(MentionRow.entity_id, func.count())
                                  .group_by(MentionRow.entity_id)):
        mentions[canon.get(entity_id, entity_id)] += n
    wanted = norm_name(search) if search else None
    out = []
    for entity_id, row in sorted(rows.items(), key=lambda kv: kv[1].name.casefold()):
        if type and row.type != type:
            continue
        if wanted and not any(wanted in norm_name(a) for a in [row.name, *aliases[entity_id]]):
            continue
        out.append({"id": entity_id, "name": row.name, "type": row.type,
                    "pack_id": row.pack_id, "aliases": aliases[entity_id],
                    "mentions": mentions[entity_id]})
    return out


def claims(s: Session, resolve: Callable[[str], int], subject: str | None = None,
           predicate: str | None = None, object: str | None = None,
           source: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
    canon, rows = _canon(s)
    query = select(ClaimRow, DocumentRow.published, DocumentRow.source).join(
        DocumentRow, DocumentRow.id == ClaimRow.document_id)
    for value, column in ((subject, ClaimRow.subject_id), (object, ClaimRow.object_id)):
        if value:
            wanted = resolve(value)
            query = query.where(column.in_([i for i, c in canon.items() if c == wanted]))
    if predicate:
        query = query.where(ClaimRow.predicate == predicate)
    if source:
        query = query.where(ClaimRow.source.ilike(f"%{like_pattern(source)}%", escape="\\"))
    if since:
        query = query.where(DocumentRow.published >= since)
    out = []
    for claim, published, document_source in s.execute(query.order_by(DocumentRow.published,
                                                                      ClaimRow.id)):
        out.append(_claim_dict(claim, canon, rows, published, document_source))
    _add_locations(s, out)
    return out


def _add_locations(s: Session, claims: list[dict[str, Any]]) -> None:
    """A PDF claim's page and numbered paragraph ("p. 12, para 45") beside its evidence."""
    ids = sorted({c["document"] for c in claims})
    pages: dict[str, list] = {}
    for i in range(0, len(ids), 500):  # each document's meta read once, not once per claim
        for doc_id, meta in s.execute(select(DocumentRow.id, DocumentRow.meta)
                                      .where(DocumentRow.id.in_(ids[i:i + 500]),
                                             DocumentRow.meta.is_not(None))):
            if meta and meta.get("paragraphs"):
                pages[doc_id] = meta["paragraphs"]
    for claim in claims:
        if claim["document"] in pages:
            location = cite(pages[claim["document"]], claim["evidence"]["start"])
            if location:
                claim["evidence"]["location"] = location


def _claim_dict(c: ClaimRow, canon: dict[int, int], rows: dict[int, EntityRow],
                published: str | None, document_source: str) -> dict[str, Any]:
    return {"id": c.id, "document": c.document_id, "document_source": document_source,
            "published": published,
            "subject": rows[canon[c.subject_id]].name, "predicate": c.predicate,
            "object": rows[canon[c.object_id]].name, "polarity": c.polarity,
            "modality": c.modality, "source": c.source,
            "time": {"start": c.time_start, "end": c.time_end},
            "qualifiers": c.qualifiers, "confidence": c.confidence,
            "evidence": {"start": c.evidence_start, "end": c.evidence_end,
                         "text": c.evidence_text}}


def facts(s: Session, actor_id: int) -> list[dict[str, Any]]:
    """Every fact about an actor: its claims grouped by subject, predicate and object."""
    canon, rows = _canon(s)
    members = [i for i, c in canon.items() if c == actor_id]
    # the documents' dates and outlets only: loading their texts made this slow at scale
    query = select(ClaimRow, DocumentRow.published, DocumentRow.ingested_at,
                   DocumentRow.outlet, DocumentRow.source).join(
        DocumentRow, DocumentRow.id == ClaimRow.document_id)
    query = query.where(or_(ClaimRow.subject_id.in_(members), ClaimRow.object_id.in_(members)),
                        NOT_REJECTED)
    groups: dict[tuple[int, str, int], list[tuple[ClaimRow, Any]]] = defaultdict(list)
    for claim, *doc in s.execute(query):
        doc = _DocumentDates(*doc)
        a, b = canon[claim.subject_id], canon[claim.object_id]
        if is_symmetric(claim.predicate) and b == actor_id:
            a, b = b, a
        groups[(a, claim.predicate, b)].append((claim, doc))
    return sorted((_fact(key, items, canon, rows) for key, items in groups.items()),
                  key=lambda f: (-f["independent_sources"], f["predicate"], f["object"]))


def _fact(key: tuple[int, str, int], items: list, canon: dict[int, int],
          rows: dict[int, EntityRow]) -> dict[str, Any]:
    subject, predicate, obj = key
    affirmed = [c for c, _ in items if c.polarity == "affirmed"]
    negated = [c for c, _ in items if c.polarity == "negated"]
    dates = sorted(d.published or d.ingested_at.date().isoformat() for _, d in items)
    sources = {_source_key(c, d, canon) for c, d in items}

    def strongest(group: list[ClaimRow]) -> str | None:
        return min((c.modality for c in group), key=lambda m: Modality(m).rank, default=None)

    return {"subject": rows[subject].name, "predicate": predicate, "object": rows[obj].name,
            "claims_for": len(affirmed), "claims_against": len(negated),
            "sources": sorted({c.source or "(author)" for c, _ in items}),
            "independent_sources": len(sources),
            "first_seen": dates[0], "last_seen": dates[-1],
            "strongest_for": strongest(affirmed), "strongest_against": strongest(negated),
            "claims": [c.id for c, _ in items]}


class _DocumentDates(NamedTuple):
    published: str | None
    ingested_at: datetime
    outlet: str | None
    source: str


def _source_key(c: ClaimRow, d: _DocumentDates, canon: dict[int, int]) -> str:
    """Two claims from one source, or one outlet speaking for itself, count once."""
    if c.source_entity_id is not None:
        return f"entity:{canon.get(c.source_entity_id, c.source_entity_id)}"
    if c.source:
        return f"said:{said_key(c.source)}"  # every wording of one source: one key
    return f"outlet:{c.origin or d.outlet or d.source}"  # the story's origin (copies.py)


def same_as(s: Session) -> list[dict[str, Any]]:
    names = dict(s.execute(select(EntityRow.id, EntityRow.name)).all())
    return [{"a": names[r.entity_a], "b": names[r.entity_b], "a_id": r.entity_a,
             "b_id": r.entity_b, "score": round(r.score, 2), "evidence": r.evidence,
             "status": r.status}
            for r in s.scalars(select(SameAsRow).order_by(SameAsRow.score.desc()))]


def counts(s: Session) -> dict[str, int]:
    return {"documents": s.scalar(select(func.count()).select_from(DocumentRow)) or 0,
            "entities": s.scalar(select(func.count()).select_from(EntityRow)
                                 .where(EntityRow.merged_into.is_(None))) or 0,
            "claims": s.scalar(select(func.count()).select_from(ClaimRow)) or 0}
