"""Resolve a document's entities against the knowledge base, across documents.

Strong evidence merges: the same actor-pack entry, the same normalised name
within a type, or an alias an analyst added. Weak evidence only proposes: a
shared alias, an acronym that expands to a stored name, or a similar name
(rapidfuzz) become *possibly same as* links with their score, for an analyst
to confirm — a wrong merge is the error analysts can least undo.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet.model import Entity
from threatnet.store.schema import AliasRow, EntityRow, SameAsRow

FUZZY_THRESHOLD = 88.0  # token_sort_ratio, 0-100: "Tehreek-e-Azadi" ~ "Tehrik-e-Azadi"
MAX_NORM = 255


def norm_name(name: str) -> str:
    """Case, accents, punctuation and a leading article removed: the key names meet on."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    text = re.sub(r"[\s\-‐–—_./,;:()\"“”'’]+", " ", text).strip()
    return text[:MAX_NORM]


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    return "".join(w[0] for w in words if w.casefold() not in {"of", "the", "and", "e", "i",
                                                                   "ul", "al"}).upper()


@dataclass(frozen=True)
class Link:
    entity_id: int
    evidence: str  # why the mention is this stored entity
    adopted: bool = False  # a stored entity the actor pack lists from now on


class Linker:
    """Links the entities of one document inside the document's transaction.

    A link names the stored row the mention matched, not the entity that row is
    merged into now: queries resolve merges when they read, so a later `split`
    gives the part back every claim stored while it was merged.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def link(self, entity: Entity) -> Link:
        if entity.pack_id:
            row = self.session.scalar(select(EntityRow).where(EntityRow.pack_id == entity.pack_id))
            if row is not None:
                self._add_aliases(row.id, entity.aliases, "text")
                return Link(row.id, f"actor pack {entity.pack_id}")
            row = self._same_name(entity)
            if row is not None and row.pack_id is None:
                # known by name before the pack (or an imported overlay) listed it
                row.pack_id, row.kind = entity.pack_id, entity.kind or row.kind
                self._add_aliases(row.id, [entity.name, *entity.aliases], "pack")
                return Link(row.id, f"adopted by actor pack {entity.pack_id}", adopted=True)
            return Link(self._create(entity), f"new from actor pack {entity.pack_id}")
        row = self._same_name(entity)
        if row is not None:
            self._add_aliases(row.id, entity.aliases, "text")
            return Link(row.id, f"same name {entity.name!r}")
        analyst = self._analyst_alias(entity)
        if analyst is not None:
            self._add_aliases(analyst, entity.aliases, "text")
            return Link(analyst, "alias confirmed by an analyst")
        new_id = self._create(entity)
        self._propose(new_id, entity)
        return Link(new_id, "new entity")

    def _same_name(self, entity: Entity) -> EntityRow | None:
        return self.session.scalar(select(EntityRow).where(
            EntityRow.type == str(entity.type), EntityRow.norm == norm_name(entity.name)))

    # -- strong evidence ---------------------------------------------------------

    def _analyst_alias(self, entity: Entity) -> int | None:
        norms = {norm_name(a) for a in [entity.name, *entity.aliases]}
        return self.session.scalar(
            select(AliasRow.entity_id).join(EntityRow, EntityRow.id == AliasRow.entity_id)
            .where(AliasRow.origin == "analyst", AliasRow.norm.in_(norms),
                   EntityRow.type == str(entity.type)).limit(1))

    def _create(self, entity: Entity) -> int:
        row = EntityRow(name=entity.name, norm=norm_name(entity.name), type=str(entity.type),
                        pack_id=entity.pack_id, kind=entity.kind)
        self.session.add(row)
        self.session.flush()
        self._add_aliases(row.id, [entity.name, *entity.aliases],
                          "pack" if entity.pack_id else "text")
        return row.id

    def _add_aliases(self, entity_id: int, aliases: list[str], origin: str) -> None:
        known = set(self.session.scalars(select(AliasRow.norm).where(
            AliasRow.entity_id == entity_id)))
        for alias in aliases:
            norm = norm_name(alias)
            if norm and norm not in known:
                known.add(norm)
                self.session.add(AliasRow(entity_id=entity_id, alias=alias, norm=norm,
                                          origin=origin))
        self.session.flush()

    # -- weak evidence: proposals ---------------------------------------------------

    def _propose(self, new_id: int, entity: Entity) -> None:
        # here, not at the top: the store's readers import this module, and the
        # extractor's (spaCy's) modules are only for writers
        from rapidfuzz import fuzz, process

        from threatnet.extract.aliases import is_acronym

        others = self.session.execute(select(EntityRow.id, EntityRow.name).where(
            EntityRow.type == str(entity.type), EntityRow.id != new_id,
            EntityRow.merged_into.is_(None))).all()
        if not others:
            return
        proposals: dict[int, tuple[float, str]] = {}
        norms = {norm_name(a) for a in entity.aliases} - {norm_name(entity.name)}
        if norms:
            for other_id, alias in self.session.execute(
                    select(AliasRow.entity_id, AliasRow.alias).where(AliasRow.norm.in_(norms),
                                                                     AliasRow.entity_id != new_id)):
                proposals[other_id] = (80.0, f"shares the alias {alias!r}")
        for other_id, name in others:
            if is_acronym(entity.name) and initials(name) == entity.name.upper():
                proposals.setdefault(other_id, (85.0, f"{entity.name} abbreviates {name!r}"))
            elif is_acronym(name) and initials(entity.name) == name.upper():
                proposals.setdefault(other_id, (85.0, f"{name} abbreviates {entity.name!r}"))
        names = {other_id: name for other_id, name in others}
        for name, score, other_id in process.extract(
                entity.name, names, scorer=fuzz.token_sort_ratio,
                score_cutoff=FUZZY_THRESHOLD, limit=5):
            proposals.setdefault(other_id, (score, f"similar name {name!r} ({score:.0f})"))
        for other_id, (score, evidence) in proposals.items():
            a, b = sorted((other_id, new_id))
            if self.session.scalar(select(SameAsRow.id).where(
                    SameAsRow.entity_a == a, SameAsRow.entity_b == b)) is None:
                self.session.add(SameAsRow(entity_a=a, entity_b=b, score=score / 100,
                                           evidence=evidence))
        self.session.flush()


def canonical(session: Session, entity_id: int) -> int:
    """The entity an id stands for now, after the analysts' merges."""
    seen = {entity_id}
    while True:
        merged = session.scalar(select(EntityRow.merged_into).where(EntityRow.id == entity_id))
        if merged is None or merged in seen:
            return entity_id
        seen.add(merged)
        entity_id = merged
