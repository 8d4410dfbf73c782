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
from threatnet.ingest.fetch import Fetcher
from threatnet.ingest.reader import Outcome, read_all
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
           progress: Callable[[str], None] | None = None,
           fetcher: Fetcher | None = None) -> Summary:
    """Ingest every report the paths (files, folders, globs, URLs, feeds, zips) name;
    `progress` is called once per report."""
    fetcher = fetcher or Fetcher()
    try:
        return ingest_documents(store, read_all(list(paths), published, fetcher=fetcher),
                                extractor, progress)
    finally:
        fetcher.close()


def ingest_documents(store: Store, outcomes: Iterable[Outcome], extractor: Extractor,
                     progress: Callable[[str], None] | None = None) -> Summary:
    """Ingest documents already read; a failed read is counted and reported, not stored."""
    summary = Summary()
    pending: list[Document] = []
    for path, document in outcomes:
        if isinstance(document, ThreatnetError):
            summary.failed.append((path, str(document)))
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
