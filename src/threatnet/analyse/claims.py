"""Load the store's claims as flat, canonical views: the input of every analysis.

`load_claims(session, as_of)` returns every claim whose document was
published up to and including `as_of` (ISO date, or a year / year-month
prefix); undated documents count as unknown and are left out when `as_of` is
given. Subject and object are the canonical entities (after analysts' merges).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.orm import Session

from threatnet.model import PREDICATES, is_symmetric
from threatnet.source_names import said_key

# through the store (which imports the linker first): importing the linker first is circular
from threatnet.store.queries import _canon
from threatnet.store.schema import NOT_REJECTED, ClaimRow, DocumentRow, EntityRow


@dataclass(frozen=True)
class EntityView:
    id: int
    name: str
    type: str
    pack_id: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class ClaimView:
    """One stored claim, with canonical entities and its document's date."""

    id: int
    subject_id: int
    subject: str
    predicate: str
    predicate_class: str
    object_id: int
    object: str
    polarity: str
    modality: str
    source: str | None  # as written; None is the author's own voice
    source_key: str  # one key per independent source (see `source_key`)
    document_id: str
    published: str | None
    time_start: str | None
    time_end: str | None
    evidence_text: str
    evidence_start: int
    evidence_end: int
    confidence: float
    qualifiers: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # the outlets carrying it (its document's; a summary group's, all of theirs)
    carriers: tuple[str, ...] = field(default=(), compare=False, hash=False)

    @property
    def affirmed(self) -> bool:
        return self.polarity == "affirmed"

    @property
    def symmetric(self) -> bool:
        return is_symmetric(self.predicate)

    def __post_init__(self) -> None:
        a, b = self.subject_id, self.object_id
        if b < a and is_symmetric(self.predicate):
            a, b = b, a
        object.__setattr__(self, "_key", (a, self.predicate, b))  # computed once: read often

    def key(self) -> tuple[int, str, int]:
        """The fact this claim is about: (subject, predicate, object), symmetric ones sorted."""
        return self._key  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "subject": self.subject, "predicate": self.predicate,
                "object": self.object, "polarity": self.polarity, "modality": self.modality,
                "source": self.source, "document": self.document_id,
                "published": self.published,
                "time": {"start": self.time_start, "end": self.time_end},
                "evidence": {"start": self.evidence_start, "end": self.evidence_end,
                             "text": self.evidence_text},
                "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class GroupView(ClaimView):
    """The claims of one group of the facts summary (one fact, polarity, modality and
    source) as one view: its best claim, their number and dates (`graded.summary_views`)."""

    claims: int = 1
    first_seen: str | None = None
    last_seen: str | None = None
    reports: int = 0  # the documents of its claims (0: not known, count the claims)


class Canon:
    """Canonical ids and entity views, reading only merged entities and those asked for
    (`entities` reads every entity: too much for each saved document)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.merged: dict[int, int] = dict(session.execute(  # type: ignore[arg-type]
            select(EntityRow.id, EntityRow.merged_into)
            .where(EntityRow.merged_into.is_not(None))).all())
        self.views: dict[int, EntityView] = {}  # stored id -> its canonical entity's view

    def __call__(self, entity_id: int) -> int:
        """The canonical id (merge chains followed to their end)."""
        seen = {entity_id}
        while entity_id in self.merged and self.merged[entity_id] not in seen:
            entity_id = self.merged[entity_id]
            seen.add(entity_id)
        return entity_id

    def members(self, canonical_ids: Iterable[int]) -> list[int]:
        """Every stored id (merged ones too) of these canonical entities."""
        wanted = set(canonical_ids)
        return sorted(wanted | {i for i in self.merged if self(i) in wanted})

    def load(self, ids: Iterable[int]) -> dict[int, EntityView]:
        """`views` of these stored ids (read once), which this returns."""
        todo = {i: self(i) for i in ids if i not in self.views}
        wanted = sorted(set(todo.values()))
        for start in range(0, len(wanted), 500):
            for r in self.session.execute(select(
                    EntityRow.id, EntityRow.name, EntityRow.type, EntityRow.pack_id,
                    EntityRow.kind).where(EntityRow.id.in_(wanted[start:start + 500]))):
                self.views[r.id] = EntityView(r.id, r.name, r.type, r.pack_id, r.kind)
        for i, c in todo.items():
            if c in self.views:
                self.views[i] = self.views[c]
        return self.views


def source_key(source: str | None, source_entity: int | None, outlet: str | None) -> str:
    """Two claims from one source, or one outlet speaking for itself, count once."""
    if source_entity is not None:
        return f"entity:{source_entity}"
    if source:
        return _said(source)
    return f"outlet:{outlet}"


def _said(source: str) -> str:
    """One key for every wording of one source ("police", "پولیس": `source_names`)."""
    return f"said:{said_key(source)}"


def as_of_bound(as_of: str | None) -> str | None:
    """The largest `published` value visible at `as_of` ("2024" -> "2024-12-31")."""
    if not as_of:
        return None
    as_of = as_of.strip()
    if len(as_of) == 4:
        return f"{as_of}-12-31"
    if len(as_of) == 7:
        return f"{as_of}-31"
    return as_of[:10]


def entities(session: Session) -> dict[int, EntityView]:
    """Canonical entities by id, plus every merged id pointing at its canonical view."""
    canon, rows = _canon(session)
    views = {i: EntityView(r.id, r.name, r.type, r.pack_id, r.kind) for i, r in rows.items()}
    return {i: views[c] for i, c in canon.items()}


def load_claims(session: Session, as_of: str | None = None,
                entity_ids: Iterable[int] | None = None, *, evidence: bool = True,
                qualifiers: bool = True,
                triples: Iterable[tuple[int, str, int]] | None = None,
                canon: Canon | None = None) -> list[ClaimView]:
    """Every claim known on `as_of` (all of them when None), oldest document first.

    `entity_ids` restricts to claims with one of those (canonical) entities as
    subject or object; `triples` to those stored (subject, predicate, object)s
    (ids as stored). `evidence=False` leaves the evidence sentences empty and
    `qualifiers=False` the qualifiers, for callers that do not show them (they
    are the bulk of a claim's row). `canon` reads only the entities needed (for a few
    claims of a large store).
    """
    if triples is not None:  # by index (ix_claim_triple), a few hundred at a time
        todo, out = sorted(set(triples)), []
        for start in range(0, len(todo), TRIPLES_PER_QUERY):
            out += _load_claims(session, as_of, entity_ids, evidence, qualifiers,
                                todo[start:start + TRIPLES_PER_QUERY], canon)
        return sorted(out, key=lambda c: (c.published is None, c.published or "", c.id))
    return _load_claims(session, as_of, entity_ids, evidence, qualifiers, None, canon)


TRIPLES_PER_QUERY = 200


def _load_claims(session: Session, as_of: str | None, entity_ids: Iterable[int] | None,
                 evidence: bool, qualifiers: bool,
                 triples: list[tuple[int, str, int]] | None,
                 light: Canon | None = None) -> list[ClaimView]:
    full = _canon(session) if light is None else None  # every entity: id -> canonical, rows
    columns = [ClaimRow.id, ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id,
               ClaimRow.polarity, ClaimRow.modality, ClaimRow.source, ClaimRow.source_entity_id,
               ClaimRow.document_id, ClaimRow.time_start, ClaimRow.time_end,
               ClaimRow.evidence_start, ClaimRow.evidence_end, ClaimRow.confidence,
               ClaimRow.evidence_text if evidence else literal(""),
               ClaimRow.qualifiers if qualifiers else literal(None),
               DocumentRow.published, DocumentRow.outlet, DocumentRow.source, ClaimRow.origin]
    query = select(*columns).join(DocumentRow, DocumentRow.id == ClaimRow.document_id).where(
        NOT_REJECTED)
    bound = as_of_bound(as_of)
    if bound:
        query = query.where(DocumentRow.published.is_not(None), DocumentRow.published <= bound)
    if entity_ids is not None:
        wanted = set(entity_ids)
        members = light.members(wanted) if full is None \
            else [i for i, c in full[0].items() if c in wanted]
        query = query.where(or_(ClaimRow.subject_id.in_(members),
                                ClaimRow.object_id.in_(members)))
    if triples is not None:
        query = query.where(or_(*(and_(ClaimRow.subject_id == a, ClaimRow.predicate == p,
                                       ClaimRow.object_id == b) for a, p, b in triples)))
    query = query.order_by(DocumentRow.published.is_(None), DocumentRow.published, ClaimRow.id)
    found = session.execute(query).all()
    if full is None:
        views = light.load({i for r in found for i in (r[1], r[3])})  # type: ignore[union-attr]
        canon = {i: v.id for i, v in views.items()}
        names = {i: v.name for i, v in views.items()}
    else:
        canon, rows = full
        names = {i: rows[c].name for i, c in canon.items()}
    classes = {p: cls for p, (cls, _) in PREDICATES.items()}
    keys: dict[tuple, str] = {}
    out = []
    for (id_, subject_id, predicate, object_id, polarity, modality, source, source_entity_id,
         document_id, time_start, time_end, evidence_start, evidence_end, confidence, text,
         quals, published, outlet, doc_source, origin) in found:
        key = keys.get((source, source_entity_id, outlet, doc_source, origin))
        if key is None:  # the author's voice counts as the story's origin (store.copies)
            entity = None if source_entity_id is None else light(source_entity_id) \
                if light is not None else canon.get(source_entity_id, source_entity_id)
            key = keys[(source, source_entity_id, outlet, doc_source, origin)] = source_key(
                source, entity, origin or outlet or doc_source)
        out.append(ClaimView(
            id=id_, subject_id=canon[subject_id], subject=names[subject_id], predicate=predicate,
            predicate_class=classes.get(predicate, "other"), object_id=canon[object_id],
            object=names[object_id], polarity=polarity, modality=modality, source=source,
            source_key=key, document_id=document_id, published=published,
            time_start=time_start, time_end=time_end, evidence_text=text,
            evidence_start=evidence_start, evidence_end=evidence_end, confidence=confidence,
            qualifiers=dict(quals or {}), carriers=(outlet or doc_source,)))
    return out


def entity_rows(session: Session, ids: Iterable[int]) -> dict[int, EntityRow]:
    return {r.id: r for r in session.scalars(select(EntityRow).where(EntityRow.id.in_(list(ids))))}
