"""Turn analysts' reviews into gold: reviewed documents as `X.txt` + `X.gold.json`.

The format is the gold format of docs/evaluation.md, so `threatnet eval DIR` and
the reference scorer measure the current extractor against the analysts' own judgements.
Accepted and corrected claims (as corrected) are required gold; claims nobody
reviewed are optional (`required: false`: neither a miss nor a false hit);
rejected claims are left out, so extracting them again counts against
precision. Entities likewise, from their mentions and the claims.
`reviewed_record` gives the store's reviewed claims as an extraction record,
the prediction that scores 1.0 against its own gold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from threatnet.errors import ExportError
from threatnet.store import Store
from threatnet.store.review_views import claim_dicts, document_ids, mention_dicts
from threatnet.store.schema import ClaimRow, DocumentRow, EntityRow, MentionRow, ReviewRow

REVIEWED = ("accepted", "corrected")


def reviewed_documents(store: Store) -> list[str]:
    """Ids of the documents with at least one decision on a current claim or mention."""
    with store.session() as s:
        return sorted(set(s.scalars(select(ReviewRow.document_id)
                                    .where(ReviewRow.attached.is_(True)))))


def _content(store: Store, document_id: str) -> tuple[DocumentRow, list[dict], list[dict],
                                                      dict[str, str]]:
    """The document, its claims and mentions as reviewed, and entity name -> type."""
    with store.session() as s:
        doc = s.get(DocumentRow, document_id)
        if doc is None:
            raise ExportError(f"no document {document_id!r} in the store")
        claims = claim_dicts(s, list(s.scalars(select(ClaimRow).where(
            ClaimRow.document_id == document_id).order_by(ClaimRow.evidence_start,
                                                          ClaimRow.id))))
        mentions = mention_dicts(s, list(s.scalars(select(MentionRow).where(
            MentionRow.document_id == document_id).order_by(MentionRow.start))))
        names = {c[k] for c in claims for k in ("subject", "object")} | \
            {m["entity"] for m in mentions}
        types = {r.name: r.type for r in s.scalars(select(EntityRow)
                                                   .where(EntityRow.name.in_(names)))}
    keep = [c for c in claims if c["status"] != "rejected"]
    return doc, keep, [m for m in mentions if m["status"] != "rejected"], types


def gold_record(store: Store, document_id: str, file_name: str) -> dict[str, Any]:
    """The gold annotation of one document, as the analysts left it."""
    doc, claims, mentions, types = _content(store, document_id)
    required: dict[str, bool] = {}
    aliases: dict[str, list[str]] = {}
    for m in mentions:
        required[m["entity"]] = required.get(m["entity"], False) or m["status"] in REVIEWED
        aliases.setdefault(m["entity"], [])
        if m["text"] not in aliases[m["entity"]]:
            aliases[m["entity"]].append(m["text"])
    for c in claims:
        for name in (c["subject"], c["object"]):
            required[name] = required.get(name, False) or c["status"] in REVIEWED
            aliases.setdefault(name, [])
    entities = [{"name": name, "types": [types.get(name, "organization")],
                 "aliases": aliases[name], **({} if required[name] else {"required": False})}
                for name in sorted(required)]
    gold_claims = [{"subject": c["subject"], "predicate": [c["predicate"]],
                    "object": c["object"], "polarity": c["polarity"],
                    "modality": [c["modality"]], "source": c["source"],
                    "evidence": c["evidence"]["text"],
                    **({} if c["status"] in REVIEWED else {"required": False})}
                   for c in claims]
    return {"document": file_name, "published": doc.published, "entities": entities,
            "claims": gold_claims}


def reviewed_record(store: Store, document_id: str) -> dict[str, Any]:
    """The document's claims and entities as reviewed (rejected ones left out), in the JSON
    contract of `threatnet extract`."""
    doc, claims, mentions, types = _content(store, document_id)
    ids: dict[str, str] = {}
    entities: dict[str, dict[str, Any]] = {}

    def entity(name: str) -> str:
        if name not in ids:
            ids[name] = f"E{len(ids) + 1}"
            entities[name] = {"id": ids[name], "name": name,
                              "type": types.get(name, "organization"), "aliases": [],
                              "mentions": []}
        return ids[name]

    for m in mentions:
        entity(m["entity"])
        entities[m["entity"]]["mentions"].append(
            {"start": m["start"], "end": m["end"], "text": m["text"]})
    out_claims = [{"id": f"C{n}", "subject": entity(c["subject"]), "predicate": c["predicate"],
                   "object": entity(c["object"]), "polarity": c["polarity"],
                   "modality": c["modality"], "source": c["source"], "source_entity": None,
                   "qualifiers": {}, "time": c["time"], "evidence": c["evidence"],
                   "confidence": c["confidence"]}
                  for n, c in enumerate(claims, 1)]
    return {"document": {"id": doc.id, "title": doc.title, "published": doc.published,
                         "language": doc.language, "source": doc.source},
            "entities": list(entities.values()), "claims": out_claims, "extractor": "reviewed"}


def export_gold(store: Store, out_dir: str | Path,
                document: str | None = None) -> list[tuple[str, Path]]:
    """Write `X.txt` and `X.gold.json` per reviewed document (or the one named);
    returns (document id, gold path) pairs."""
    with store.session() as s:
        wanted = document_ids(s, document) if document else None
    chosen = wanted if wanted is not None else reviewed_documents(store)
    if not chosen:
        raise ExportError("no reviewed documents yet (review some with `threatnet review`)")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot be created ({exc.strerror})") from None
    written, used = [], set()
    for document_id in chosen:
        with store.session() as s:
            doc = s.get(DocumentRow, document_id)
            source, text = doc.source, doc.text
        stem = re.sub(r"[^\w.-]+", "-", Path(source).stem).strip("-.") or "document"
        if stem in used:
            stem = f"{stem}-{document_id.removeprefix('sha256:')[:8]}"
        used.add(stem)
        gold = gold_record(store, document_id, f"{stem}.txt")
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        target = folder / f"{stem}.gold.json"
        target.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append((document_id, target))
    return written
