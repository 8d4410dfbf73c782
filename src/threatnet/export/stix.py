"""The store as a STIX 2.1 bundle (built with the `stix2` library), for OpenCTI and TAXII tools.

Entities become SDOs by the mapping of `data/interop.yaml` (armed groups as
intrusion sets, states / bodies / organisations / populations / people as
identities, places as locations, capabilities as tools or attack patterns,
events as incidents); every fact with an affirming claim becomes one
relationship carrying its confidence (0-100), its time, its Admiralty grade
and its strongest modality (`x_threatnet_modality`); every claim becomes a
`note` holding its evidence sentence, source, polarity and modality. A negated
claim never becomes a relationship: it is a note (and, on a fact others affirm,
an `opinion` that disagrees with it). Incidents are linked to those said to have
carried them out by `attributed-to` relationships keeping the modality, and what they
say of an actor is derived (`stix_incidents`). Documents become reports. Ids are
UUIDv5 (`export.common`), timestamps those of the evidence, so exporting the
same store twice gives the same bundle.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import stix2

from threatnet.analyse.claims import ClaimView
from threatnet.analyse.grading import FIRM
from threatnet.errors import ExportError
from threatnet.export import stix_incidents
from threatnet.export.common import (
    EPOCH,
    ExportData,
    ExportFact,
    claim_uuid,
    document_uuid,
    entity_uuid,
    fact_uuid,
    namespace,
    source_entity,
)
from threatnet.model import PREDICATES
from threatnet.resources import load_data


def _mapping() -> dict[str, Any]:
    return load_data("interop.yaml")["stix"]


def timestamp(date: str | None) -> str:
    """An ISO date, year-month or year as a STIX timestamp (the first instant it names)."""
    date = (date or EPOCH)[:10]
    parts = date.split("-")
    while len(parts) < 3:
        parts.append("01")
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def relationship_type(predicate: str) -> str:
    return _mapping()["relationships"].get(predicate, predicate.replace("_", "-"))


def stix_type(data: ExportData, entity_id: int) -> str:
    view = data.entities[entity_id].view
    spec = _mapping()["entities"][view.type]
    entry = data.pack.get(view.pack_id) if view.pack_id else None
    if entry is not None and entry.stix_type:
        return entry.stix_type
    if view.type == "capability" and _capability_root(data, view.pack_id or view.kind) in \
            _mapping()["attack_pattern_roots"]:
        return "attack-pattern"
    return spec["type"]


def _capability_root(data: ExportData, node: str | None) -> str | None:
    if not node:
        return None
    chain = [node, *data.pack.ancestors(node)]
    return chain[-1]


def stix_id(data: ExportData, entity_id: int) -> str:
    view = data.entities[entity_id].view
    return f"{stix_type(data, entity_id)}--{entity_uuid(view, data.pack)}"


def creator() -> stix2.Identity:
    return stix2.Identity(id=f"identity--{uuid.uuid5(namespace(), 'threatnet')}",
                          name="threatnet", identity_class="system",
                          created=timestamp(None), modified=timestamp(None),
                          description="Sourced, time-aware knowledge graph of militant "
                                      "networks built from security reporting.")


def build_bundle(data: ExportData) -> stix2.Bundle:
    """Every object of `data` in one bundle, creator identity first."""
    me = creator()
    objects: list[Any] = [me]
    incidents = stix_incidents.build(data, stix_id, timestamp, me.id)
    objects += [_entity(data, i, me.id, incidents.properties.get(i)) for i in data.entities]
    rel_ids: dict[tuple[int, str, int], str] = {}
    for ef in data.facts:
        rel = _relationship(data, ef, me.id)
        rel_ids[ef.fact.key] = rel.id
        objects.append(rel)
    objects += incidents.objects
    by_document: dict[str, list[str]] = {}
    for c in data.claims:
        rel_id = rel_ids.get(c.key())
        note = _note(data, c, rel_id, me.id, incidents.note_refs.get(c.id, []))
        objects.append(note)
        refs = by_document.setdefault(c.document_id, [])
        refs += [note.id, stix_id(data, c.subject_id), stix_id(data, c.object_id)]
        if rel_id:
            refs.append(rel_id)
            if not c.affirmed:
                opinion = _opinion(data, c, rel_id, me.id)
                objects.append(opinion)
                refs.append(opinion.id)
    for document_id, refs in by_document.items():
        objects.append(_report(data.documents[document_id], sorted(set(refs)), me.id))
    bundle_id = uuid.uuid5(namespace(), "bundle:" + ",".join(sorted(o.id for o in objects)))
    return stix2.Bundle(objects=objects, id=f"bundle--{bundle_id}", allow_custom=True)


def bundle_json(data: ExportData) -> str:
    try:
        # stix2's own pretty printer is quadratic in the bundle's size: indent here instead
        plain = json.loads(build_bundle(data).serialize())
    except stix2.exceptions.STIXError as exc:
        raise ExportError(f"the STIX bundle could not be built: {exc}") from None
    return json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def _common(created: str, modified: str, creator_id: str) -> dict[str, Any]:
    return {"created": timestamp(created), "modified": timestamp(modified),
            "created_by_ref": creator_id, "allow_custom": True}


def _entity(data: ExportData, entity_id: int, creator_id: str,
            incident: dict[str, Any] | None = None) -> Any:
    item = data.entities[entity_id]
    view = item.view
    kind = stix_type(data, entity_id)
    spec = _mapping()["entities"][view.type]
    entry = data.pack.get(view.pack_id) if view.pack_id else None
    props: dict[str, Any] = {"id": stix_id(data, entity_id), "name": view.name,
                             "x_threatnet_type": view.type, **_common(EPOCH, EPOCH, creator_id)}
    if entry is not None and entry.description:
        props["description"] = entry.description
    if view.kind:
        props["x_threatnet_kind"] = view.kind
    if incident:  # what the claims say of an incident (`stix_incidents`)
        props["x_threatnet_incident"] = incident
    aliases = list(item.aliases)
    if kind in ("intrusion-set", "threat-actor", "tool", "infrastructure", "attack-pattern"):
        if aliases:
            props["aliases"] = aliases
    elif aliases:
        props["x_threatnet_aliases"] = aliases
    if kind == "identity":
        props["identity_class"] = spec["identity_class"]
        if spec.get("sectors"):
            props["sectors"] = list(spec["sectors"])
        return stix2.Identity(**props)
    if kind == "location":
        country = _country(data, view.pack_id)
        if country:
            props["country"] = country
        else:
            props["region"] = _mapping()["default_region"]
        return stix2.Location(**props)
    classes = {"intrusion-set": stix2.IntrusionSet, "threat-actor": stix2.ThreatActor,
               "tool": stix2.Tool, "attack-pattern": stix2.AttackPattern,
               "infrastructure": stix2.Infrastructure, "incident": stix2.Incident}
    if kind not in classes:
        raise ExportError(f"{view.name}: STIX type {kind!r} is not one threatnet exports")
    return classes[kind](**props)


def _country(data: ExportData, pack_id: str | None) -> str | None:
    if not pack_id:
        return None
    countries = _mapping()["countries"]
    for node in [pack_id, *data.pack.ancestors(pack_id)]:
        if node in countries:
            return countries[node]
    return None


def _relationship(data: ExportData, ef: ExportFact, creator_id: str) -> stix2.Relationship:
    f, g = ef.fact, ef.grade
    starts = sorted(c.time_start for c in ef.claims if c.time_start and c.affirmed)
    ends = sorted(c.time_end for c in ef.claims if c.time_end and c.affirmed)
    pair = [(stix_id(data, f.subject_id), f.subject), (stix_id(data, f.object_id), f.object)]
    if f.symmetric:  # the store orders the two ends by its own ids; STIX ids are stable
        pair.sort()
    label = f"{pair[0][1]} —{f.predicate}{'—' if f.symmetric else '→'} {pair[1][1]}"
    props: dict[str, Any] = {
        "id": f"relationship--{fact_uuid(data, f)}",
        "relationship_type": relationship_type(f.predicate),
        "source_ref": pair[0][0], "target_ref": pair[1][0],
        "confidence": round(f.confidence * 100),
        "description": f"{label}: {g.explanation}",
        "external_references": _references(data, ef.claims),
        "x_threatnet_predicate": f.predicate,
        "x_threatnet_class": PREDICATES[f.predicate][0],
        "x_threatnet_symmetric": f.symmetric,
        "x_threatnet_polarity": "affirmed",
        "x_threatnet_modality": f.strongest_modality,
        "x_threatnet_admiralty": g.code,
        "x_threatnet_claims_for": f.claims_for,
        "x_threatnet_claims_against": f.claims_against,
        "x_threatnet_sources_for": f.sources_for,
        "x_threatnet_sources_against": f.sources_against,
        **_common(f.first_seen or EPOCH, f.last_seen or f.first_seen or EPOCH, creator_id)}
    if f.items:
        props["x_threatnet_items"] = sorted(f.items)
    if starts:
        props["start_time"] = timestamp(starts[0])
    if ends and (not starts or timestamp(ends[-1]) > timestamp(starts[0])):
        props["stop_time"] = timestamp(ends[-1])
    return stix2.Relationship(**props)


def _references(data: ExportData, claims: list[ClaimView]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for c in claims:
        if c.document_id in seen:
            continue
        seen.add(c.document_id)
        doc = data.documents[c.document_id]
        ref = {"source_name": doc.get("outlet") or doc["source"], "external_id": c.document_id,
               "description": doc.get("title") or doc["source"]}
        if str(doc["source"]).startswith(("http://", "https://")):
            ref["url"] = doc["source"]
        out.append(ref)
    return out


def _claim_dict(data: ExportData, c: ClaimView) -> dict[str, Any]:
    return {"subject_ref": stix_id(data, c.subject_id), "predicate": c.predicate,
            "object_ref": stix_id(data, c.object_id), "polarity": c.polarity,
            "source_entity_ref": stix_id(data, source_entity(c)) if source_entity(c) else None,
            "modality": c.modality, "source": c.source, "document": c.document_id,
            "time": {"start": c.time_start, "end": c.time_end},
            "qualifiers": c.qualifiers or {}, "confidence": c.confidence,
            "evidence": {"start": c.evidence_start, "end": c.evidence_end,
                         "text": c.evidence_text}}


def _note(data: ExportData, c: ClaimView, rel_id: str | None, creator_id: str,
          derived: list[str] | None = None) -> stix2.Note:
    stance = "affirms" if c.affirmed else "DENIES"
    who = c.source or "the author"
    refs = [stix_id(data, c.subject_id), stix_id(data, c.object_id),
            f"report--{document_uuid(c.document_id)}"]
    if rel_id:
        refs.insert(0, rel_id)
    refs += sorted(set(derived or []))  # the incident's attribution and what it derives
    return stix2.Note(
        id=f"note--{claim_uuid(data, c)}",
        abstract=f"{who} {stance} ({c.modality}): {c.subject} {c.predicate} {c.object}",
        content=c.evidence_text, authors=[who], object_refs=refs,
        confidence=round(c.confidence * 100),
        x_threatnet_polarity=c.polarity, x_threatnet_modality=c.modality,
        x_threatnet_claim=_claim_dict(data, c),
        **_common(c.published or EPOCH, c.published or EPOCH, creator_id))


def _opinion(data: ExportData, c: ClaimView, rel_id: str, creator_id: str) -> stix2.Opinion:
    return stix2.Opinion(
        id=f"opinion--{claim_uuid(data, c)}",
        opinion="strongly-disagree" if c.modality in FIRM else "disagree",
        explanation=f"{c.source or 'the author'} ({c.modality}): {c.evidence_text}",
        authors=[c.source or "the author"], object_refs=[rel_id],
        x_threatnet_polarity=c.polarity, x_threatnet_modality=c.modality,
        **_common(c.published or EPOCH, c.published or EPOCH, creator_id))


def _report(doc: dict[str, Any], refs: list[str], creator_id: str) -> stix2.Report:
    ref = {"source_name": doc.get("outlet") or "threatnet", "external_id": doc["id"]}
    if str(doc["source"]).startswith(("http://", "https://")):
        ref["url"] = doc["source"]
    return stix2.Report(
        id=f"report--{document_uuid(doc['id'])}", name=doc.get("title") or doc["source"],
        published=timestamp(doc.get("published")), report_types=["threat-report"],
        object_refs=refs, external_references=[ref],
        x_threatnet_document={"id": doc["id"], "source": doc["source"],
                              "title": doc.get("title"), "published": doc.get("published"),
                              "outlet": doc.get("outlet")},
        **_common(doc.get("published") or EPOCH, doc.get("published") or EPOCH, creator_id))
