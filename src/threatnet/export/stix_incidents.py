"""The incident parts of the STIX 2.1 bundle (`export.stix`): what an `incident` object
says of itself, the `attributed-to` relationships from each incident to those said to
have carried it out, and what the incidents say of each actor (derived, not claimed).

All of it is read from the exported claims, so a bundle imported and exported again
gives the same objects: an incident's date, places and casualty figures
(`x_threatnet_incident`, differing tallies side by side), one `attributed-to` per
incident and actor some affirming, non-hypothetical claim names, carrying the
strongest modality (`x_threatnet_modality`) and every attribution with its source
(`x_threatnet_attributions`, denials included). The actor's `operates-in` a place and
`targets` a target, derived from its incidents, carry `x_threatnet_derived:
"incidents"` and the incidents' ids. The notes of the claims behind each of these
objects reference them (so an import takes the claims, not the derived objects).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import stix2

from threatnet.analyse.claims import ClaimView
from threatnet.analyse.incidents import PERPETRATION, STRUCK, TALLIES, figure, tallies_of
from threatnet.export.common import EPOCH, ExportData, namespace, triple_key
from threatnet.model import Modality


@dataclass
class IncidentParts:
    """Objects to add to the bundle, properties of the incident SDOs, and the extra
    object_refs of the notes of the claims behind them (by claim id)."""

    objects: list[Any] = field(default_factory=list)
    properties: dict[int, dict[str, Any]] = field(default_factory=dict)
    note_refs: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))


def build(data: ExportData, stix_id: Any, timestamp: Any, creator_id: str) -> IncidentParts:
    """`stix_id(data, entity_id)` and `timestamp(date)` are `export.stix`'s."""
    parts = IncidentParts()
    derived: dict[str, dict[str, Any]] = {}
    about: dict[int, list[ClaimView]] = defaultdict(list)
    for c in data.claims:
        for end in (c.subject_id, c.object_id):
            if data.entities[end].view.type == "event":
                about[end].append(c)
    for incident, claims in about.items():
        if any(c.predicate in (*PERPETRATION, *STRUCK, "occurred_in") for c in claims):
            parts.properties[incident] = _incident_properties(data, incident, claims)
        by_actor: dict[int, list[ClaimView]] = defaultdict(list)
        for c in claims:
            if c.predicate in PERPETRATION and c.object_id == incident:
                by_actor[c.subject_id].append(c)
        for actor, said in by_actor.items():
            firm = [c for c in said if c.affirmed and c.modality != "hypothetical"]
            if not firm:
                continue  # a denial alone attributes nothing: it stays a note
            rel = _attributed_to(data, incident, actor, said, firm, stix_id, timestamp,
                                 creator_id)
            parts.objects.append(rel)
            for c in said:
                parts.note_refs[c.id].append(rel.id)
            for spec in _derived(data, incident, actor, claims, firm, stix_id):
                _merge_into(derived, spec)
                for c in firm:
                    parts.note_refs[c.id].append(spec["id"])
    parts.objects += [stix2.Relationship(**spec, created=timestamp(EPOCH),
                                         modified=timestamp(EPOCH), created_by_ref=creator_id,
                                         allow_custom=True) for spec in derived.values()]
    return parts


def _incident_properties(data: ExportData, incident: int, claims: list[ClaimView]
                         ) -> dict[str, Any]:
    mine = [c for c in claims if c.subject_id == incident]
    struck = [c for c in mine if c.predicate in STRUCK]
    tallies = tallies_of(struck)
    dates = sorted({c.time_start for c in claims if c.time_start})
    places = sorted({data.entities[c.object_id].view.name for c in mine
                     if c.predicate == "occurred_in" and c.affirmed})
    out: dict[str, Any] = {"dates": dates, "places": places}
    out.update({k: figure(tallies, k) for k in TALLIES if figure(tallies, k) is not None})
    out["differing"] = [k for k in TALLIES if len({t[k] for t in tallies if k in t}) > 1]
    return out


def _attributed_to(data: ExportData, incident: int, actor: int, said: list[ClaimView],
                   firm: list[ClaimView], stix_id: Any, timestamp: Any,
                   creator_id: str) -> stix2.Relationship:
    best = min(firm, key=lambda c: (Modality(c.modality).rank, -c.confidence))
    published = sorted(c.published or EPOCH for c in said)
    key = triple_key(data, actor, "perpetrated", incident)
    return stix2.Relationship(
        id=f"relationship--{uuid.uuid5(namespace(), f'attributed-to:{key}')}",
        relationship_type="attributed-to", source_ref=stix_id(data, incident),
        target_ref=stix_id(data, actor), confidence=round(best.confidence * 100),
        description=f"{data.entities[incident].view.name} attributed to "
                    f"{data.entities[actor].view.name}: " + "; ".join(
                        f"{'denied' if not c.affirmed else c.modality} "
                        f"({c.source or 'author'})" for c in said),
        x_threatnet_predicate="perpetrated", x_threatnet_polarity="affirmed",
        x_threatnet_modality=best.modality, x_threatnet_source=best.source or "author",
        x_threatnet_attributions=[{"polarity": c.polarity, "modality": c.modality,
                                   "source": c.source, "document": c.document_id,
                                   "evidence": c.evidence_text} for c in said],
        created=timestamp(published[0]), modified=timestamp(published[-1]),
        created_by_ref=creator_id, allow_custom=True)


def _derived(data: ExportData, incident: int, actor: int, claims: list[ClaimView],
             firm: list[ClaimView], stix_id: Any) -> list[dict[str, Any]]:
    """The actor operates in the incident's places and targets what it struck."""
    best = _strongest(c.modality for c in firm)
    out = []
    for c in claims:
        if c.subject_id != incident or not c.affirmed:
            continue
        if c.predicate == "occurred_in":
            kind, predicate, extra = "operates-in", "operates_in", {}
        elif c.predicate in STRUCK:
            kind, predicate = "targets", "attacks"
            target_type = c.qualifiers.get("target_type")
            extra = {"x_threatnet_target_type": target_type} if target_type else {}
        else:
            continue
        key = triple_key(data, actor, predicate, c.object_id)
        out.append({
            "id": f"relationship--{uuid.uuid5(namespace(), f'derived:{key}')}",
            "relationship_type": kind, "source_ref": stix_id(data, actor),
            "target_ref": stix_id(data, c.object_id),
            "description": f"derived from incidents attributed to "
                           f"{data.entities[actor].view.name}, not claimed by any report",
            "x_threatnet_predicate": predicate, "x_threatnet_derived": "incidents",
            "x_threatnet_modality": best,
            "x_threatnet_incident_refs": [stix_id(data, incident)], **extra})
    return out


def _strongest(modalities: Any) -> str:
    return str(min((Modality(m) for m in modalities), key=lambda m: m.rank))


def _merge_into(derived: dict[str, dict[str, Any]], spec: dict[str, Any]) -> None:
    """One derived relationship per (actor, predicate, object): its incidents together,
    its modality the strongest of theirs."""
    known = derived.setdefault(spec["id"], spec)
    if known is not spec:
        known["x_threatnet_incident_refs"] = sorted(
            set(known["x_threatnet_incident_refs"]) | set(spec["x_threatnet_incident_refs"]))
        known["x_threatnet_modality"] = _strongest(
            [known["x_threatnet_modality"], spec["x_threatnet_modality"]])
