"""The JSON Schema (draft 2020-12) of the extraction record that `threatnet extract` prints."""

from __future__ import annotations

from typing import Any

from threatnet.model import PREDICATES, EntityType, Modality, Polarity

_NULLABLE_STRING = {"type": ["string", "null"]}
_SPAN = {"type": "object", "required": ["start", "end"],
         "properties": {"start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 0},
                        "text": {"type": "string"}}}


def record_schema() -> dict[str, Any]:
    entity = {
        "type": "object", "required": ["id", "name", "type", "aliases", "mentions"],
        "properties": {
            "id": {"type": "string"}, "name": {"type": "string"},
            "type": {"enum": [t.value for t in EntityType]},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "mentions": {"type": "array", "items": _SPAN},
            "pack_id": {"type": "string", "description": "actor-pack entry"},
            "kind": {"type": "string", "description": "capability taxonomy node"},
            "incident": {"type": "object", "required": ["kind"], "properties": {
                "kind": {"type": "string"}, "date": _NULLABLE_STRING,
                "place": {**_NULLABLE_STRING, "description": "entity id of the place"},
                "generated": {"type": "boolean"}}},
        },
    }
    claim = {
        "type": "object",
        "required": ["id", "subject", "predicate", "object", "polarity", "modality", "source",
                     "qualifiers", "time", "evidence", "confidence"],
        "properties": {
            "id": {"type": "string"},
            "subject": {"type": "string", "description": "entity id"},
            "predicate": {"enum": sorted(PREDICATES)},
            "object": {"type": "string", "description": "entity id"},
            "polarity": {"enum": [p.value for p in Polarity]},
            "modality": {"enum": [m.value for m in Modality]},
            "source": {**_NULLABLE_STRING, "description": "as written; null for the author"},
            "source_entity": _NULLABLE_STRING,
            "qualifiers": {"type": "object", "properties": {
                "source_chain": {"type": "array", "items": {"type": "string"}},
                "aspect": {"type": "string"}, "item": {"type": "string"},
                "location": {"type": "string"}, "note": {"type": "string"}}},
            "time": {"type": "object", "properties": {
                "start": _NULLABLE_STRING, "end": _NULLABLE_STRING,
                "reported": _NULLABLE_STRING}},
            "evidence": _SPAN,
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "threatnet extraction record",
        "type": "object", "required": ["document", "entities", "claims"],
        "properties": {
            "document": {"type": "object", "required": ["id", "source"], "properties": {
                "id": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                "title": _NULLABLE_STRING, "published": _NULLABLE_STRING,
                "language": {"type": "string"}, "source": {"type": "string"}}},
            "entities": {"type": "array", "items": entity},
            "claims": {"type": "array", "items": claim},
            "extractor": {"type": "string"},
        },
    }
