"""The store as MISP events (built with `pymisp`): one event per report, its claims as objects,
and one per incident (`misp_incidents`).

Each report becomes an event; each entity its claims name an attribute
(`threat-actor` for armed groups, tagged with their galaxy clusters where the
actor pack knows them; `text` with the entity type otherwise); each claim an
`annotation` object holding the evidence sentence, referencing its subject and
object. The reference to the object is named after the predicate only for an
affirmed, non-hypothetical claim; a denial is `denies-<predicate>`, a
hypothetical `hypothesises-<predicate>`. Every claim carries its hedges as
machine tags: `estimative-language:likelihood-probability` from its polarity
and modality (`data/interop.yaml`), `admiralty-scale` source reliability and
information credibility from the analysis layer's grade of its fact, and
`threatnet:polarity` / `threatnet:modality`. Ids are UUIDv5, so re-exports
update the same events.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from typing import Any

from pymisp import MISPEvent, MISPObject

from threatnet.analyse.claims import ClaimView
from threatnet.analyse.grading import Grade, grade, source_table
from threatnet.export.common import (
    EPOCH,
    ExportData,
    claim_uuid,
    document_uuid,
    entity_uuid,
    namespace,
)
from threatnet.export.misp_incidents import incident_event
from threatnet.resources import load_data


def _likelihood(c: ClaimView) -> str:
    return load_data("interop.yaml")["misp"]["modality_likelihood"][c.polarity][c.modality]


def claim_tags(c: ClaimView, fact_grade: Grade) -> list[str]:
    """Machine tags of a claim: its hedge, its source's reliability, its fact's credibility."""
    letter, _ = source_table().rate(c.source)
    return [f'estimative-language:likelihood-probability="{_likelihood(c)}"',
            f'admiralty-scale:source-reliability="{letter.lower()}"',
            f'admiralty-scale:information-credibility="{fact_grade.credibility}"',
            f'threatnet:polarity="{c.polarity}"', f'threatnet:modality="{c.modality}"']


def events(data: ExportData) -> list[MISPEvent]:
    groups: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in data.claims:
        groups[c.key()].append(c)
    grades = {key: grade(claims) for key, claims in groups.items()}
    by_document: dict[str, list[ClaimView]] = defaultdict(list)
    for c in data.claims:
        by_document[c.document_id].append(c)
    return [_event(data, data.documents[d], claims, grades) for d, claims in
            by_document.items()]


def _event(data: ExportData, doc: dict[str, Any], claims: list[ClaimView],
           grades: dict[tuple[int, str, int], Grade]) -> MISPEvent:
    event = MISPEvent()
    event.uuid = document_uuid(doc["id"])
    event.info = doc.get("title") or doc["source"]
    event.set_date(doc.get("published") or EPOCH)
    event.distribution, event.threat_level_id, event.analysis = 0, 4, 2
    event.add_tag(f'threatnet:document="{doc["id"]}"')
    attributes: dict[int, str] = {}
    for c in claims:
        for entity_id in (c.subject_id, c.object_id):
            if entity_id not in attributes:
                attributes[entity_id] = _entity(data, event, entity_id, doc["id"])
    for c in claims:
        obj = MISPObject("annotation", standalone=False)
        obj.uuid = claim_uuid(data, c)
        obj.comment = (f"{c.subject} {c.predicate} {c.object}: {c.polarity}, {c.modality}, "
                       f"source {c.source or 'the author'}, confidence {c.confidence:.2f}")
        text = obj.add_attribute("text", value=c.evidence_text)
        text.uuid = str(uuid.uuid5(namespace(), f"misp-text:{obj.uuid}"))
        for tag in claim_tags(c, grades[c.key()]):
            text.add_tag(tag)
        ref = obj.add_attribute("ref", value=doc["source"])
        ref.uuid = str(uuid.uuid5(namespace(), f"misp-ref:{obj.uuid}"))
        obj.add_reference(attributes[c.subject_id], "claim-subject")
        obj.add_reference(attributes[c.object_id], _reference_type(c))
        for reference in obj.references:
            reference.uuid = str(uuid.uuid5(namespace(), f"misp-reference:{obj.uuid}:"
                                                         f"{reference.referenced_uuid}"))
        event.add_object(obj)
    return event


def _reference_type(c: ClaimView) -> str:
    predicate = c.predicate.replace("_", "-")
    if not c.affirmed:
        return f"denies-{predicate}"
    if c.modality == "hypothetical":
        return f"hypothesises-{predicate}"
    return predicate


def _entity(data: ExportData, event: MISPEvent, entity_id: int, document_id: str) -> str:
    view = data.entities[entity_id].view
    kind = "threat-actor" if view.type == "armed_group" else "text"
    attribute = event.add_attribute(kind, view.name, category="Attribution" if kind ==
                                    "threat-actor" else "Other", comment=view.type)
    attribute.uuid = str(uuid.uuid5(namespace(), f"misp-entity:{document_id}:"
                                                 f"{entity_uuid(view, data.pack)}"))
    entry = data.pack.get(view.pack_id) if view.pack_id else None
    for cluster in entry.misp_clusters if entry else []:
        attribute.add_tag(cluster)
        if cluster not in [t.name for t in event.tags]:
            event.add_tag(cluster)
    return attribute.uuid


def events_json(data: ExportData) -> list[tuple[str, str]]:
    """(event uuid, MISP JSON of the event) for each report, then each incident."""
    every = events(data) + [incident_event(data, i) for i in data.incidents]
    return [(e.uuid, json.dumps({"Event": json.loads(e.to_json())}, ensure_ascii=False,
                                indent=2, sort_keys=True) + "\n") for e in every]
