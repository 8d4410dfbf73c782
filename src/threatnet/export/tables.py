"""The store as CSV files (entities, claims, facts, incidents) for spreadsheets, via the csv
module.

Every claim keeps its polarity, modality and source in their own columns, so
a spreadsheet filter on `polarity = affirmed` is the only way a denial could
be read as a link; facts carry their confidence, grade and strongest modality; incidents
the columns of `threatnet incidents` (differing casualty figures with their sources).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from threatnet.analyse.incidents import COLUMNS as INCIDENT_COLUMNS
from threatnet.analyse.incidents import flat_row
from threatnet.export.common import ExportData

ENTITY_COLUMNS = ["id", "name", "type", "pack_id", "kind", "aliases"]
CLAIM_COLUMNS = ["id", "subject", "predicate", "object", "polarity", "modality", "source",
                 "confidence", "time_start", "time_end", "published", "document",
                 "evidence", "qualifiers"]
FACT_COLUMNS = ["subject", "predicate", "object", "class", "symmetric", "confidence", "grade",
                "strongest_modality", "claims_for", "claims_against", "sources_for",
                "sources_against", "sources", "first_seen", "last_seen", "items",
                "explanation"]


def rows(data: ExportData) -> dict[str, list[dict[str, Any]]]:
    """The rows of entities.csv, claims.csv and facts.csv."""
    entities = [{"id": e.view.id, "name": e.view.name, "type": e.view.type,
                 "pack_id": e.view.pack_id or "", "kind": e.view.kind or "",
                 "aliases": "; ".join(e.aliases)} for e in data.entities.values()]
    claims = [{"id": c.id, "subject": c.subject, "predicate": c.predicate, "object": c.object,
               "polarity": c.polarity, "modality": c.modality, "source": c.source or "(author)",
               "confidence": c.confidence, "time_start": c.time_start or "",
               "time_end": c.time_end or "", "published": c.published or "",
               "document": c.document_id, "evidence": c.evidence_text,
               "qualifiers": json.dumps(c.qualifiers, ensure_ascii=False) if c.qualifiers
               else ""} for c in data.claims]
    facts = []
    for ef in data.facts:
        d = ef.fact.to_dict()
        facts.append({**{k: d.get(k) for k in FACT_COLUMNS if k in d},
                      "grade": ef.grade.code, "explanation": ef.grade.explanation,
                      "sources": "; ".join(d["sources"]),
                      "items": "; ".join(d.get("items", []))})
    titles = {d: doc.get("title") or doc["source"] for d, doc in data.documents.items()}
    incidents = [flat_row(i, titles) for i in data.incidents]
    return {"entities": entities, "claims": claims, "facts": facts, "incidents": incidents}


def write_csv(data: ExportData, folder: Path) -> list[Path]:
    """entities.csv, claims.csv, facts.csv and (when the store has incidents) incidents.csv
    in `folder` (created); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = {"entities": ENTITY_COLUMNS, "claims": CLAIM_COLUMNS, "facts": FACT_COLUMNS,
               "incidents": INCIDENT_COLUMNS}
    written = []
    for name, table in rows(data).items():
        if name == "incidents" and not table:
            continue
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns[name])
            writer.writeheader()
            writer.writerows({k: ("" if row.get(k) is None else row.get(k))
                              for k in columns[name]} for row in table)
        written.append(path)
    return written
