"""Ingest a batch of reports into the knowledge base: read, skip what is stored, extract, save.

Used by `threatnet ingest` and the Python API. Reports that cannot be read are
reported and skipped; the rest of the batch goes on. Each document is saved
in its own transaction, so an interrupted batch resumes where it stopped.
Documents are streamed: extracted here in batches of BATCH, or on a Dask
cluster (`threatnet.cluster`), and saved here as their records come back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from threatnet.errors import ThreatnetError
from threatnet.extract.pipeline import Extractor
from threatnet.ingest import read_document
from threatnet.ingest.sources import expand
from threatnet.model import Document, ExtractionRecord
from threatnet.store import Store

if TYPE_CHECKING:  # Dask is imported only when a cluster is used
    from threatnet.cluster import Cluster

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
           cluster: Cluster | None = None) -> Summary:
    """Ingest every report the paths name; `progress` is called once per report.

    With a `cluster` the documents are extracted on its workers; the store is
    written here, in the order the reports were named, as without one.
    """
    summary = Summary()
    documents = _read(paths, published, summary, progress)
    return ingest_documents(store, documents, extractor, summary, progress, cluster)


def ingest_documents(store: Store, documents: Iterable[Document], extractor: Extractor,
                     summary: Summary | None = None,
                     progress: Callable[[str], None] | None = None,
                     cluster: Cluster | None = None) -> Summary:
    """Extract and save the documents the store does not hold yet (streamed)."""
    summary = summary if summary is not None else Summary()
    todo = _unstored(store, documents, extractor, summary, progress)
    records = (cluster.extract(todo, ordered=True) if cluster is not None
               else _extract_locally(extractor, todo))
    for record in records:
        try:
            summary.add(store.save(record))
        except ThreatnetError as exc:
            summary.failed.append((record.document.source, str(exc)))
        _tick(progress, record.document.source)
    return summary


def _read(paths: Iterable[str], published: str | None, summary: Summary,
          progress: Callable[[str], None] | None) -> Iterator[Document]:
    for path in expand(list(paths)):
        try:
            yield read_document(path, published=published)
        except ThreatnetError as exc:
            summary.failed.append((path, str(exc)))
            _tick(progress, path)


def _unstored(store: Store, documents: Iterable[Document], extractor: Extractor,
              summary: Summary, progress: Callable[[str], None] | None) -> Iterator[Document]:
    for document in documents:
        if store.status(document.id, extractor.version) == "unchanged":
            summary.add("unchanged")
            _tick(progress, document.source)
            continue
        yield document


def _extract_locally(extractor: Extractor,
                     documents: Iterable[Document]) -> Iterator[ExtractionRecord]:
    iterator = iter(documents)
    while pending := list(islice(iterator, BATCH)):
        yield from extractor.extract_many(pending)
        pending.clear()
        gc.collect()  # parses hold reference cycles; collecting per batch keeps memory flat


def _tick(progress: Callable[[str], None] | None, where: str) -> None:
    if progress is not None:
        progress(where)
