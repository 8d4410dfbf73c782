"""A long report read section by section: the window that keeps extraction linear.

Every per-document pass (entities, incidents, coreference, carry-over, the Urdu
reader) sees one section of at most SECTION_CHARS characters, cut at a line break,
else after a sentence, else at a space (`pipeline.chunks`). A report no longer than
one section is read whole, as before; a longer one costs the number of its sections
times the cost of one, and holds one section's parse at a time. The sections'
records are then joined into the report's record: one entity per actor-pack entry
(or per type and name for a name the pack does not know; each incident stays its
own), mentions and evidence shifted to the report's offsets, everything renumbered.

What a window gives up: "the group" or "the attack" near a section's start cannot
point back into the section before it, and a surname in one section is not joined
to the full name in another. At 100,000 characters (about 16,000 words, ten times a
long report) no report of the corpus is cut at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace

from threatnet.errors import InvalidInput
from threatnet.model import Claim, Document, Entity, Evidence, ExtractionRecord, Mention

SECTION_CHARS = 100_000
SECTION_SETTING = "THREATNET_SECTION_CHARS"
MIN_SECTION = 10_000  # shorter windows would cut ordinary reports' coreference


def section_chars() -> int:
    """The section size: $THREATNET_SECTION_CHARS, else SECTION_CHARS."""
    raw = os.environ.get(SECTION_SETTING)
    if not raw:
        return SECTION_CHARS
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value < MIN_SECTION:
        raise InvalidInput(SECTION_SETTING, f"{raw!r} is not a whole number of characters "
                                            f"of at least {MIN_SECTION:,}")
    return value


def section_document(document: Document, text: str) -> Document:
    """The document a section is read as: the report's metadata, the section's text."""
    return replace(document, text=text, meta={})


def join(document: Document, parts: Iterable[tuple[int, ExtractionRecord]],
         version: str) -> ExtractionRecord:
    """One record for `document` from the records of its sections, each given with the
    character offset its section starts at."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, ...], Entity] = {}
    claims: list[Claim] = []
    languages: dict[str, int] = {}
    for offset, record in parts:
        languages[record.document.language] = languages.get(record.document.language, 0) + \
            len(record.document.text)
        renamed: dict[str, str] = {}
        for entity in record.entities:
            key = _key(entity, offset)
            kept = by_key.get(key)
            if kept is None:
                kept = by_key[key] = replace(entity, id=f"E{len(entities) + 1}", aliases=[],
                                             mentions=[])
                entities.append(kept)
            for alias in entity.aliases:
                kept.add_alias(alias)
            kept.mentions += [Mention(m.start + offset, m.end + offset, m.text)
                              for m in entity.mentions]
            kept.kind = kept.kind or entity.kind
            kept.incident = kept.incident or entity.incident
            renamed[entity.id] = kept.id
        for entity in record.entities:  # an incident's place, named in its own section
            kept = entities[int(renamed[entity.id][1:]) - 1]
            if entity.incident is not None and kept.incident is entity.incident and \
                    entity.incident.place is not None:
                kept.incident = replace(entity.incident,
                                        place=renamed.get(entity.incident.place,
                                                          entity.incident.place))
        for claim in record.claims:
            source = claim.source and replace(
                claim.source, entity=renamed.get(claim.source.entity or "", claim.source.entity))
            evidence = claim.evidence
            claims.append(replace(
                claim, id=f"C{len(claims) + 1}", subject=renamed[claim.subject],
                object=renamed[claim.object], source=source,
                evidence=Evidence(evidence.start + offset, evidence.end + offset, evidence.text),
                qualifiers=dict(claim.qualifiers), time=dict(claim.time)))
    if document.language == "en" and languages:
        best = max(languages, key=lambda k: languages[k])
        if languages[best] * 2 > len(document.text):
            document.language = best
    return ExtractionRecord(document, entities, claims, version)


def _key(entity: Entity, offset: int) -> tuple[str, ...]:
    """What makes two sections' entities one: the pack entry, else the type and name; an
    incident found in the text is its section's own."""
    if entity.pack_id:
        return ("pack", entity.pack_id)
    if entity.incident is not None:
        return ("incident", str(offset), entity.id)
    return ("name", str(entity.type), entity.name.casefold())
