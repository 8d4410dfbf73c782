"""The records of the incidents of one report, and how they are added to its entities.

`FoundIncident` is one incident with the tokens that refer to it; `DocIncidents` all of a
report's; `EntityAdder` adds the entities the incident finder makes (incidents, unknown
places, targets, tactics) to the entity finder's `DocEntities`. Used by
`extract.incidents`, `extract.incident_targets` and `extract.incident_claims`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from threatnet.extract.entities import DocEntities
from threatnet.extract.incident_entries import Entries
from threatnet.extract.sentences import sentence_of
from threatnet.model import Entity, EntityType, Mention


@dataclass
class FoundIncident:
    """One incident of a report: its entity, kind and the tokens that refer to it."""

    entity: Entity
    kind: str
    triggers: list[Token] = field(default_factory=list)  # the deeds and nouns describing it
    mentions: list[Token] = field(default_factory=list)  # every reference, in text order
    places: list[str] = field(default_factory=list)      # location entity ids, finest first
    date: str | None = None

    @property
    def last(self) -> int:
        return self.mentions[-1].i if self.mentions else -1

    @property
    def sentences(self) -> set[int]:
        return {sentence_of(t).start for t in self.mentions}


@dataclass
class DocIncidents:
    incidents: list[FoundIncident] = field(default_factory=list)
    cue_tokens: list[int] = field(default_factory=list)  # tokens any incident cue names
    dateline: tuple[int, int] | None = None  # character offsets of the story's dateline
    entries: Entries = field(default_factory=lambda: Entries([]))  # dated records, lines

    def latest_in_entry(self, tok: Token) -> FoundIncident | None:
        """The latest incident before `tok`, unless it was told in another entry."""
        latest = self.latest_before(tok)
        if latest is None:
            return None
        last = max(t.idx for t in latest.mentions if t.i < tok.i)
        return latest if self.entries.same(last, tok.idx) else None

    def of_entity(self, entity: str) -> FoundIncident | None:
        return next((f for f in self.incidents if f.entity.id == entity), None)

    def latest_before(self, tok: Token) -> FoundIncident | None:
        """The incident mentioned last before `tok` (the one a bare "the attack" means)."""
        before = [f for f in self.incidents if any(t.i < tok.i for t in f.mentions)]
        return max(before, key=lambda f: max(t.i for t in f.mentions if t.i < tok.i),
                   default=None)


class EntityAdder:
    """Adds entities and mentions to a document's `DocEntities` after the entity finder."""

    def __init__(self, doc: Doc, found: DocEntities) -> None:
        self.doc = doc
        self.found = found
        self.by_key: dict[str, Entity] = {}
        self._names: dict[str, str] = {}
        self.next = max((int(e.id[1:]) for e in found.entities), default=0) + 1

    def entity(self, key: str, name: str, etype: EntityType, kind: str | None = None) -> Entity:
        if key not in self.by_key:
            entity = Entity(id=f"E{self.next}", name=name, type=etype, kind=kind)
            self.next += 1
            self.by_key[key] = entity
            self.found.entities.append(entity)
        return self.by_key[key]

    def mention(self, entity: Entity, start: int, end: int, take: bool = True) -> None:
        span = self.doc[start:end]
        if any(m.start == span.start_char and m.end == span.end_char for m in entity.mentions):
            return
        if take:
            self.own(entity, start, end)
        entity.mentions.append(Mention(span.start_char, span.end_char, span.text))
        entity.mentions.sort(key=lambda m: m.start)
        entity.add_alias(span.text)

    def name_of(self, entity_id: str) -> str:
        if len(self._names) != len(self.found.entities):  # entities were added or dropped
            self._names = {e.id: e.name for e in self.found.entities}
        return self._names.get(entity_id, "")

    def own(self, entity: Entity, start: int, end: int) -> None:
        """Give tokens `start`..`end` to `entity`, taking them from their owners."""
        for i in range(start, end):
            self._release(i)
            self.found.token_entity[i] = entity.id

    def drop(self, entity: Entity) -> None:
        """Forget an entity whose mentions went to another."""
        for i in [i for i, e in self.found.token_entity.items() if e == entity.id]:
            del self.found.token_entity[i]
        if entity in self.found.entities:
            self.found.entities.remove(entity)
        self.by_key = {k: e for k, e in self.by_key.items() if e is not entity}

    def _release(self, i: int) -> None:
        owner = self.found.token_entity.pop(i, None)
        if owner is None:
            return
        entity = next(e for e in self.found.entities if e.id == owner)
        idx = self.doc[i].idx
        entity.mentions = [m for m in entity.mentions if not m.start <= idx < m.end]
        if not entity.mentions and not any(v == owner for v in self.found.token_entity.values()):
            self.found.entities.remove(entity)


__all__ = ["DocIncidents", "EntityAdder", "FoundIncident"]
