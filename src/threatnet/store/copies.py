"""Copies and origins, kept as documents are saved: which stored documents a new one
copies or is copied by, which sentences they share, and the origin of each claim.

`index` runs in the save's transaction, after the document's claims are written. It
looks the document's keys up in `near_keys` (`ingest.near_duplicates`: MinHash band
keys, long sentences' keys; an indexed lookup, not a scan), compares the few
candidates sentence by sentence, and records what is shared (`shared_sentences`,
`document_copies`, always the later document as the copy). Then it sets the origin
of the claims of the new document, and of the later documents that turn out to copy
it (a report stored after its copy):

1. a claim whose sentence an earlier document carries has that document's origin
   for the sentence (the earliest such document, followed back through its own copies);
2. a claim in a headline or an outlet line (too short to compare, or without a full
   stop) of a copy has the origin of the copied story;
3. else a wire or outlet its sentence credits ("…, Reuters reported"), else the one
   its dateline credits ("QUETTA (AFP) —"; `ingest.credits`);
4. else none: the document speaks for its own outlet.

The facts summary counts the author's voice of a claim as its origin
(`summary.author_outlet`), so copies of one story are one independent source.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from threatnet.ingest import near_duplicates as nd
from threatnet.ingest.credits import credits
from threatnet.store.schema import ClaimRow, CopyRow, DocumentRow, NearKeyRow, SharedSentenceRow

Triple = tuple[int, str, int]
LATEST = "9999"  # when a document just added was stored: after every other (`_Doc.order`)
CANDIDATES = 12  # documents compared per new document, those sharing the most keys
MAX_HITS = 1000  # index rows read per document: a key boilerplate or a template shares
# with thousands of documents must not make every save read them all
CHUNK = 500
DEPTH = 8  # copies of copies followed back at most this far


class _Doc:
    """What of a stored document comparing and crediting read."""

    def __init__(self, row: Any) -> None:
        self.id, self.text, self.published, self.ingested_at, self.outlet, self.source = row
        self._sentences: list[nd.Sentence] | None = None

    @property
    def sentences(self) -> list[nd.Sentence]:
        if self._sentences is None:
            self._sentences = _sentences(self.id, self.text)
        return self._sentences

    def order(self) -> tuple:
        """Earlier first: by publication date (undated last), then by when stored."""
        return (self.published is None, self.published or "", str(self.ingested_at or ""),
                self.id)

    def own_label(self) -> str:
        return self.outlet or self.source


@lru_cache(maxsize=4096)  # a document's id is its text's hash: its sentences never change
def _sentences(document_id: str, text: str) -> list[nd.Sentence]:
    return nd.sentences(text)


_COLUMNS = (DocumentRow.id, DocumentRow.text, DocumentRow.published, DocumentRow.ingested_at,
            DocumentRow.outlet, DocumentRow.source)


def _docs(s: Session, ids: Iterable[str]) -> dict[str, _Doc]:
    ids = sorted(set(ids))
    out: dict[str, _Doc] = {}
    for start in range(0, len(ids), CHUNK):
        for row in s.connection().execute(select(*_COLUMNS).where(
                DocumentRow.id.in_(ids[start:start + CHUNK]))):
            out[row[0]] = _Doc(tuple(row))
    return out


def index(s: Session, document_id: str, new: tuple[str, str | None, str] | None = None
          ) -> set[Triple]:
    """Index a just-saved document, record what it shares with stored ones and set the
    origins of its claims and of later documents' (see the module). Returns the triples
    of the *other* documents' claims whose origin changed (their facts to refresh).

    `new`: the document was just added, with its (text, published, outlet or source):
    nothing is recorded of it yet, and it need not be read back."""
    s.flush()
    if new is not None:
        text, published, outlet = new
        doc = _Doc((document_id, text, published, LATEST, outlet, outlet))
    else:
        doc = _docs(s, [document_id])[document_id]
        _forget(s, document_id)
    minhash = nd.signature(doc.text)
    bands = set(nd.band_keys(minhash)) if minhash is not None else set()
    keys = list(dict.fromkeys([*bands, *(nd.sentence_key(x) for x in doc.sentences if x.long)]))
    hits: Counter = Counter()
    near: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        for other, key in s.connection().execute(select(NearKeyRow.document_id,
                                                         NearKeyRow.key).where(
                NearKeyRow.key.in_(keys[start:start + CHUNK])).limit(MAX_HITS)):
            hits[other] += 1
            if key in bands:
                near.add(other)
    if keys:
        s.execute(insert(NearKeyRow.__table__),  # Core: no ORM bookkeeping per row
                  [{"document_id": document_id, "key": k} for k in keys])
    candidates = _docs(s, [d for d, _ in hits.most_common(CANDIDATES)]) if hits else {}
    origins = _Origins(s)
    origins.docs[doc.id] = doc
    origins.shares[doc.id], origins.originals[doc.id] = [], []  # filled below
    later: list[str] = []
    for other in sorted(candidates.values(), key=_Doc.order):
        copy, original = (doc, other) if other.order() < doc.order() else (other, doc)
        shared = nd.shared_sentences(copy.sentences, original.sentences, other.id in near)
        if not shared:
            continue
        whole = _record(s, copy, original, shared)
        if copy is other:
            later.append(other.id)
        else:
            origins.shares[doc.id] += [(x.a.start, x.a.end, other.id, x.b.start, x.b.end)
                                       for x in shared]
            if whole:
                origins.originals[doc.id].append(other.id)
    _assign(s, doc, origins)
    changed: set[Triple] = set()
    for other in later:
        changed |= _assign(s, candidates[other], _Origins(s))
    return changed


def _forget(s: Session, document_id: str) -> None:
    """Drop what was recorded of a document (it is being indexed again)."""
    s.execute(delete(NearKeyRow).where(NearKeyRow.document_id == document_id))
    s.execute(delete(CopyRow).where(or_(CopyRow.document_id == document_id,
                                        CopyRow.original_id == document_id)))
    s.execute(delete(SharedSentenceRow).where(or_(
        SharedSentenceRow.document_id == document_id,
        SharedSentenceRow.original_id == document_id)))


def _record(s: Session, copy: _Doc, original: _Doc, shared: list[nd.Shared]) -> bool:
    """Record what `copy` carries of `original`; whether it is a copy of the whole."""
    whole = nd.is_copy(shared, copy.sentences)
    s.execute(insert(CopyRow.__table__), [{
        "document_id": copy.id, "original_id": original.id, "shared": len(shared),
        "compared": sum(len(x.words) >= nd.MIN_SENTENCE for x in copy.sentences),
        "copy": whole}])
    s.execute(insert(SharedSentenceRow.__table__), [{
        "document_id": copy.id, "start": x.a.start, "end": x.a.end, "original_id": original.id,
        "original_start": x.b.start, "original_end": x.b.end, "similarity": x.similarity}
        for x in shared])
    return whole


def _shares(s: Session, document_id: str) -> list[tuple[int, int, str, int, int]]:
    """(start, end, original, original start, original end) of a document's carried
    sentences."""
    return [tuple(r) for r in s.execute(select(  # type: ignore[misc]
        SharedSentenceRow.start, SharedSentenceRow.end, SharedSentenceRow.original_id,
        SharedSentenceRow.original_start, SharedSentenceRow.original_end)
        .where(SharedSentenceRow.document_id == document_id))]


class _Origins:
    """The origin of a span of a document (memoised for one `index`)."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.docs: dict[str, _Doc] = {}
        self.shares: dict[str, list[tuple[int, int, str, int, int]]] = {}
        self.originals: dict[str, list[str]] = {}
        self.datelines: dict[str, str | None] = {}

    def doc(self, document_id: str) -> _Doc:
        if document_id not in self.docs:
            self.docs.update(_docs(self.s, [document_id]))
        return self.docs[document_id]

    def carried(self, document_id: str, start: int, end: int) -> tuple[str, int, int] | None:
        """The earliest document carrying this span of a document, with its span there."""
        if document_id not in self.shares:
            self.shares[document_id] = _shares(self.s, document_id)
        found = [(self.doc(o).order(), o, os, oe)
                 for a, b, o, os, oe in self.shares[document_id] if a < end and start < b]
        return min(found)[1:] if found else None

    def original(self, document_id: str) -> _Doc | None:
        """The earliest document this one is a copy of (`near_duplicates.is_copy`)."""
        if document_id not in self.originals:
            self.originals[document_id] = list(self.s.scalars(select(CopyRow.original_id).where(
                CopyRow.document_id == document_id, CopyRow.copy.is_(True))))
        ids = self.originals[document_id]
        return min((self.doc(i) for i in ids), key=_Doc.order) if ids else None

    def label(self, doc: _Doc, start: int, end: int, depth: int = 0) -> str | None:
        """The origin of what a document says at this span; None: its own outlet."""
        if depth < DEPTH:
            carried = self.carried(doc.id, start, end)
            if carried is not None:
                original = self.doc(carried[0])
                return self.label(original, carried[1], carried[2], depth + 1) \
                    or original.own_label()
            if _heading(doc.text[start:end]):
                # a headline or an outlet line of a copy tells the copied story
                original = self.original(doc.id)
                if original is not None:
                    return self.whole(original, depth + 1)
        return credits().in_sentence(doc.text[start:end]) or self.dateline(doc)

    def dateline(self, doc: _Doc) -> str | None:
        if doc.id not in self.datelines:
            self.datelines[doc.id] = credits().in_dateline(doc.text)
        return self.datelines[doc.id]

    def whole(self, doc: _Doc, depth: int) -> str:
        """The origin of a document's story as a whole."""
        credited = self.dateline(doc)
        if credited:
            return credited
        original = self.original(doc.id) if depth < DEPTH else None
        return self.whole(original, depth + 1) if original is not None else doc.own_label()


def _heading(text: str) -> bool:
    """A headline, an outlet line: too short to compare, or a line without a full stop."""
    return len(nd.words(text)) < nd.MIN_SENTENCE or not text.rstrip().endswith(_ENDS)


_ENDS = (".", "!", "?", "۔", '"', "”", "'", "’", ")")


def _assign(s: Session, doc: _Doc, origins: _Origins) -> set[Triple]:
    """Set the origin of a document's claims; the triples of those that changed."""
    origins.docs[doc.id] = doc
    spans = doc.sentences
    starts = [x.start for x in spans]
    changed: dict[str | None, list[int]] = {}
    triples: set[Triple] = set()
    for claim_id, a, p, b, at, origin in s.connection().execute(select(
            ClaimRow.id, ClaimRow.subject_id, ClaimRow.predicate, ClaimRow.object_id,
            ClaimRow.evidence_start, ClaimRow.origin).where(ClaimRow.document_id == doc.id)):
        i = bisect.bisect_right(starts, at) - 1
        span = spans[i] if i >= 0 else None
        new = origins.label(doc, span.start, span.end) if span is not None \
            else origins.dateline(doc)
        if new != origin:
            changed.setdefault(new, []).append(claim_id)
            triples.add((a, p, b))
    for new, ids in changed.items():
        for start in range(0, len(ids), CHUNK):
            s.execute(update(ClaimRow).where(ClaimRow.id.in_(ids[start:start + CHUNK]))
                      .values(origin=new))
    return triples
