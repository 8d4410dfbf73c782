"""Claims an analyst adds: what the machine missed, read from a document's own sentence.

An analyst's claim is a row of `claims` like any other (`written_by = 'analyst'`), so
facts, analysis, exports and the review list count it; it carries its evidence
offsets into the document's text, and it is accepted by the analyst who added
it (a `reviews` row with action `add`, so gold export takes its document).
Re-extraction replaces the machine's claims only: an analyst's stay, with their
decisions. Others review it like a machine claim; rejecting it takes it out of
the facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from threatnet import validate
from threatnet.errors import InvalidInput, StoreError
from threatnet.resources import load_data
from threatnet.store import summary
from threatnet.store.review import item, machine_values
from threatnet.store.schema import ClaimRow, DocumentRow, ReviewRow

if TYPE_CHECKING:
    from threatnet.store.store import Store

MAX_EVIDENCE = 2000  # characters: a sentence or two, not a page
MAX_TEXT = 300


def add_claim(store: Store, document_id: str, *, subject: str, predicate: str, object: str,
              evidence_start: int, evidence_end: int, reviewer: str,
              polarity: str = "affirmed", modality: str = "asserted",
              source: str | None = None, start: str | None = None, end: str | None = None,
              note: str | None = None) -> dict[str, Any]:
    """Store an analyst's claim about `document_id`, its evidence the text between the
    offsets; returns it as the review API shows a claim (with its history)."""
    where = "claim"
    validate.predicate(predicate, "predicate", quote=False)
    validate.modality(modality, "modality", quote=False)
    validate.polarity(polarity, "polarity", quote=False)
    validate.date(start or None, "start", quote=False)
    validate.date(end or None, "end", quote=False)
    validate.date_order(start or None, end or None, ("start", "end"))
    source = (source or "").strip() or None
    if source is not None and len(source) > MAX_TEXT:
        raise InvalidInput("source", f"longer than {MAX_TEXT} characters")
    if not reviewer or not reviewer.strip():
        raise InvalidInput(where, "a claim needs the name of the analyst who adds it")
    with store.session(write=True) as s, s.begin():
        doc = s.get(DocumentRow, document_id)
        if doc is None:
            raise StoreError(f"no document {document_id!r} in the store")
        evidence = _evidence(doc.text, evidence_start, evidence_end)
        subject_row = store._entity(s, subject)
        object_row = store._entity(s, object)
        validate.not_self_loop(subject_row.id, object_row.id, where)
        count = s.scalar(select(func.count()).select_from(ClaimRow).where(
            ClaimRow.document_id == doc.id, ClaimRow.written_by == "analyst")) or 0
        row = ClaimRow(document_id=doc.id, local_id=f"A{count + 1}", written_by="analyst",
                       subject_id=subject_row.id, predicate=predicate,
                       object_id=object_row.id, polarity=polarity, modality=modality,
                       source=source, source_entity_id=None,
                       qualifiers={"added_by": reviewer.strip()},
                       time_start=start or None, time_end=end or None,
                       evidence_start=evidence_start, evidence_end=evidence_end,
                       evidence_text=evidence, confidence=confidence(modality, polarity),
                       review_status="accepted", review_version=1)
        s.add(row)
        s.flush()
        machine = machine_values(s, "claim", row)  # the values as the analyst gave them
        s.add(ReviewRow(target="claim", target_id=row.id, document_id=doc.id,
                        span_start=evidence_start, span_end=evidence_end,
                        subject_id=row.subject_id, predicate=predicate,
                        object_id=row.object_id, action="add", status="accepted", version=1,
                        machine=machine, correction={}, note=note or None,
                        reviewer=reviewer.strip(), attached=True))
        summary.refresh(s, {(row.subject_id, predicate, row.object_id)})
        claim_id = row.id
    return item(store, claim_id)


def confidence(modality: str, polarity: str) -> float:
    """An analyst's claim is as certain as its wording: the weights the extractor gives a
    claim of that modality and polarity read from a plain verb."""
    weights = load_data("cues.yaml")["confidence"]
    return round(weights["modality"][modality] * weights["polarity"][polarity], 3)


def _evidence(text: str, start: int, end: int) -> str:
    """The evidence between two offsets of the text: inside it, not empty, not a page."""
    if not (0 <= start < end <= len(text)):
        raise InvalidInput("evidence", f"offsets must satisfy 0 <= start < end <= "
                                       f"{len(text)} (the document's length)")
    if end - start > MAX_EVIDENCE:
        raise InvalidInput("evidence", f"longer than {MAX_EVIDENCE} characters: select "
                                       "the sentence that states the claim")
    evidence = text[start:end]
    if not evidence.strip():
        raise InvalidInput("evidence", "the selected text is blank")
    return evidence
