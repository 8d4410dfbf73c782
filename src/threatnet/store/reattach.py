"""Re-attach analysts' decisions to the rows a re-extraction wrote in place of the old ones.

Run by `Store.save` inside the document's transaction, after the new claims and
mentions are written. A decision is matched by document, span and the
machine's triple (subject, predicate, object; a mention's entity), entities
compared as merged now; the same span first, then an overlapping one (a
sentence split differently). A decision no new row matches is kept, marked
unattached and reported (`threatnet reextract`, `threatnet review history
--unattached`) — never dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet.resolve.linker import canonical
from threatnet.store.review import _names, effective, machine_values
from threatnet.store.review_views import chain_key
from threatnet.store.schema import ClaimRow, MentionRow, ReviewRow


@dataclass
class Reattachment:
    """What became of one document's decisions when it was re-extracted."""

    document_id: str
    reattached: int = 0
    unattached: list[dict[str, Any]] = field(default_factory=list)


def reattach(s: Session, document_id: str) -> Reattachment:
    result = Reattachment(document_id)
    chains: dict[tuple, list[ReviewRow]] = defaultdict(list)
    for r in s.scalars(select(ReviewRow).where(ReviewRow.document_id == document_id)
                       .order_by(ReviewRow.id)):
        chains[chain_key(r)].append(r)
    if not chains:
        return result
    s.flush()  # the new rows have their ids
    canon = _Canon(s)
    rows = {"claim": list(s.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id))),
            "mention": list(s.scalars(select(MentionRow)
                                      .where(MentionRow.document_id == document_id)))}
    names = _names(s, sorted({r.subject_id for r in rows["claim"]}
                             | {r.object_id for r in rows["claim"]}
                             | {r.entity_id for r in rows["mention"]}))
    # an analyst's claims were not replaced: their decisions stay on them, and no
    # decision on a machine claim moves onto one
    analyst = {r.id for r in rows["claim"] if r.written_by == "analyst"}
    rows["claim"] = [r for r in rows["claim"] if r.id not in analyst]
    taken: set[tuple[str, int]] = set()
    for chain in chains.values():
        last = chain[-1]
        if last.target == "claim" and last.target_id in analyst:
            continue
        row = _match(last, rows[last.target], canon, taken)
        for r in chain:  # loaded already: set on the objects, written in one flush
            r.attached, r.target_id = row is not None, row.id if row is not None else None
        if row is None:
            result.unattached.append({"target": last.target, "status": last.status,
                                      "reviewer": last.reviewer, "machine": last.machine,
                                      "span": [last.span_start, last.span_end]})
            continue
        taken.add((last.target, row.id))
        # the correction applies over what the new extractor says
        machine = machine_values(s, last.target, row, names)
        for column, value in effective(last.target, machine, last.correction).items():
            setattr(row, column, value)
        row.review_status, row.review_version = last.status, last.version
        result.reattached += 1
    return result


class _Canon:
    def __init__(self, s: Session) -> None:
        self.s, self.cache = s, {}

    def __call__(self, entity_id: int | None) -> int | None:
        if entity_id is None:
            return None
        if entity_id not in self.cache:
            self.cache[entity_id] = canonical(self.s, entity_id)
        return self.cache[entity_id]


def _match(last: ReviewRow, rows: list[Any], canon: _Canon,
           taken: set[tuple[str, int]]) -> Any | None:
    def span(row: Any) -> tuple[int, int]:
        return (row.evidence_start, row.evidence_end) if last.target == "claim" \
            else (row.start, row.end)

    def triple(row: Any) -> tuple:
        if last.target == "mention":
            return (canon(row.entity_id),)
        return (canon(row.subject_id), row.predicate, canon(row.object_id))

    wanted = (canon(last.subject_id),) if last.target == "mention" else \
        (canon(last.subject_id), last.predicate, canon(last.object_id))
    free = [r for r in rows if (last.target, r.id) not in taken and triple(r) == wanted]
    exact = [r for r in free if span(r) == (last.span_start, last.span_end)]
    near = [r for r in free if span(r)[0] < last.span_end and last.span_start < span(r)[1]]
    for group in (exact, near):
        if group:
            # the same triple twice in a sentence: the one read as the machine read it before
            m = last.machine
            return max(group, key=lambda r: last.target == "claim" and (
                (r.polarity, r.modality, r.source) == (m.get("polarity"), m.get("modality"),
                                                       m.get("source"))))
    return None
