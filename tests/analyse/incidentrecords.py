"""Extraction records of incident reports written by hand (the incident extractor's contract,
helper-brief "Incident coding"), for the store, analysis, CLI, web and export tests.

`Report` lays out a text, its entities with mentions found in the text, and claims
whose evidence is the sentence holding a given phrase. `bannu_reports()` gives the
same police-post attack told by two documents (one with a differing death toll),
an attack elsewhere, and a denial.
"""

from __future__ import annotations

import hashlib
from typing import Any

from threatnet.model import (
    Claim,
    Document,
    Entity,
    EntityType,
    Evidence,
    ExtractionRecord,
    Incident,
    Mention,
    Modality,
    Polarity,
    Source,
)


class Report:
    """One document's text, entities and claims, built step by step."""

    def __init__(self, source: str, published: str, text: str, title: str | None = None
                 ) -> None:
        self.document = Document(id="sha256:" + hashlib.sha256(text.encode()).hexdigest(),
                                 text=text, source=source, title=title or source,
                                 published=published)
        self.entities: list[Entity] = []
        self.claims: list[Claim] = []

    def entity(self, name: str, type: str, *mentions: str, pack_id: str | None = None,
               kind: str | None = None, incident: Incident | None = None) -> str:
        text = self.document.text
        found = []
        for phrase in mentions:
            start = text.index(phrase)
            found.append(Mention(start, start + len(phrase), phrase))
        entity = Entity(id=f"E{len(self.entities) + 1}", name=name, type=EntityType(type),
                        mentions=found, pack_id=pack_id, kind=kind, incident=incident)
        for m in found if incident is None else []:  # as the extractor keeps names met
            if m.text != name:
                entity.add_alias(m.text)
        self.entities.append(entity)
        return entity.id

    def claim(self, subject: str, predicate: str, obj: str, phrase: str, *,
              modality: str = "asserted", polarity: str = "affirmed",
              source: str | None = None, qualifiers: dict[str, Any] | None = None,
              start: str | None = None) -> None:
        text = self.document.text
        at = text.index(phrase)
        begin = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0
        end = text.find(". ", at)
        end = len(text) if end < 0 else end + 1
        self.claims.append(Claim(
            id=f"C{len(self.claims) + 1}", subject=subject, predicate=predicate, object=obj,
            polarity=Polarity(polarity), modality=Modality(modality),
            evidence=Evidence(begin, end, text[begin:end]),
            source=Source(source) if source else None, qualifiers=dict(qualifiers or {}),
            time={"start": start, "end": None}, confidence=0.8))

    def record(self, version: str = "test-1") -> ExtractionRecord:
        return ExtractionRecord(self.document, list(self.entities), list(self.claims), version)


DAWN = ("Assailants attacked a police post in Bannu on Monday. Three policemen were killed "
        "and two were wounded. The Tehrik-i-Taliban Pakistan claimed responsibility for the "
        "attack.")
WIRE = ("A police checkpoint in Bannu district came under attack on Sunday night. Police "
        "officials said four officers died in the attack. Officials attributed the attack "
        "to the TTP.")
QUETTA = ("A bomb exploded near a bus in Quetta on June 10. Five civilians were killed. "
          "No group claimed responsibility. Police suspected the BLA.")
DENIAL = ("Gunmen shot dead a journalist in Peshawar on July 2. Police blamed the TTP for the "
          "killing. The TTP denied any involvement in the killing.")


def dawn(published: str = "2024-06-25", date: str = "2024-06-24",
         kind: str = "attack") -> Report:
    r = Report("dawn-bannu.txt", published, DAWN, "Police post attacked in Bannu")
    bannu = r.entity("Bannu", "location", "Bannu", pack_id="bannu")
    inc = r.entity(f"{kind} on a police post, Bannu, {date}", "event", "attacked",
                   "the attack", incident=Incident(kind, date, bannu))
    ttp = r.entity("Tehrik-i-Taliban Pakistan", "armed_group", "Tehrik-i-Taliban Pakistan",
                   pack_id="ttp")
    post = r.entity("police post", "infrastructure", "police post")
    police = r.entity("policemen", "population", "policemen")
    r.claim(ttp, "perpetrated", inc, "claimed responsibility", modality="alleged",
            source="The Tehrik-i-Taliban Pakistan", start=date)
    r.claim(inc, "occurred_in", bannu, "attacked a police post", start=date)
    r.claim(inc, "targets", post, "attacked a police post",
            qualifiers={"target_type": "police"}, start=date)
    r.claim(inc, "targets", police, "Three policemen",
            qualifiers={"target_type": "police", "killed": 3, "wounded": 2}, start=date)
    return r


def wire(published: str = "2024-06-24", date: str = "2024-06-23") -> Report:
    r = Report("wire-bannu.txt", published, WIRE, "Checkpoint attacked")
    bannu = r.entity("Bannu", "location", "Bannu", pack_id="bannu")
    inc = r.entity(f"attack on a police checkpoint, Bannu, {date}", "event", "attack",
                   "the attack", incident=Incident("attack", date, bannu))
    ttp = r.entity("Tehrik-i-Taliban Pakistan", "armed_group", "TTP", pack_id="ttp")
    checkpoint = r.entity("police checkpoint", "infrastructure", "police checkpoint")
    officers = r.entity("police officers", "population", "officers")
    r.claim(ttp, "perpetrated", inc, "attributed the attack", modality="reported",
            source="Officials", start=date)
    r.claim(inc, "targets", checkpoint, "police checkpoint",
            qualifiers={"target_type": "police"}, start=date)
    r.claim(inc, "targets", officers, "four officers", modality="reported",
            source="Police officials",
            qualifiers={"target_type": "police", "killed": 4}, start=date)
    return r


def quetta() -> Report:
    r = Report("quetta-bus.txt", "2024-06-11", QUETTA, "Bus bombing in Quetta")
    quetta = r.entity("Quetta", "location", "Quetta", pack_id="quetta")
    inc = r.entity("bombing of a bus, Quetta, 2024-06-10", "event", "A bomb exploded",
                   incident=Incident("bombing", "2024-06-10", quetta))
    bla = r.entity("Balochistan Liberation Army", "armed_group", "BLA", pack_id="bla")
    bus = r.entity("bus", "infrastructure", "a bus")
    civilians = r.entity("civilians", "population", "civilians")
    ied = r.entity("IED", "capability", "bomb", pack_id="ied")
    r.claim(bla, "perpetrated", inc, "Police suspected", modality="believed",
            source="Police", start="2024-06-10")
    r.claim(inc, "occurred_in", quetta, "A bomb exploded", start="2024-06-10")
    r.claim(inc, "targets", bus, "near a bus", qualifiers={"target_type": "transport"},
            start="2024-06-10")
    r.claim(inc, "targets", civilians, "Five civilians",
            qualifiers={"target_type": "civilians", "killed": 5}, start="2024-06-10")
    r.claim(inc, "uses", ied, "A bomb exploded", start="2024-06-10")
    return r


def denial() -> Report:
    r = Report("peshawar-journalist.txt", "2024-07-03", DENIAL, "Journalist shot dead")
    peshawar = r.entity("Peshawar", "location", "Peshawar", pack_id="peshawar")
    inc = r.entity("shooting of a journalist, Peshawar, 2024-07-02", "event", "shot dead",
                   "the killing", incident=Incident("shooting", "2024-07-02", peshawar))
    ttp = r.entity("Tehrik-i-Taliban Pakistan", "armed_group", "TTP", pack_id="ttp")
    journalist = r.entity("journalist", "population", "journalist")
    r.claim(ttp, "perpetrated", inc, "Police blamed", modality="alleged", source="Police",
            start="2024-07-02")
    r.claim(ttp, "perpetrated", inc, "denied any involvement", polarity="negated",
            source="The TTP", start="2024-07-02")
    r.claim(inc, "occurred_in", peshawar, "Gunmen shot dead", start="2024-07-02")
    r.claim(inc, "targets", journalist, "shot dead a journalist",
            qualifiers={"target_type": "journalists", "killed": 1}, start="2024-07-02")
    return r


def bannu_reports() -> list[ExtractionRecord]:
    return [dawn().record(), wire().record(), quetta().record(), denial().record()]
