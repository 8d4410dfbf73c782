"""Extraction on a Dask distributed cluster: documents stream out, records stream back.

Extraction is a pure function of one document, so it scales out. `Cluster` opens
a local cluster of N worker processes (`workers=N`) or connects to a running
scheduler (`scheduler="tcp://host:8786"`), and sends every worker the client's
actor pack and pipeline name in a worker plugin, so each worker process builds
the same extractor as the client, once, whatever its own files or environment.

`Cluster.extract(documents)` submits batches of documents (each extracted with
`nlp.pipe` inside the worker) while keeping only a bounded number of batches in
flight, so a corpus is never all in memory, and yields the records as they come
back. A worker that dies loses nothing: the scheduler gives its batches to
another worker, and `retries` resubmits a batch whose task failed. The client
alone writes to the store, and the store skips a document it already holds.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from itertools import islice
from typing import Any

import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, as_completed, get_worker

from threatnet.errors import ThreatnetError
from threatnet.extract.budget import OverBudget
from threatnet.extract.pipeline import Extractor, load_nlp, model_name
from threatnet.model import Document, ExtractionRecord
from threatnet.resolve.pack import ActorPack

BATCH = 8  # documents per task: one nlp.pipe batch inside the worker
RETRIES = 3  # resubmissions of a batch whose task raised (a dead worker is handled apart)


class ClusterError(ThreatnetError):
    """The cluster cannot be reached, or it cannot extract a batch."""


class ExtractorPlugin(WorkerPlugin):
    """Carries the client's extractor settings to every worker, present and future.

    The extractor is built on a worker's first batch (in the task thread, so the
    worker's event loop never blocks on loading spaCy) and kept for the life of
    the worker process.
    """

    def __init__(self, pack: ActorPack, model: str, version: str) -> None:
        self.pack = pack
        self.model = model
        self.version = version
        # one per client: two ingests on a shared cluster never touch each other's
        self.name = f"threatnet-extractor-{uuid.uuid4().hex[:16]}"
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"pack": self.pack, "model": self.model, "version": self.version,
                "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._extractor = None
        self._lock = threading.Lock()

    def setup(self, worker: Any) -> None:  # the WorkerPlugin interface
        pass

    def teardown(self, worker: Any) -> None:
        self._extractor = None

    def extractor(self) -> Extractor:
        with self._lock:
            if self._extractor is None:
                self._extractor = Extractor(pack=self.pack, nlp=load_nlp(self.model))
            return self._extractor


def _plugin(name: str, worker: Any = None) -> ExtractorPlugin:
    worker = worker or get_worker()
    plugin = worker.plugins.get(name)
    if plugin is None:
        raise ClusterError(f"worker {worker.address} has no extractor settings "
                           f"({name}); was it started by another client?")
    return plugin


def extract_batch(name: str, documents: list[Document]
                  ) -> list[ExtractionRecord | tuple[str, str]]:
    """The task: records for a batch of documents, on the worker's own extractor; a
    document over its budget (`extract.budget`) comes back as (source, why) instead."""
    out: list[ExtractionRecord | tuple[str, str]] = []

    def over_budget(document: Document, error: ThreatnetError) -> None:
        out.append((document.source, str(error)))

    for record in _plugin(name).extractor().extract_many(documents, len(documents),
                                                          failed=over_budget):
        out.append(record)
    return out


WARM_TEXT = ("According to officials, the Tehrik-i-Taliban Pakistan reportedly attacked a "
             "police post in Bannu last week.")


def _warm(name: str, dask_worker: Any = None) -> int:
    """Build the worker's extractor and run it once; its process id, for the caller to know.

    Run by `Client.run`, which passes the worker as `dask_worker`.
    """
    import os

    from threatnet.ingest import document_from_text

    _plugin(name, dask_worker).extractor().extract(document_from_text(WARM_TEXT, "warm-up"))
    return os.getpid()


def _peak_rss_mb() -> float:
    """Peak resident memory (VmHWM) of this worker process, in MB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Cluster:
    """A Dask client for extraction: a local cluster of `workers` processes, or `scheduler`."""

    def __init__(self, extractor: Extractor, workers: int | None = None,
                 scheduler: str | None = None, window: int | None = None,
                 batch_size: int = BATCH) -> None:
        if (workers is None) == (scheduler is None):
            raise ClusterError("give either a number of workers or a scheduler address")
        if workers is not None and workers < 1:
            raise ClusterError(f"--workers {workers}: give at least one worker")
        self.version = extractor.version
        self.batch_size = batch_size
        # the client's pipeline setting ($THREATNET_MODEL), as the extractor was built with it
        self.plugin = ExtractorPlugin(extractor.pack, model_name(), extractor.version)
        self._local = None
        try:
            if scheduler is not None:
                self.client = Client(scheduler, timeout="10s")
            else:
                # the workers' statistical profiler samples every thread 100 times a
                # second: a cost, and nobody reads it here
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._local = LocalCluster(n_workers=workers, threads_per_worker=1,
                                               processes=True, dashboard_address=None,
                                               silence_logs=logging.ERROR)
                self.client = Client(self._local)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            where = scheduler or "a local cluster"
            raise ClusterError(f"{where}: cannot connect ({exc})") from None
        self.client.register_plugin(self.plugin)
        # enough batches in flight to keep every worker thread busy, and no more
        self.window = window or 2 * max(1, sum(self.client.nthreads().values()))

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            if self._local is None and client.status == "running":
                # a shared cluster: take this client's extractor off its workers
                with suppress(Exception):
                    client.unregister_worker_plugin(self.plugin.name)
            client.close()
        if self._local is not None:
            self._local.close()

    def warm(self) -> dict[str, int]:
        """Load the extractor on every worker now; worker address -> process id."""
        return self.client.run(_warm, self.plugin.name)

    def peak_memory_mb(self) -> dict[str, float]:
        """Peak resident memory of each worker process (VmHWM), by worker address."""
        return self.client.run(_peak_rss_mb)

    def extract(self, documents: Iterable[Document], ordered: bool = False,
                failed: Callable[[str, str], None] | None = None,
                ) -> Iterator[ExtractionRecord]:
        """Records for `documents`, streamed: at most `window` batches in flight.

        Pulls documents from the iterable only as batches complete, so a
        generator of documents is never read ahead by more than the window.

        In completion order, or in the order of `documents` when `ordered` (a
        store written in input order resolves entities exactly as a
        single-process ingest does). A document over its budget is passed to `failed`
        as (source, why), or raises OverBudget without it.
        """
        batches = _batches(documents, self.batch_size)
        pending = as_completed()
        numbers: dict[str, int] = {}
        # ordered: come back, not yet yielded
        done: dict[int, list[ExtractionRecord | tuple[str, str]]] = {}
        submitted = following = 0

        def refill() -> None:
            # batches in flight plus batches held back for order: never above the window
            nonlocal submitted
            while pending.count() + len(done) < self.window:
                batch = next(batches, None)
                if batch is None:
                    return
                future = self.client.submit(extract_batch, self.plugin.name, batch,
                                            retries=RETRIES, pure=False)
                numbers[future.key] = submitted
                submitted += 1
                pending.add(future)

        refill()
        while not pending.is_empty():
            future = next(pending)
            records = self._result(future)
            number = numbers.pop(future.key)
            future.release()
            if ordered:
                done[number] = records
                records = []
                while following in done:
                    records += done.pop(following)
                    following += 1
            refill()  # before yielding: the workers go on while the caller saves
            for record in records:
                if isinstance(record, ExtractionRecord):
                    yield record
                elif failed is None:
                    raise OverBudget(*record)
                else:
                    failed(*record)

    def _result(self, future: Any) -> list[ExtractionRecord | tuple[str, str]]:
        try:
            records = future.result()
        except KilledWorker:
            raise ClusterError("a batch of documents killed every worker it was given to "
                               "(out of memory?); lower --workers or split the batch") from None
        except ThreatnetError:
            raise
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"lost the scheduler: {exc}") from None
        for record in records:
            if isinstance(record, ExtractionRecord) and \
                    record.extractor_version != self.version:
                raise ClusterError(f"a worker runs extractor {record.extractor_version}, "
                                   f"this client {self.version}: install the same threatnet "
                                   "on every host")
        return records


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch
