"""Read the review state: claims and mentions with their status, and the decisions' history.

For `threatnet review`, `threatnet claims --status`, the reviews CSV, gold
export and the JSON API. Names are those of the entities as merged now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from threatnet import validate
from threatnet.errors import InvalidInput, StoreError
from threatnet.store.review import TARGETS, _names
from threatnet.store.schema import ClaimRow, DocumentRow, EntityRow, MentionRow, ReviewRow

if TYPE_CHECKING:
    from threatnet.store.store import Store


def check_status(status: str | None) -> None:
    validate.status(status, "--status")


def document_ids(s: Session, spec: str) -> list[str]:
    """The documents an id, an id prefix (with or without `sha256:`) or a source path names."""
    ids = list(s.scalars(select(DocumentRow.id).where(or_(
        DocumentRow.id.startswith(spec, autoescape=True),
        DocumentRow.id.startswith(f"sha256:{spec}", autoescape=True),
        DocumentRow.source == spec))))
    if not ids:
        raise StoreError(f"no document {spec!r} in the store (see `threatnet documents`)")
    return ids


def list_claims(store: Store, status: str | None = None, document: str | None = None,
                actor: str | int | None = None) -> list[dict[str, Any]]:
    """Claims as reviewed, by document and position; optionally of one status, document
    (id, id prefix or source) or actor (as subject or object)."""
    check_status(status)
    with store.session() as s:
        query = select(ClaimRow)
        if status:
            query = query.where(ClaimRow.review_status == status)
        if document:
            query = query.where(ClaimRow.document_id.in_(document_ids(s, document)))
        if actor is not None:
            members = _members(s, store._entity(s, actor).id)
            query = query.where(or_(ClaimRow.subject_id.in_(members),
                                    ClaimRow.object_id.in_(members)))
        rows = list(s.scalars(query.order_by(ClaimRow.document_id, ClaimRow.evidence_start,
                                             ClaimRow.id)))
        return claim_dicts(s, rows)


def list_mentions(store: Store, status: str | None = None,
                  document: str | None = None) -> list[dict[str, Any]]:
    check_status(status)
    with store.session() as s:
        query = select(MentionRow)
        if status:
            query = query.where(MentionRow.review_status == status)
        if document:
            query = query.where(MentionRow.document_id.in_(document_ids(s, document)))
        return mention_dicts(s, list(s.scalars(query.order_by(MentionRow.document_id,
                                                              MentionRow.start))))


def statuses(store: Store) -> dict[int, str]:
    """Claim id -> review status, for every claim."""
    with store.session() as s:
        return dict(s.execute(select(ClaimRow.id, ClaimRow.review_status)).all())


def _members(s: Session, entity_id: int) -> list[int]:
    rows = dict(s.execute(select(EntityRow.id, EntityRow.merged_into)).all())
    members = {entity_id}
    grown = True
    while grown:  # everything merged (directly or through a chain) into the entity
        before = len(members)
        members |= {i for i, into in rows.items() if into in members}
        grown = len(members) > before
    return sorted(members)


def _latest(s: Session, target: str, ids: list[int]) -> dict[int, ReviewRow]:
    out: dict[int, ReviewRow] = {}
    for chunk in range(0, len(ids), 500):
        for r in s.scalars(select(ReviewRow).where(
                ReviewRow.target == target, ReviewRow.target_id.in_(ids[chunk:chunk + 500]))
                .order_by(ReviewRow.id)):
            out[r.target_id] = r
    return out


def claim_dicts(s: Session, rows: list[ClaimRow]) -> list[dict[str, Any]]:
    names = _names(s, sorted({i for r in rows for i in (r.subject_id, r.object_id)}))
    latest = _latest(s, "claim", [r.id for r in rows])
    out = []
    for r in rows:
        last = latest.get(r.id)
        out.append({
            "id": r.id, "target": "claim", "document": r.document_id, "written_by": r.written_by,
            "status": r.review_status, "version": r.review_version,
            "subject": names[r.subject_id], "subject_id": r.subject_id,
            "predicate": r.predicate, "object": names[r.object_id], "object_id": r.object_id,
            "polarity": r.polarity, "modality": r.modality, "source": r.source,
            "time": {"start": r.time_start, "end": r.time_end}, "confidence": r.confidence,
            "evidence": {"start": r.evidence_start, "end": r.evidence_end,
                         "text": r.evidence_text},
            "machine": last.machine if last else None,
            "correction": _readable(last.correction) if last else {},
            "reviewer": last.reviewer if last else None,
            "reviewed_at": last.created_at.isoformat() if last else None})
    return out


def mention_dicts(s: Session, rows: list[MentionRow]) -> list[dict[str, Any]]:
    names = _names(s, sorted({r.entity_id for r in rows}))
    latest = _latest(s, "mention", [r.id for r in rows])
    out = []
    for r in rows:
        last = latest.get(r.id)
        out.append({"id": r.id, "target": "mention", "document": r.document_id,
                    "status": r.review_status, "version": r.review_version,
                    "entity": names[r.entity_id], "entity_id": r.entity_id,
                    "start": r.start, "end": r.end, "text": r.text,
                    "machine": last.machine if last else None,
                    "correction": _readable(last.correction) if last else {},
                    "reviewer": last.reviewer if last else None,
                    "reviewed_at": last.created_at.isoformat() if last else None})
    return out


def _readable(correction: dict[str, Any]) -> dict[str, Any]:
    """A correction as an analyst typed it: entity names rather than ids."""
    return {k.removeprefix("time_"): v for k, v in correction.items()
            if not k.endswith("_id")}


def history(store: Store, target: str | None = None, target_id: int | None = None,
            document: str | None = None, unattached: bool = False) -> list[dict[str, Any]]:
    """Every decision, oldest first (the audit trail; `threatnet review history`)."""
    if target is not None and target not in TARGETS:
        raise InvalidInput(target, "review a 'claim' or a 'mention'")
    with store.session() as s:
        query = select(ReviewRow)
        if target is not None:
            query = query.where(ReviewRow.target == target)
        if target_id is not None:
            query = query.where(ReviewRow.target_id == target_id)
        if document:
            query = query.where(ReviewRow.document_id.in_(document_ids(s, document)))
        if unattached:
            query = query.where(ReviewRow.attached.is_(False))
        rows = list(s.scalars(query.order_by(ReviewRow.id)))
        return [decision_dict(r) for r in rows]


def decision_dict(r: ReviewRow) -> dict[str, Any]:
    m = r.machine
    machine = (f"{m.get('subject')} -{m.get('predicate')}-> {m.get('object')} "
               f"[{m.get('polarity')}, {m.get('modality')}, {m.get('source') or '(author)'}]"
               if r.target == "claim" else f"{m.get('text')!r} = {m.get('entity')}")
    return {"id": r.id, "at": r.created_at.isoformat(timespec="seconds"),
            "reviewer": r.reviewer, "target": r.target, "target_id": r.target_id,
            "document": r.document_id, "span": f"{r.span_start}-{r.span_end}",
            "action": r.action, "status": r.status, "version": r.version,
            "machine": machine, "correction": _readable(r.correction),
            "attached": r.attached, "note": r.note}


def unattached(store: Store, document: str | None = None) -> list[dict[str, Any]]:
    """The latest decision of each chain that re-extraction could not re-attach."""
    latest: dict[tuple, dict[str, Any]] = {}
    with store.session() as s:
        query = select(ReviewRow).where(ReviewRow.attached.is_(False))
        if document:
            query = query.where(ReviewRow.document_id.in_(document_ids(s, document)))
        for r in s.scalars(query.order_by(ReviewRow.id)):
            latest[chain_key(r)] = decision_dict(r)
    return list(latest.values())


def chain_key(r: ReviewRow) -> tuple:
    """Decisions on one item share document, span and machine triple."""
    return (r.target, r.document_id, r.span_start, r.span_end, r.subject_id, r.predicate,
            r.object_id)
