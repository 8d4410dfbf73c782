"""Ingest a batch of reports into the knowledge base: read, skip what is stored, extract, save;
and re-extract stored documents with a newer extractor, keeping the analysts' decisions.

Used by `threatnet ingest`, `threatnet reextract` and the Python API. Reports
that cannot be read, or whose extraction runs over the per-document budget
(`extract.budget`), are reported and skipped; the rest of the batch goes on.
Each document is saved in its own transaction, so an interrupted batch
resumes where it stopped. Documents are streamed: extracted here in batches of
BATCH, or on a Dask cluster (`threatnet.cluster`), and saved here as their
records come back.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from threatnet.errors import StorageError, ThreatnetError
from threatnet.extract.pipeline import Extractor
from threatnet.ingest.fetch import Fetcher
from threatnet.ingest.reader import Outcome, read_all
from threatnet.model import Document, ExtractionRecord
from threatnet.store import Store
from threatnet.store.reattach import Reattachment
from threatnet.store.review_views import document_ids
from threatnet.store.schema import DocumentRow

if TYPE_CHECKING:  # Dask is imported only when a cluster is used
    from threatnet.cluster import Cluster

BATCH = 16


@dataclass
class Summary:
    new: int = 0
    unchanged: int = 0
    reextracted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    stopped: str | None = None  # the storage error that stopped the batch

    def stop_line(self) -> str | None:
        """The storage error that stopped the batch, and how much of it was saved."""
        if self.stopped is None:
            return None
        saved = self.new + self.reextracted
        return (f"{self.stopped}; the batch stopped there with {saved:,} "
                f"document{'' if saved == 1 else 's'} saved (run the same command again to "
                "resume once the store can be written)")

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


def ingest(store: Store, paths: Iterable[str], extractor: Extractor,
           published: str | None = None,
           progress: Callable[[str], None] | None = None,
           fetcher: Fetcher | None = None,
           cluster: Cluster | None = None) -> Summary:
    """Ingest every report the paths (files, folders, globs, URLs, feeds, zips) name;
    `progress` is called once per report.

    With a `cluster` the documents are extracted on its workers; the store is
    written here, in the order the reports were named, as without one.
    """
    fetcher = fetcher or Fetcher()
    try:
        return ingest_documents(store, read_all(list(paths), published, fetcher=fetcher),
                                extractor, progress, cluster)
    finally:
        fetcher.close()


def ingest_documents(store: Store, outcomes: Iterable[Outcome | Document],
                     extractor: Extractor,
                     progress: Callable[[str], None] | None = None,
                     cluster: Cluster | None = None) -> Summary:
    """Extract and save the documents the store does not hold yet (streamed); a failed
    read ((where, error) outcome) is counted and reported, not stored. A storage error
    (full disk, read-only store) stops the batch: `Summary.stopped` says which."""
    summary = Summary()
    todo = _unstored(store, outcomes, extractor, summary, progress)
    records = (cluster.extract(todo, ordered=True, failed=_failing(summary.failed, progress))
               if cluster is not None
               else _extract_locally(extractor, todo, summary.failed, progress))
    try:
        for record in records:
            try:
                summary.add(store.save(record))
            except StorageError:
                raise
            except ThreatnetError as exc:
                summary.failed.append((record.document.source, str(exc)))
            _tick(progress, record.document.source)
    except StorageError as exc:  # every later document would fail alike
        summary.stopped = str(exc)
        close = getattr(records, "close", None)
        if close is not None:
            close()
    return summary


def _unstored(store: Store, outcomes: Iterable[Outcome | Document], extractor: Extractor,
              summary: Summary, progress: Callable[[str], None] | None) -> Iterator[Document]:
    for outcome in outcomes:
        path, document = ((outcome.source, outcome) if isinstance(outcome, Document)
                          else outcome)
        if isinstance(document, ThreatnetError):
            summary.failed.append((path, str(document)))
            _tick(progress, path)
            continue
        if store.status(document.id, extractor.version) == "unchanged":
            summary.add("unchanged")
            _tick(progress, path)
            continue
        yield document


def _extract_locally(extractor: Extractor, documents: Iterable[Document],
                     failed: list[tuple[str, str]],
                     progress: Callable[[str], None] | None) -> Iterator[ExtractionRecord]:
    """Records of the documents, in batches; one over its budget (time, memory) is a
    line in `failed`, and the batch goes on."""
    def over_budget(document: Document, error: ThreatnetError) -> None:
        failed.append((document.source, str(error)))
        gc.collect()  # the abandoned parse's cycles
        _tick(progress, document.source)

    iterator = iter(documents)
    while pending := list(islice(iterator, BATCH)):
        yield from extractor.extract_many(pending, failed=over_budget)
        pending.clear()
        gc.collect()  # parses hold reference cycles; collecting per batch keeps memory flat


def _failing(failed: list[tuple[str, str]],
             progress: Callable[[str], None] | None) -> Callable[[str, str], None]:
    """A cluster's report of a document over its budget: a failure line, and a tick."""
    def fail(where: str, why: str) -> None:
        failed.append((where, why))
        _tick(progress, where)
    return fail


def _tick(progress: Callable[[str], None] | None, where: str) -> None:
    if progress is not None:
        progress(where)


@dataclass
class ReextractSummary:
    reextracted: int = 0
    unchanged: int = 0
    reattached: int = 0  # analysts' decisions carried over to the new claims and mentions
    unattached: list[dict[str, Any]] = field(default_factory=list)  # kept, not dropped
    failed: list[tuple[str, str]] = field(default_factory=list)


def stored_documents(store: Store, current_version: str, since: str | None = None,
                     document: str | None = None) -> list[Document]:
    """Stored documents extracted by another version than `current_version`; with `since`,
    only those whose version is `since` or later; with `document`, only that one."""
    with store.session() as s:
        query = select(DocumentRow).where(DocumentRow.extractor_version != current_version)
        if document:
            query = query.where(DocumentRow.id.in_(document_ids(s, document)))
        rows = list(s.scalars(query.order_by(DocumentRow.ingested_at, DocumentRow.id)))
    if since:
        rows = [r for r in rows if _version_key(r.extractor_version) >= _version_key(since)]
    return [Document(id=r.id, text=r.text, source=r.source, title=r.title,
                     published=r.published, language=r.language) for r in rows]


def _version_key(version: str) -> tuple[int, ...]:
    """"threatnet-0.10.1" sorts after "threatnet-0.9.2"."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def reextract_document(store: Store, record: ExtractionRecord) -> Reattachment | None:
    """Save one document's new extraction; its decisions are re-attached in the same
    transaction. A pure function of the record, so any worker that extracts may call it."""
    return store.save_reviewed(record)[1]


def reextract(store: Store, extractor: Extractor, since: str | None = None,
              document: str | None = None,
              progress: Callable[[str], None] | None = None,
              cluster: Cluster | None = None) -> ReextractSummary:
    """Re-extract stored documents with `extractor` (see `stored_documents`), here or on
    the workers of a `cluster`."""
    summary = ReextractSummary()
    documents = stored_documents(store, extractor.version, since, document)
    records = (cluster.extract(documents, failed=_failing(summary.failed, progress))
               if cluster is not None
               else _extract_locally(extractor, documents, summary.failed, progress))
    for record in records:
        try:
            kept = reextract_document(store, record)
        except StorageError:
            raise  # every later document would fail alike: one line, and stop
        except ThreatnetError as exc:
            summary.failed.append((record.document.source, str(exc)))
        else:
            if kept is None:
                summary.unchanged += 1
            else:
                summary.reextracted += 1
                summary.reattached += kept.reattached
                summary.unattached += [{**u, "document": record.document.source}
                                       for u in kept.unattached]
        _tick(progress, record.document.source)
    return summary
