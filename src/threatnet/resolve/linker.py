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
                self._grow(row.id, entity.aliases, "text")
                return Link(row.id, f"actor pack {entity.pack_id}")
            row = self._same_name(entity)
            if row is not None and row.pack_id is None:
                # known by name before the pack (or an imported overlay) listed it
                row.pack_id, row.kind = entity.pack_id, entity.kind or row.kind
                self._add_aliases(row.id, [entity.name, *entity.aliases], "pack")
                self._propose(row.id)  # a pack entry now: not proposed against other entries
                return Link(row.id, f"adopted by actor pack {entity.pack_id}", adopted=True)
            new_id = self._create(entity)
            self._propose(new_id)
            return Link(new_id, f"new from actor pack {entity.pack_id}")
        row = self._same_name(entity)
        if row is not None:
            self._grow(row.id, entity.aliases, "text")
            return Link(row.id, f"same name {entity.name!r}")
        analyst = self._analyst_alias(entity)
        if analyst is not None:
            self._grow(analyst, entity.aliases, "text")
            return Link(analyst, "alias confirmed by an analyst")
        new_id = self._create(entity)
        self._propose(new_id)
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

    def _add_aliases(self, entity_id: int, aliases: list[str], origin: str) -> bool:
        """Add the names the entity is not known by yet; whether there were any (a new
        one may be shared with another entity: its proposals are weighed again)."""
        known = set(self.session.scalars(select(AliasRow.norm).where(
            AliasRow.entity_id == entity_id)))
        added = False
        for alias in aliases:
            norm = norm_name(alias)
            if norm and norm not in known:
                known.add(norm)
                added = True
                self.session.add(AliasRow(entity_id=entity_id, alias=alias, norm=norm,
                                          origin=origin))
        self.session.flush()
        return added

    def _grow(self, entity_id: int, aliases: list[str], origin: str) -> None:
        """`_add_aliases` to a stored entity, and its proposals weighed again if it grew."""
        if self._add_aliases(entity_id, aliases, origin):
            self._propose(entity_id)

    # -- weak evidence: proposals ---------------------------------------------------

    def _propose(self, entity_id: int) -> None:
        """Weigh again the possible identities of a stored entity whose names just grew
        (created, or new aliases): against every other entity of its type, from what both
        are known by now. The evidence is symmetric and only grows, and each pair keeps its
        best, so the proposals after a batch do not depend on the order of its documents.
        Two actor-pack entries are distinct by the pack's word: never proposed."""
        # here, not at the top: the store's readers import this module, and the
        # extractor's (spaCy's) modules are only for writers
        from rapidfuzz import fuzz, process

        from threatnet.extract.aliases import is_acronym

        me = self.session.get(EntityRow, entity_id)
        if me is None or me.merged_into is not None:
            return
        query = select(EntityRow.id, EntityRow.name).where(
            EntityRow.type == me.type, EntityRow.id != me.id, EntityRow.merged_into.is_(None))
        if me.pack_id:
            query = query.where(EntityRow.pack_id.is_(None))
        names = {i: n for i, n in self.session.execute(query)}
        if not names:
            return
        found: dict[int, list[tuple[float, str]]] = {}
        for other_id, alias in self._shared_aliases(me.id, names):
            found.setdefault(other_id, []).append((80.0, f"shares the alias {alias!r}"))
        for other_id, name in names.items():
            for short, long in ((me.name, name), (name, me.name)):
                if is_acronym(short) and initials(long) == short.upper():
                    found.setdefault(other_id, []).append((85.0,
                                                           f"{short} abbreviates {long!r}"))
        for _, score, other_id in process.extract(
                norm_name(me.name), {i: norm_name(n) for i, n in names.items()},
                scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD, limit=None):
            pair = " and ".join(repr(n) for n in sorted((me.name, names[other_id])))
            found.setdefault(other_id, []).append((score, f"similar names {pair} "
                                                          f"({score:.0f})"))
        for other_id, evidence in found.items():
            self._keep_best(me.id, other_id, *max(evidence))
        self.session.flush()

    def _shared_aliases(self, entity_id: int, others: dict[int, str]) -> list[tuple[int, str]]:
        """(other entity, the alias it shares with `entity_id`): the first spelling of the
        shared name in either of them, so the evidence reads the same whichever came first."""
        mine = select(AliasRow.norm).where(AliasRow.entity_id == entity_id)
        spellings: dict[tuple[int, str], list[str]] = {}
        rows = [tuple(r) for r in self.session.execute(
            select(AliasRow.entity_id, AliasRow.norm, AliasRow.alias)
            .where(AliasRow.norm.in_(mine)))]
        own = {norm: alias for e, norm, alias in rows if e == entity_id}
        for other_id, norm, alias in rows:
            if other_id in others:
                spellings.setdefault((other_id, norm), [own[norm]]).append(alias)
        return sorted((other_id, min(forms)) for (other_id, _), forms in spellings.items())

    def _keep_best(self, a: int, b: int, score: float, evidence: str) -> None:
        a, b = sorted((a, b))
        row = self.session.scalar(select(SameAsRow).where(SameAsRow.entity_a == a,
                                                          SameAsRow.entity_b == b))
        if row is None:
            self.session.add(SameAsRow(entity_a=a, entity_b=b, score=score / 100,
                                       evidence=evidence))
        elif row.status == "proposed" and (round(score / 100, 6), evidence) > \
                (round(row.score, 6), row.evidence):
            row.score, row.evidence = score / 100, evidence


def canonical(session: Session, entity_id: int) -> int:
    """The entity an id stands for now, after the analysts' merges."""
    seen = {entity_id}
    while True:
        merged = session.scalar(select(EntityRow.merged_into).where(EntityRow.id == entity_id))
        if merged is None or merged in seen:
            return entity_id
        seen.add(merged)
        entity_id = merged
