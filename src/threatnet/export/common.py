"""What every export writes: the store's facts, their claims, entities and documents.

`collect` reads them once through the analysis layer (`analyse.graph.load_facts`
for facts and their confidence, `analyse.claims.load_claims` for claims,
`analyse.grading.grade` for Admiralty grades) and the store's queries, then
filters by actor, date and confidence. The STIX, MISP, graph and CSV writers
only lay it out; none recomputes a figure. Deterministic ids for STIX and MISP
(UUIDv5 from canonical names, pack ids and fact keys) are made here too.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from threatnet.analyse.claims import ClaimView, EntityView, entities, load_claims
from threatnet.analyse.grading import Grade, grade
from threatnet.analyse.graph import Fact, load_facts
from threatnet.analyse.incidents import list_incidents
from threatnet.model import is_symmetric
from threatnet.resolve.linker import norm_name
from threatnet.resolve.pack import ActorPack, load_actor_pack
from threatnet.resources import load_data
from threatnet.store import queries

EPOCH = "1970-01-01"  # the timestamp of an object no dated document supports


@dataclass
class ExportEntity:
    view: EntityView
    aliases: list[str]


@dataclass
class ExportFact:
    """A fact with at least one affirming claim: a relationship / an edge."""

    fact: Fact
    grade: Grade
    claims: list[ClaimView]


@dataclass
class ExportData:
    entities: dict[int, ExportEntity]
    facts: list[ExportFact]
    claims: list[ClaimView]  # every claim exported, negated and hypothetical ones too
    documents: dict[str, dict[str, Any]]
    pack: ActorPack
    fact_of: dict[tuple[int, str, int], ExportFact] = field(default_factory=dict)
    # the incidents (`analyse.incidents.list_incidents`): those of the actor, since the date
    incidents: list[dict[str, Any]] = field(default_factory=list)


def fact_key(c: ClaimView) -> tuple[int, str, int]:
    return c.key()


def collect(session: Session, actor_id: int | None = None, since: str | None = None,
            min_confidence: float = 0.0, pack: ActorPack | None = None) -> ExportData:
    """The facts (any entity types), claims, entities and documents to export.

    `actor_id` keeps what involves that actor; `since` claims of documents
    published on or after that date (and facts seen since then);
    `min_confidence` facts at least that confident, and claims outside a fact
    at least that confident.
    """
    pack = pack or load_actor_pack()
    views = entities(session)
    claims = [c for c in load_claims(session)
              if (actor_id is None or actor_id in (c.subject_id, c.object_id))
              and (since is None or (c.published or "") >= since)]
    by_fact: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in claims:
        by_fact[fact_key(c)].append(c)
    facts = []
    every_fact = load_facts(session, node_types=None)
    for f in every_fact:
        mine = by_fact.get(f.key)
        if not mine or f.confidence < min_confidence:
            continue
        if not any(c.affirmed and c.modality != "hypothetical" for c in mine):
            continue  # its affirming claims are all older than `since`
        facts.append(ExportFact(f, grade(mine), sorted(mine, key=_claim_order)))
    fact_of = {ef.fact.key: ef for ef in facts}
    # claims of an exported fact go with it; claims that make no fact (denials only,
    # hypotheticals only) go as notes; claims of a fact filtered out stay out
    filtered = {f.key for f in every_fact} - set(fact_of)
    kept = [c for c in claims if fact_key(c) in fact_of or
            (fact_key(c) not in filtered and c.confidence >= min_confidence)]
    kept.sort(key=_claim_order)
    ids = {i for c in kept for i in (c.subject_id, c.object_id, source_entity(c)) if i}
    aliases = {e["id"]: e["aliases"] for e in queries.entities(session)}
    ents = {i: ExportEntity(views[i], sorted(set(aliases.get(i, [])) - {views[i].name}))
            for i in sorted(ids)}
    documents = {d["id"]: d for d in queries.documents(session)
                 if d["id"] in {c.document_id for c in kept}}
    found = list_incidents(session, pack, actor_id=actor_id, since=since)
    return ExportData(ents, facts, kept, documents, pack, fact_of, found)


def source_entity(c: ClaimView) -> int | None:
    """The (canonical) entity a claim's source is, when the extractor knew it."""
    kind, _, value = c.source_key.partition(":")
    return int(value) if kind == "entity" and value.isdigit() else None


def _claim_order(c: ClaimView) -> tuple:
    return (c.published or "", c.document_id, c.evidence_start, c.subject, c.predicate,
            c.object, c.polarity, c.modality, c.source or "")


# -- deterministic ids -----------------------------------------------------------------


def namespace() -> uuid.UUID:
    return uuid.UUID(load_data("interop.yaml")["stix"]["namespace"])


def entity_key(view: EntityView, pack: ActorPack) -> str:
    """What names an entity across stores: its pack id, else its type and normalised name."""
    if view.pack_id and pack.get(view.pack_id) is not None:
        return f"pack:{view.pack_id}"
    return f"name:{view.type}:{norm_name(view.name)}"


def entity_uuid(view: EntityView, pack: ActorPack) -> str:
    entry = pack.get(view.pack_id) if view.pack_id else None
    if entry is not None and entry.stix_id:  # imported from STIX: keep its id
        return entry.stix_id.split("--", 1)[1]
    return str(uuid.uuid5(namespace(), entity_key(view, pack)))


def triple_key(data: ExportData, subject_id: int, predicate: str, object_id: int) -> str:
    """A fact's key from its ends' ids, which survive an export -> import round trip."""
    a = entity_uuid(data.entities[subject_id].view, data.pack)
    b = entity_uuid(data.entities[object_id].view, data.pack)
    if is_symmetric(predicate) and b < a:
        a, b = b, a
    return f"{a}|{predicate}|{b}"


def fact_uuid(data: ExportData, fact: Fact) -> str:
    key = triple_key(data, fact.subject_id, fact.predicate, fact.object_id)
    return str(uuid.uuid5(namespace(), f"fact:{key}"))


def claim_uuid(data: ExportData, c: ClaimView) -> str:
    key = triple_key(data, c.subject_id, c.predicate, c.object_id)
    return str(uuid.uuid5(namespace(), f"claim:{c.document_id}:{c.evidence_start}:"
                                       f"{c.evidence_end}:{key}:{c.polarity}:{c.modality}:"
                                       f"{norm_name(c.source or '')}"))


def document_uuid(document_id: str) -> str:
    return str(uuid.uuid5(namespace(), f"document:{document_id}"))
