"""Ingest a batch of reports into the knowledge base: read, skip what is stored, extract, save.

Used by `threatnet ingest` and the Python API. Reports that cannot be read are
reported and skipped; the rest of the batch goes on. Each document is saved
in its own transaction, so an interrupted batch resumes where it stopped.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from threatnet.errors import ThreatnetError
from threatnet.extract.pipeline import Extractor
from threatnet.ingest import read_document
from threatnet.ingest.sources import expand
from threatnet.model import Document
from threatnet.store import Store

BATCH = 16


@dataclass
class Summary:
    new: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, why)

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


def ingest(store: Store, paths: Iterable[str], extractor: Extractor,
           published: str | None = None,
           progress: Callable[[str], None] | None = None) -> Summary:
    """Ingest every report the paths name; `progress` is called once per report."""
    summary = Summary()
    pending: list[Document] = []
    for path in expand(list(paths)):
        try:
            document = read_document(path, published=published)
        except ThreatnetError as exc:
            summary.failed.append((path, str(exc)))
            _tick(progress, path)
            continue
        if store.status(document.id, extractor.version) == "unchanged":
            summary.add("unchanged")
            _tick(progress, path)
            continue
        pending.append(document)
        if len(pending) >= BATCH:
            _flush(store, extractor, pending, summary, progress)
    _flush(store, extractor, pending, summary, progress)
    return summary


def _flush(store: Store, extractor: Extractor, pending: list[Document], summary: Summary,
           progress: Callable[[str], None] | None) -> None:
    for record in extractor.extract_many(pending):
        try:
            summary.add(store.save(record))
        except ThreatnetError as exc:
            summary.failed.append((record.document.source, str(exc)))
        _tick(progress, record.document.source)
    pending.clear()
    gc.collect()  # parses hold reference cycles; collecting per batch keeps memory flat


def _tick(progress: Callable[[str], None] | None, where: str) -> None:
    if progress is not None:
        progress(where)
