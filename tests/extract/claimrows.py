"""Readable views of extraction records for the extractor's sentence-level tests.

A claim becomes a `Row` (subject name, predicate, object name, polarity,
modality, source text or None, time start, time end), so a test states a
whole claim in one tuple and compares it with what the extractor produced.
"""

from __future__ import annotations

from typing import NamedTuple

from threatnet.ingest import document_from_text
from threatnet.model import Entity, EntityType, ExtractionRecord


class Row(NamedTuple):
    subject: str
    predicate: str
    object: str
    polarity: str
    modality: str
    source: str | None
    start: str | None
    end: str | None

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


def record(extractor, text: str, published: str | None = None) -> ExtractionRecord:
    """The extraction record of one text, parsed by the session's extractor."""
    return extractor.extract(document_from_text(text, source="test", published=published))


def rows(rec: ExtractionRecord) -> list[Row]:
    names = {e.id: e.name for e in rec.entities}
    return [Row(names[c.subject], c.predicate, names[c.object], str(c.polarity),
                str(c.modality), c.source.text if c.source else None,
                c.time.get("start"), c.time.get("end"))
            for c in rec.claims]


def claims(extractor, text: str, published: str | None = None) -> list[Row]:
    return rows(record(extractor, text, published))


def affirmed(subject: str, predicate: str, obj: str, modality: str = "asserted",
             source: str | None = None, start: str | None = None,
             end: str | None = None) -> Row:
    return Row(subject, predicate, obj, "affirmed", modality, source, start, end)


def negated(subject: str, predicate: str, obj: str, modality: str = "asserted",
            source: str | None = None, start: str | None = None,
            end: str | None = None) -> Row:
    return Row(subject, predicate, obj, "negated", modality, source, start, end)


def entity(rec: ExtractionRecord, name: str) -> Entity:
    found = [e for e in rec.entities if e.name == name]
    assert len(found) == 1, (name, [e.name for e in rec.entities])
    return found[0]


def mention_texts(ent: Entity) -> list[str]:
    return [m.text for m in ent.mentions]


# Canonical names of the actor pack, as claims name them.
TTP = "Tehrik-i-Taliban Pakistan"
BLA = "Balochistan Liberation Army"
BLF = "Balochistan Liberation Front"
ISKP = "Islamic State Khorasan Province"
LET = "Lashkar-e-Taiba"
JEM = "Jaish-e-Mohammed"
FC = "Frontier Corps"
ARMY = "Pakistan Army"
CHINESE = "Chinese nationals"


def check_triples(extractor, text: str, wanted: list[tuple], unwanted: list[tuple]) -> None:
    """Every wanted (subject, predicate, object) comes out of the text, no unwanted one."""
    found = {r.triple for r in claims(extractor, text)}
    for triple in wanted:
        assert triple in found, (triple, sorted(found))
    for triple in unwanted:
        assert triple not in found, (triple, sorted(found))


def incidents_in_order(rec: ExtractionRecord) -> list[Entity]:
    """The record's incidents in the order the text first tells them."""
    return sorted((e for e in rec.entities if e.type == EntityType.EVENT and e.incident),
                  key=lambda e: e.mentions[0].start)


def who_did(rec: ExtractionRecord) -> set[tuple[str, int, str, str, str | None]]:
    """(doer, incident's place in text order, polarity, modality, source text) of every
    perpetrated or involved_in claim."""
    names = {e.id: e.name for e in rec.entities}
    order = {e.id: n for n, e in enumerate(incidents_in_order(rec))}
    return {(names[c.subject], order[c.object], str(c.polarity), str(c.modality),
             c.source.text if c.source else None)
            for c in rec.claims if c.predicate in ("perpetrated", "involved_in")
            and c.object in order}


def incident_place(rec: ExtractionRecord, incident: Entity) -> str | None:
    """The name of an incident's place, if it has one."""
    return {e.id: e.name for e in rec.entities}.get(incident.incident.place)
