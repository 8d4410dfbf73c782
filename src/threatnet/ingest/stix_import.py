"""Import a STIX 2.1 bundle (threatnet's own, or OpenCTI's and others'): actors and claims.

Actors (intrusion sets, threat actors, identities, locations, tools, attack
patterns, infrastructure, incidents) go to the user's actor-pack overlay with
their aliases (`resolve.overlay`); relationships become claims stored through
`Store.save_all`, so they are ordinary, traceable claims:

- a note carrying `x_threatnet_claim` (threatnet's export) is one claim again,
  in the document of its report, with its polarity, modality, source and
  evidence, so export -> import -> export gives the same objects;
- any other relationship is a claim of a document standing for the file,
  attributed to the bundle's author (`created_by_ref`), its modality from
  `x_threatnet_modality` or from its STIX confidence.

Everything is checked before anything is written: a file that is not JSON,
not a bundle, or holds an object type STIX 2.1 does not define is refused
with one line naming what is wrong, and the store and the overlay are
written together or not at all (`commit_import`).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import stix2

from threatnet.errors import InvalidInput
from threatnet.extract.semantics import load_cues
from threatnet.ingest.text import document_id
from threatnet.model import (
    PREDICATES,
    Claim,
    Document,
    Entity,
    EntityType,
    Evidence,
    ExtractionRecord,
    Modality,
    Polarity,
    Source,
)
from threatnet.resolve.overlay import Imported, OverlayUpdate
from threatnet.resources import load_data
from threatnet.store import Store

# through the store, which imports the linker first: importing the linker first is circular
from threatnet.store.queries import norm_name

MAX_BYTES = 200 * 1024 * 1024
IMPORT_VERSION = "stix-import-1"
ACTOR_TYPES = {EntityType.ARMED_GROUP, EntityType.STATE, EntityType.GOVERNMENT_BODY,
               EntityType.ORGANIZATION, EntityType.PERSON}
STIX_TYPES = {  # every object type STIX 2.1 defines
    "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident",
    "indicator", "infrastructure", "intrusion-set", "location", "malware",
    "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool",
    "vulnerability", "relationship", "sighting", "marking-definition", "language-content",
    "extension-definition", "artifact", "autonomous-system", "directory", "domain-name",
    "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex",
    "network-traffic", "process", "software", "url", "user-account", "windows-registry-key",
    "x509-certificate"}
ENTITY_STIX = {"intrusion-set": EntityType.ARMED_GROUP, "threat-actor": EntityType.ARMED_GROUP,
               "location": EntityType.LOCATION, "tool": EntityType.CAPABILITY,
               "attack-pattern": EntityType.CAPABILITY,
               "infrastructure": EntityType.INFRASTRUCTURE, "incident": EntityType.EVENT,
               "campaign": EntityType.EVENT, "identity": None}


@dataclass
class ImportSummary:
    """What an import added, for the one line the CLI prints."""

    file: str
    overlay: str
    actors: int = 0
    new_actors: int = 0
    documents: int = 0
    claims: int = 0
    skipped: Counter = field(default_factory=Counter)

    def line(self) -> str:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return (f"{self.file}: {self.actors} actors ({self.new_actors} new) -> {self.overlay}; "
                f"{self.claims} claims in {self.documents} documents"
                + (f"; skipped: {skipped}" if skipped else ""))


def read_json(path: Path) -> Any:
    """The JSON of a file, or one InvalidInput line saying why it cannot be read."""
    where = str(path)
    if not path.is_file():
        raise InvalidInput(where, "no such file")
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(where, f"is larger than {MAX_BYTES // 2**20} MB")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(where, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(where, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                  f"{exc.msg})") from None


def claim_confidence(polarity: str, modality: str) -> float:
    """The extractor's confidence table (cues.yaml) for a claim stated outright."""
    table = load_cues().confidence
    return round(table["modality"][modality] * table["polarity"][polarity]
                 * table["certainty"]["verb"], 3)


def commit_import(store: Store, overlay: OverlayUpdate,
                  records: list[tuple[ExtractionRecord, str | None]]) -> None:
    """The overlay and the claims, both or neither."""
    tmp = overlay.prepare()
    try:
        if records:
            store.save_all(records)
    except BaseException:
        overlay.discard(tmp)
        raise
    overlay.commit(tmp)


# -- reading the bundle ----------------------------------------------------------------


def read_bundle(path: Path) -> list[dict[str, Any]]:
    """The objects of a STIX 2.1 bundle, each checked by the `stix2` library."""
    data = read_json(path)
    where = str(path)
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise InvalidInput(where, 'is not a STIX bundle (no "type": "bundle" at the top level)')
    objects = data.get("objects")
    if not isinstance(objects, list):
        raise InvalidInput(where, "the STIX bundle has no list of 'objects'")
    for n, obj in enumerate(objects):
        if not isinstance(obj, dict) or not isinstance(obj.get("type"), str) \
                or not isinstance(obj.get("id"), str):
            raise InvalidInput(where, f"object #{n} of the bundle has no 'type' and 'id'")
        kind = obj["type"]
        if kind not in STIX_TYPES and not kind.startswith("x-"):
            raise InvalidInput(where, f"unknown STIX object type {kind!r} (object {obj['id']}); "
                                      "STIX 2.1 defines intrusion-set, identity, relationship, …")
        if kind in ENTITY_STIX or kind in ("relationship", "note", "report"):
            try:
                stix2.parse(obj, allow_custom=True, version="2.1")
            except stix2.exceptions.STIXError as exc:
                raise InvalidInput(where, f"{obj['id']}: {exc}") from None
    return objects


def entity_type(obj: dict[str, Any]) -> EntityType:
    if obj.get("x_threatnet_type"):
        try:
            return EntityType(obj["x_threatnet_type"])
        except ValueError:
            pass
    mapped = ENTITY_STIX[obj["type"]]
    if mapped is not None:
        return mapped
    klass = obj.get("identity_class")
    if klass == "individual":
        return EntityType.PERSON
    if klass == "class":
        return EntityType.POPULATION
    if any(str(s).startswith("government") for s in obj.get("sectors") or []):
        return EntityType.GOVERNMENT_BODY
    return EntityType.ORGANIZATION


def _aliases(obj: dict[str, Any]) -> list[str]:
    names = [*(obj.get("aliases") or []), *(obj.get("x_threatnet_aliases") or []),
             *(obj.get("x_opencti_aliases") or [])]
    return [str(a).strip() for a in names if str(a).strip() and str(a).strip() != obj["name"]]


class _Entities:
    """The bundle's SDOs as the Entity records of the import, linked to the pack."""

    def __init__(self, store: Store, overlay: OverlayUpdate, summary: ImportSummary) -> None:
        from threatnet.export.common import namespace

        self.overlay = overlay
        self.summary = summary
        self.by_stix: dict[str, Entity] = {}
        ns = namespace()
        self.pack_uuid = {str(uuid.uuid5(ns, f"pack:{e.id}")): e.id
                          for e in overlay.pack.entries.values()}
        self.pack_uuid |= {e.stix_id.split("--", 1)[1]: e.id
                           for e in overlay.pack.entries.values() if e.stix_id}
        self.stored = {(e["type"], norm_name(e["name"])): e["pack_id"]
                       for e in store.entities()}

    def add(self, obj: dict[str, Any]) -> None:
        etype = entity_type(obj)
        name, aliases = str(obj["name"]).strip(), _aliases(obj)
        pack_id = self.pack_uuid.get(obj["id"].split("--", 1)[1])
        if pack_id is None and etype in ACTOR_TYPES:
            item = Imported(name, etype, aliases, stix_id=obj["id"],
                            description=str(obj.get("description") or "")[:500])
            known = self.overlay.find(item)
            pack_id = self.overlay.add(item)
            self.summary.new_actors += known is None
            if (str(etype), norm_name(name)) in self.stored and \
                    self.stored[(str(etype), norm_name(name))] is None:
                pack_id = None  # the store has it by name already: link it by name
        elif pack_id is not None and etype in ACTOR_TYPES:
            self.overlay.add(Imported(name, etype, aliases))
        self.summary.actors += etype in ACTOR_TYPES
        self.by_stix[obj["id"]] = Entity(id=f"E{len(self.by_stix) + 1}", name=name, type=etype,
                                         aliases=aliases, pack_id=pack_id,
                                         kind=obj.get("x_threatnet_kind"))


# -- claims ------------------------------------------------------------------------------


def _predicate(relationship_type: str) -> str | None:
    mapping = load_data("interop.yaml")["stix"]["relationships"]
    reverse = {stix: predicate for predicate, stix in mapping.items()}
    if relationship_type in reverse:
        return reverse[relationship_type]
    candidate = relationship_type.replace("-", "_")
    return candidate if candidate in PREDICATES and candidate not in mapping else None


def _confidence_modality(confidence: Any) -> Modality:
    for threshold, modality in load_data("interop.yaml")["stix"]["confidence_modality"]:
        if isinstance(confidence, int) and confidence >= threshold:
            return Modality(modality)
    return Modality.REPORTED


class ImportDocument:
    """One document of the import and its claims, with a text the evidence points into."""

    def __init__(self, doc_id: str | None, source: str, title: str | None,
                 published: str | None, outlet: str | None) -> None:
        self.id, self.source, self.title = doc_id, source, title
        self.published, self.outlet = published, outlet
        self.claims: list[Claim] = []
        self.spans: list[tuple[int, str]] = []
        self.entities: dict[str, Entity] = {}

    def record(self, extra: list[Entity]) -> tuple[ExtractionRecord, str | None]:
        length = max((start + len(text) for start, text in self.spans), default=0)
        chars = [" "] * length
        for start, text in self.spans:
            chars[start:start + len(text)] = text
        text = "".join(chars)
        doc = Document(id=self.id or document_id(text), text=text, source=self.source,
                       title=self.title, published=self.published)
        entities = list(self.entities.values()) + [e for e in extra
                                                   if e.id not in {x.id for x in
                                                                   self.entities.values()}]
        return ExtractionRecord(doc, entities, self.claims, IMPORT_VERSION), self.outlet


def _claim_from_note(note: dict[str, Any], entities: _Entities, doc: ImportDocument) -> None:
    c = note["x_threatnet_claim"]
    subject, obj = entities.by_stix.get(c.get("subject_ref")), entities.by_stix.get(
        c.get("object_ref"))
    if subject is None or obj is None or c.get("predicate") not in PREDICATES:
        raise ValueError("it names an object or predicate the bundle does not define")
    source_entity = entities.by_stix.get(c.get("source_entity_ref") or "")
    for e in (subject, obj, source_entity):
        if e is not None:
            doc.entities[e.id] = e
    evidence = c.get("evidence") or {}
    start, text = int(evidence.get("start") or 0), str(evidence.get("text") or note["content"])
    doc.spans.append((start, text))
    time = c.get("time") or {}
    doc.claims.append(Claim(
        id=f"C{len(doc.claims) + 1}", subject=subject.id, predicate=c["predicate"],
        object=obj.id, polarity=Polarity(c["polarity"]), modality=Modality(c["modality"]),
        evidence=Evidence(start, int(evidence.get("end") or start + len(text)), text),
        source=Source(c["source"], source_entity.id if source_entity else None)
        if c.get("source") else None,
        qualifiers=dict(c.get("qualifiers") or {}),
        time={"start": time.get("start"), "end": time.get("end")},
        confidence=float(c["confidence"])))


def _claim_from_relationship(rel: dict[str, Any], entities: _Entities, doc: ImportDocument,
                             author: str | None, skipped: Counter) -> None:
    subject, obj = entities.by_stix.get(rel["source_ref"]), entities.by_stix.get(
        rel["target_ref"])
    predicate = _predicate(rel["relationship_type"])
    if subject is None or obj is None:
        skipped["relationships between objects threatnet does not import"] += 1
        return
    if predicate is None:
        skipped[f"'{rel['relationship_type']}' relationships (no predicate of the "
                "ontology)"] += 1
        return
    modality = Modality(rel["x_threatnet_modality"]) if rel.get("x_threatnet_modality") \
        in {m.value for m in Modality} else _confidence_modality(rel.get("confidence"))
    text = str(rel.get("description") or f"{subject.name} {rel['relationship_type']} "
                                          f"{obj.name}").replace("\n", " ")
    start = sum(len(t) + 1 for _, t in doc.spans)
    doc.spans.append((start, text))
    doc.entities[subject.id], doc.entities[obj.id] = subject, obj
    doc.claims.append(Claim(
        id=f"C{len(doc.claims) + 1}", subject=subject.id, predicate=predicate, object=obj.id,
        polarity=Polarity.AFFIRMED, modality=modality,
        evidence=Evidence(start, start + len(text), text),
        source=Source(author) if author else None,
        time={"start": (rel.get("start_time") or "")[:10] or None,
              "end": (rel.get("stop_time") or "")[:10] or None},
        confidence=claim_confidence("affirmed", modality)))


def import_bundle(store: Store, path: Path, pack: str | Path | None = None) -> ImportSummary:
    """Import a STIX bundle into `store` and the overlay (`pack`); all of it or nothing."""
    objects = read_bundle(Path(path))
    overlay = OverlayUpdate(pack, alias_source="stix")
    summary = ImportSummary(str(path), str(overlay.path))
    entities = _Entities(store, overlay, summary)
    for obj in objects:
        if obj["type"] in ENTITY_STIX and obj.get("identity_class") != "system":
            entities.add(obj)  # a system identity is the software that made the bundle
    names = {o["id"]: o.get("name") for o in objects if o["type"] == "identity"}
    reports = {o["x_threatnet_document"]["id"]: o for o in objects
               if o["type"] == "report" and isinstance(o.get("x_threatnet_document"), dict)}
    documents: dict[str, ImportDocument] = {}
    noted: set[str] = set()
    for obj in objects:
        if obj["type"] == "note" and isinstance(obj.get("x_threatnet_claim"), dict):
            doc_id = str(obj["x_threatnet_claim"].get("document") or "")
            if doc_id not in documents:
                d = (reports.get(doc_id) or {}).get("x_threatnet_document") or {}
                documents[doc_id] = ImportDocument(doc_id or None, d.get("source") or str(path),
                                              d.get("title"), d.get("published"),
                                              d.get("outlet"))
            try:
                _claim_from_note(obj, entities, documents[doc_id])
            except (KeyError, ValueError, TypeError) as exc:
                raise InvalidInput(str(path), f"{obj['id']}: its x_threatnet_claim is not a "
                                              f"claim ({exc})") from None
            noted |= {r for r in obj.get("object_refs", []) if r.startswith("relationship--")}
    file_doc = ImportDocument(None, str(path), Path(path).name, None, None)
    for obj in objects:
        if obj["type"] == "relationship" and obj["id"] not in noted:
            _claim_from_relationship(obj, entities, file_doc,
                                     names.get(obj.get("created_by_ref") or ""), summary.skipped)
        elif obj["type"] not in ENTITY_STIX and obj["type"] not in (
                "relationship", "note", "report", "opinion", "marking-definition"):
            summary.skipped[f"{obj['type']} objects"] += 1
    if file_doc.claims:
        dates = sorted(str(o.get("modified") or "")[:10] for o in objects
                       if o["type"] == "relationship" and o.get("modified"))
        file_doc.published = dates[-1] if dates else None
        documents["(file)"] = file_doc
    in_claims = {e.id for d in documents.values() for e in d.entities.values()}
    leftover = [e for e in entities.by_stix.values() if e.id not in in_claims]
    records = [d.record(leftover if n == 0 else []) for n, d in enumerate(documents.values())]
    summary.documents = len(records)
    summary.claims = sum(len(r.claims) for r, _ in records)
    commit_import(store, overlay, records)
    return summary
