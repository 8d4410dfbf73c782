"""The record types that pass between threatnet's stages, and their closed vocabularies.

Every stage (ingest, extract, resolve, store, analyse, export, serve) imports
these; none redefines them. `ExtractionRecord.to_dict()` gives the JSON
contract (docs/record.md) that other tools (the reference scorer among them) read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    ARMED_GROUP = "armed_group"
    STATE = "state"
    GOVERNMENT_BODY = "government_body"
    ORGANIZATION = "organization"
    PERSON = "person"
    LOCATION = "location"
    INFRASTRUCTURE = "infrastructure"
    CAPABILITY = "capability"
    POPULATION = "population"
    EVENT = "event"


class Polarity(StrEnum):
    AFFIRMED = "affirmed"
    NEGATED = "negated"


class Modality(StrEnum):
    """How committed the text is to a claim, from most to least certain."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    ALLEGED = "alleged"
    BELIEVED = "believed"
    POSSIBLE = "possible"
    HYPOTHETICAL = "hypothetical"

    @property
    def certain(self) -> bool:
        return self not in (Modality.POSSIBLE, Modality.HYPOTHETICAL)

    @property
    def rank(self) -> int:
        """0 for asserted up to 5 for hypothetical: a larger rank is less certain."""
        return list(Modality).index(self)


# predicate -> (class, symmetric)
PREDICATES: dict[str, tuple[str, bool]] = {
    "allied_with": ("alignment", True),
    "cooperates_with": ("alignment", True),
    "supports": ("alignment", False),
    "affiliated_with": ("alignment", True),
    "negotiates_with": ("alignment", True),
    "meets_with": ("alignment", True),
    "hostile_to": ("opposition", False),
    "targets": ("opposition", False),
    "attacks": ("opposition", False),
    "rival_of": ("opposition", True),
    "fights": ("opposition", True),
    "leads": ("structure", False),
    "member_of": ("structure", False),
    "part_of": ("structure", False),
    "splinter_of": ("structure", False),
    "merged_into": ("structure", False),
    "recruits_from": ("structure", False),  # actor -> group, population or place it recruits from
    "possesses": ("capability", False),
    "uses": ("capability", False),
    "seeks": ("capability", False),
    "supplies": ("capability", False),
    "operates_in": ("geography", False),
    "based_in": ("geography", False),
    "controls": ("geography", False),
    "perpetrated": ("events", False),
    "involved_in": ("events", False),
    "occurred_in": ("events", False),
    "invests_in": ("economy", False),
}


def is_symmetric(predicate: str) -> bool:
    return PREDICATES[predicate][1]


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span [{self.start}, {self.end}) is not a valid range")


def cite(paragraphs: list[list[Any]], offset: int) -> str | None:
    """Where an offset falls in a paged document, as "p. 12, para 45" (see Document.meta)."""
    for start, end, page, para in paragraphs:
        if start <= offset < end:
            parts = ([f"p. {page}"] if page is not None else []) + \
                ([f"para {para}"] if para else [])
            return ", ".join(parts) or None
    return None


@dataclass
class Document:
    """One report: its text (the offsets of every evidence point into it) and metadata."""

    id: str
    text: str
    source: str
    title: str | None = None
    published: str | None = None
    language: str = "en"
    outlet: str | None = None  # the site or feed that published it
    # what the reader learnt beside the text: url, author, format, and for PDFs
    # "paragraphs": [[start, end, page, para], ...] so evidence can cite "p. 12, para 45"
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "title": self.title, "published": self.published,
               "language": self.language, "source": self.source}
        if self.outlet:
            out["outlet"] = self.outlet
        out.update({k: self.meta[k] for k in ("url", "author") if self.meta.get(k)})
        return out

    def locate(self, offset: int) -> str | None:
        return cite(self.meta.get("paragraphs", []), offset)


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    """An actor, place or thing of one document, with all its mentions.

    `pack_id` is the actor-pack entry it links to, or None for a name the pack
    does not know; `kind` is the taxonomy node of a capability. An incident (an
    `event` the report describes: an attack, bombing, abduction, clash) carries
    `incident`: its kind, date and place as far as the text gives them (see Incident).
    """

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    pack_id: str | None = None
    kind: str | None = None
    incident: Incident | None = None

    def add_alias(self, alias: str) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": str(self.type),
                               "aliases": list(self.aliases),
                               "mentions": [m.to_dict() for m in self.mentions]}
        if self.pack_id:
            out["pack_id"] = self.pack_id
        if self.kind:
            out["kind"] = self.kind
        if self.incident:
            out["incident"] = self.incident.to_dict()
        return out


@dataclass
class Incident:
    """What a report says an incident was, beside the claims about it.

    `kind` is one of the incident kinds (attack, bombing, suicide bombing, shooting,
    assassination, abduction, hijacking, raid, ambush, clash, ...); `date` an ISO date
    (or year-month, year) resolved against the publication date; `place` the id of the
    finest location entity named for it; `generated` says the name was made up from
    those because the text gives the incident no name of its own. Who did it, what it
    struck, with what, and how many were hurt are claims, with their sources.
    """

    kind: str
    date: str | None = None
    place: str | None = None
    generated: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "place": self.place,
                "generated": self.generated}


@dataclass
class Source:
    """Who a claim is attributed to: the words of the text and, when known, the entity."""

    text: str
    entity: str | None = None
    chain: list[str] = field(default_factory=list)  # outer sources, outermost first


@dataclass
class Evidence(Mention):
    """The sentence a claim comes from: offsets into the document text, and the text."""


# The qualifiers that count an incident's victims ("killed": 3), one per toll
TALLIES = ("killed", "wounded", "hostages")


@dataclass
class Claim:
    """One statement of one document: subject -predicate-> object, with how and by whom."""

    id: str
    subject: str
    predicate: str
    object: str
    polarity: Polarity
    modality: Modality
    evidence: Evidence
    source: Source | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)
    time: dict[str, str | None] = field(default_factory=lambda: {"start": None, "end": None})
    confidence: float = 0.0

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(f"unknown predicate {self.predicate!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")

    def to_dict(self) -> dict[str, Any]:
        qualifiers = dict(self.qualifiers)
        if self.source and self.source.chain:
            qualifiers["source_chain"] = list(self.source.chain)
        return {
            "id": self.id, "subject": self.subject, "predicate": self.predicate,
            "object": self.object, "polarity": str(self.polarity),
            "modality": str(self.modality),
            "source": self.source.text if self.source else None,
            "source_entity": self.source.entity if self.source else None,
            "qualifiers": qualifiers, "time": dict(self.time),
            "evidence": self.evidence.to_dict(), "confidence": round(self.confidence, 3),
        }


@dataclass
class ExtractionRecord:
    """Everything extracted from one document: the JSON contract of docs/record.md."""

    document: Document
    entities: list[Entity]
    claims: list[Claim]
    extractor_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        claims = [c.to_dict() for c in self.claims]
        for claim in claims:  # a PDF's page and numbered paragraph, when it has them
            location = self.document.locate(claim["evidence"]["start"])
            if location:
                claim["evidence"]["location"] = location
        return {"document": self.document.to_dict(),
                "entities": [e.to_dict() for e in self.entities],
                "claims": claims,
                "extractor": self.extractor_version}
