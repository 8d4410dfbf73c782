"""Import a MISP galaxy cluster file: actors and aliases into the pack overlay, links as claims.

Two shapes (`data/interop.yaml` names the galaxies of each):

- **rich** (`threat-actor`): aliases in `meta.synonyms`; links in `related[]`,
  whose `type` maps to a predicate and whose estimative-language tag to a
  polarity and modality; the claims are the galaxy's (its `source`), in one
  document standing for the file.
- **thin** (`canada-listed-terrorist-entities`): aliases only in the free text
  of `meta.summary` — split on commas, semicolons and the final "and", with
  glosses and translations in parentheses dropped (acronyms in parentheses
  kept) — and links only in the prose of `meta.content`, which threatnet's
  own extractor reads, one document per cluster dated by `meta.updated`, every
  claim attributed to the listing's publisher (the galaxy's first author).

A file that is not JSON, not a cluster file, or a galaxy of another kind is
refused with one line; the store and the overlay are written together or not
at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from threatnet.errors import InvalidInput
from threatnet.extract.pipeline import Extractor
from threatnet.ingest.stix_import import (
    ImportDocument,
    ImportSummary,
    claim_confidence,
    commit_import,
    read_json,
)
from threatnet.ingest.text import document_from_text
from threatnet.model import (
    PREDICATES,
    Claim,
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

IMPORT_VERSION = "misp-galaxy-import-1"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-–]{1,11}$")
_LIKELIHOOD = re.compile(r'^estimative-language:likelihood-probability="?([a-z\-]+)"?$')


def _mapping() -> dict[str, Any]:
    return load_data("interop.yaml")["misp"]


def read_galaxy(path: Path) -> tuple[dict[str, Any], str, EntityType]:
    """The cluster file, its shape (rich or thin) and the entity type of its clusters."""
    data = read_json(path)
    where = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise InvalidInput(where, "is not a MISP galaxy cluster file (no 'values' list)")
    galaxies = _mapping()["galaxies"]
    kind = data.get("type")
    if kind not in galaxies:
        raise InvalidInput(where, f"is a MISP {kind!r} galaxy, not one that lists actors "
                                  f"(threatnet imports {', '.join(sorted(galaxies))})")
    for n, cluster in enumerate(data["values"]):
        if not isinstance(cluster, dict) or not isinstance(cluster.get("value"), str) \
                or not cluster["value"].strip():
            raise InvalidInput(where, f"cluster #{n} has no 'value'")
        if not isinstance(cluster.get("meta", {}), dict):
            raise InvalidInput(where, f"cluster {cluster['value']!r}: 'meta' is not a mapping")
    spec = galaxies[kind]
    return data, spec["shape"], EntityType(spec["type"])


# -- aliases from free text ------------------------------------------------------------


def _split_top(text: str, separators: str) -> list[str]:
    """Split on the separator characters outside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _split_and(item: str) -> list[str]:
    """'X and Y' (outside parentheses) as two names when Y looks like a name of its own.

    Y must start with a capital and be several words ("... Sovereignty and Army of
    the Prophet"), or X and Y both one word ("PCP and PCP-SL"): "Iraq and the
    Levant" and "Iraq and Syria" stay one name.
    """
    pieces = re.split(r"\s+and\s+(?![^()]*\))", item)
    out = [pieces[0]]
    for piece in pieces[1:]:
        bare = re.sub(r"^the\s+", "", re.sub(r"\s*\([^()]*\)", "", piece))
        words, left = len(bare.split()), len(out[-1].split())
        if bare[:1].isupper() and (words >= 2 or left == 1):
            out.append(piece)
        else:
            out[-1] = f"{out[-1]} and {piece}"
    return out


def _strip_parens(part: str) -> tuple[str, list[str]]:
    """A name without its parenthesised glosses, and the acronyms those held."""
    acronyms = []
    for inside in re.findall(r"\(([^()]*)\)", part):
        for piece in re.split(r"[,;/]|\s+or\s+", inside):
            piece = piece.strip()
            if _ACRONYM.match(piece) and sum(ch.isupper() for ch in piece) >= 2:
                acronyms.append(piece)
    name = re.sub(r"\s*\([^()]*\)", "", part)
    return re.sub(r"\s+", " ", name).strip(" .,'\""), acronyms


def _clean(name: str) -> str:
    name = re.sub(r"^(and|or)\s+", "", name.strip())
    name = re.sub(r"^the\s+", "", name)  # "the Ziad al-Jarrah Battalion": a list's article
    return name.strip(" .,;:")


def split_aliases(text: str | None) -> list[str]:
    """The names of a free-text alias list ('A, B (AB), C and the D (English gloss).')."""
    if not text or text.strip().upper() in {"N/A", "NA", "NONE", "-"}:
        return []
    text = re.sub(r"(\w)-\s+(\w)", r"\1-\2", text.strip().rstrip("."))  # "al- Mujahideen"
    items = _split_top(text, ",;")
    names: list[str] = []
    for n, item in enumerate(items):
        item = _clean(item)
        for part in _split_and(item) if n == len(items) - 1 else [item]:
            name, acronyms = _strip_parens(_clean(part))
            names += [_clean(name), *acronyms]
    out, seen = [], set()
    for name in names:
        key = norm_name(name)
        if len(name) >= 2 and key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def cluster_names(cluster: dict[str, Any], shape: str) -> tuple[str, list[str]]:
    """(name, aliases) of a cluster: its value's first name, then every other name."""
    value_names = split_aliases(cluster["value"])
    name = value_names[0] if value_names else cluster["value"].strip()
    meta = cluster.get("meta") or {}
    others = [str(s) for s in meta.get("synonyms") or []] if shape == "rich" \
        else split_aliases(meta.get("summary"))
    aliases = [a for a in [*value_names[1:], *others] if norm_name(a) != norm_name(name)]
    return name, list(dict.fromkeys(aliases))


# -- claims ------------------------------------------------------------------------------


def _likelihood(tags: list[Any]) -> tuple[Polarity, Modality]:
    for tag in tags:
        match = _LIKELIHOOD.match(str(tag))
        if match and match.group(1) in _mapping()["likelihood"]:
            polarity, modality = _mapping()["likelihood"][match.group(1)]
            return Polarity(polarity), Modality(modality)
    return Polarity.AFFIRMED, Modality.REPORTED


def _related_claims(data: dict[str, Any], entities: dict[str, Entity], path: Path,
                    summary: ImportSummary) -> ImportDocument:
    """The rich shape's related[] links as claims of one document standing for the file."""
    doc = ImportDocument(None, str(path), data.get("name") or path.name, None, None)
    publisher = str(data.get("source") or ", ".join(data.get("authors") or []) or path.name)
    for cluster in data["values"]:
        subject = entities[cluster.get("uuid") or cluster["value"]]
        for rel in cluster.get("related") or []:
            target = entities.get(str(rel.get("dest-uuid")))
            predicate = _mapping()["related"].get(str(rel.get("type")))
            if target is None:
                summary.skipped["links to clusters outside the file"] += 1
                continue
            if predicate is None or predicate not in PREDICATES:
                summary.skipped[f"'{rel.get('type')}' links (no predicate of the ontology)"] += 1
                continue
            polarity, modality = _likelihood(rel.get("tags") or [])
            tags = ", ".join(str(t) for t in rel.get("tags") or [])
            text = f"{subject.name} {rel['type']} {target.name} ({tags})"
            start = sum(len(t) + 1 for _, t in doc.spans)
            doc.spans.append((start, text))
            doc.entities[subject.id], doc.entities[target.id] = subject, target
            doc.claims.append(Claim(
                id=f"C{len(doc.claims) + 1}", subject=subject.id, predicate=predicate,
                object=target.id, polarity=polarity, modality=modality,
                evidence=Evidence(start, start + len(text), text), source=Source(publisher),
                confidence=claim_confidence(str(polarity), str(modality))))
    return doc


def _prose_records(data: dict[str, Any], path: Path, extractor: Extractor
                   ) -> list[tuple[ExtractionRecord, str | None]]:
    """The thin shape's meta.content, read by the extractor, attributed to the publisher."""
    publisher = str((data.get("authors") or [data.get("name") or path.name])[0])
    documents = []
    for cluster in data["values"]:
        meta = cluster.get("meta") or {}
        content = str(meta.get("content") or "").strip()
        if not content:
            continue
        dated = [d for d in (meta.get("updated"), meta.get("published"))
                 if isinstance(d, str) and _DATE.match(d)]
        where = f"{path}#{meta.get('id') or cluster.get('uuid') or cluster['value']}"
        document = document_from_text(content, where, published=dated[0] if dated else None)
        document.title = str(meta.get("title") or cluster["value"])
        documents.append(document)
    records = []
    for record in extractor.extract_many(documents):
        record.extractor_version = IMPORT_VERSION
        for claim in record.claims:
            if claim.source is None:
                claim.source = Source(publisher)
            else:
                claim.source.chain = [publisher, *claim.source.chain]
        records.append((record, publisher))
    return records


def import_galaxy(store: Store, path: Path, extractor: Callable[[], Extractor] | Extractor,
                  pack: str | Path | None = None) -> ImportSummary:
    """Import a MISP galaxy cluster file into `store` and the overlay; all of it or nothing.

    `extractor` (or a function making one) reads the thin shape's prose; its
    pipeline is reused with a pack that includes this import's actors.
    """
    path = Path(path)
    data, shape, etype = read_galaxy(path)
    overlay = OverlayUpdate(pack, alias_source="misp-galaxy")
    summary = ImportSummary(str(path), str(overlay.path))
    entities: dict[str, Entity] = {}
    unlinked = {(e["type"], norm_name(e["name"])) for e in store.entities() if not e["pack_id"]}
    for cluster in data["values"]:
        name, aliases = cluster_names(cluster, shape)
        kind = overlay.type_of([name, *aliases]) or etype
        item = Imported(name, kind, aliases,
                        misp_cluster=f'misp-galaxy:{data["type"]}="{cluster["value"]}"',
                        description=str(cluster.get("description") or "")[:500])
        new = overlay.find(item) is None
        pack_id = overlay.add(item)
        summary.actors += 1
        summary.new_actors += new
        if (str(kind), norm_name(name)) in unlinked:
            pack_id = None  # the store has it by name already: link it by name
        entities[cluster.get("uuid") or cluster["value"]] = Entity(
            id=f"E{len(entities) + 1}", name=name, type=kind, aliases=aliases, pack_id=pack_id)
    if shape == "rich":
        doc = _related_claims(data, entities, path, summary)
        doc.entities |= {e.id: e for e in entities.values()}
        record, outlet = doc.record([])
        record.extractor_version = IMPORT_VERSION
        records = [(record, outlet)]
    else:
        base = extractor() if callable(extractor) else extractor
        reader = Extractor(pack=overlay.current_pack(), nlp=base.nlp)
        records = _prose_records(data, path, reader)
    summary.documents = len(records)
    summary.claims = sum(len(r.claims) for r, _ in records)
    commit_import(store, overlay, records)
    return summary
