"""Add a report from the web: text pasted or uploaded, extracted in the background, saved.

The same path as the CLI (`document_from_text` → `Extractor.extract` →
`Store.save`). A report is checked (size, binary, empty, date) when it is
posted, then becomes a job: extracted with no lock held, and saved under the
app's write lock, held for the save only. A long report (over
`Settings.long_report` characters) is extracted in a worker process of its own,
so that it takes neither this process's interpreter lock nor its core from the
short reports posted after it, which are extracted in threads here; when no
process can be started, in a thread too. `Job.progress` says how far a job is.

When the text does not state its publication date the usual way ("Published
on …", a dateline), the first full date of its opening lines is taken ("On 3 May
2025 …"); an outlet named in its opening lines ("Source: Dawn", "(Reuters) —")
is kept as the document's outlet.
"""

from __future__ import annotations

import multiprocessing
import re
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Any

from threatnet.errors import InvalidInput, ThreatnetError
from threatnet.ingest.dates import parse_date
from threatnet.ingest.text import clean_field, decode, document_from_text
from threatnet.model import Document
from threatnet.serve.deps import Resources
from threatnet.serve.security import TooLarge

WORKERS = 4  # reports extracted at once (the threads share one extractor)
KEPT_JOBS = 200  # finished jobs remembered for their progress pages
CHARS_PER_SECOND = 5000.0  # extraction speed assumed until one job has been timed
OPENING = 400  # characters of a report's opening searched for its date and outlet
_FULL_DATE = re.compile(r"\b(\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?"
                        r"\s+\d{4}|\d{4}-\d{2}-\d{2})\b")
_OUTLET_LINE = re.compile(r"^\s*(?:source|outlet|publisher|published by|originally "
                          r"published (?:by|in))\s*[:\-]?\s*(?P<name>[^\n]{2,60}?)\s*$",
                          re.IGNORECASE | re.MULTILINE)
_AGENCY = re.compile(r"^[A-Z][A-Za-z .,'-]{1,60}?\((?P<name>[A-Z][A-Za-z&.' ]{1,30})\)"
                     r"\s*[-\u2013\u2014:]", re.MULTILINE)
SOURCES = {"web:paste": "pasted in the web form", "web:api": "posted to the API"}


def text_from_upload(data: bytes, filename: str, limit: int) -> str:
    """The text of an uploaded file: UTF-8, not binary, within the limit."""
    if len(data) > limit:
        raise TooLarge(f"{filename}: {len(data) / 1e6:.1f} MB is over the limit of "
                       f"{limit / 1e6:.1f} MB (split the report)")
    return decode(data, filename)


def opening_date(text: str) -> str | None:
    """The first full date (day, month and year) of a report's opening lines."""
    for match in _FULL_DATE.finditer(text[:OPENING]):
        found = parse_date(match.group(1))
        if found:
            return found
    return None


def outlet_in_text(text: str) -> str | None:
    """An outlet the opening lines name: a `Source: …` line, or a dateline's agency."""
    opening = text[:OPENING]
    match = _OUTLET_LINE.search(opening) or _AGENCY.search(opening)
    return clean_field(match.group("name").strip(" .,;")) if match else None


def describe_source(source: str) -> str:
    """Where a document came from, in words: no local file paths on the page."""
    if source in SOURCES:
        return SOURCES[source]
    if source.startswith("upload:"):
        return f"uploaded file {source.removeprefix('upload:')}"
    if source.startswith(("http://", "https://")):
        return source
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"file {name}" if name else source


def prepare(res: Resources, text: str, source: str, title: str | None = None,
            published: str | None = None) -> Document:
    """The document a posted report becomes, checked before any work is queued."""
    limit = res.settings.max_upload
    size = len(text.encode("utf-8"))
    if size > limit:
        raise TooLarge(f"{source}: {size / 1e6:.1f} MB is over the limit of "
                       f"{limit / 1e6:.1f} MB (split the report)")
    if "\x00" in text:
        raise InvalidInput(source, "looks like a binary file, not a text report")
    document = document_from_text(text, source=source, published=published or None,
                                  title=(title or "").strip() or None)
    meta = dict(document.meta)
    if published:
        meta["published_from"] = "given"
    elif document.published:
        meta["published_from"] = "text"
    else:
        found = opening_date(document.text)
        if found:
            document = replace(document, published=found)
            meta["published_from"] = "opening date"
    outlet = document.outlet or outlet_in_text(document.text)
    return replace(document, outlet=outlet, meta=meta)


@dataclass
class Job:
    """One posted report on its way into the store."""

    id: str
    document: Document
    state: str = "queued"  # queued | extracting | saving | done | failed
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    failure: ThreatnetError | None = None
    apart: bool = False  # extracted in the worker process
    done: threading.Event = field(default_factory=threading.Event)

    def progress(self, rate: float) -> dict[str, Any]:
        """The job as the progress page and GET /api/jobs/{id} show it; the fraction while
        extracting is estimated from the report's length and the speed seen so far."""
        now = time.monotonic()
        size = len(self.document.text)
        fraction = {"queued": 0.0, "saving": 0.97, "done": 1.0, "failed": 1.0}.get(self.state)
        if fraction is None:
            elapsed = now - (self.started or now)
            fraction = min(0.95, elapsed * rate / max(size, 1))
        return {"job": self.id, "state": self.state, "progress": round(fraction, 3),
                "characters": size, "title": self.document.title,
                "elapsed": round((self.finished or now) - self.created, 2),
                "document": self.document.id, "worker_process": self.apart,
                "result": self.result, "error": self.error}


_WORKER: dict[str, Any] = {}  # in a worker process: its extractor


def _start_worker(pack: str | None) -> None:
    from threatnet.extract.pipeline import Extractor
    from threatnet.resolve.pack import load_actor_pack

    _WORKER["extractor"] = Extractor(pack=load_actor_pack(pack))


def _extract_in_worker(document: Document):
    return _WORKER["extractor"].extract(document)


class Jobs:
    """The app's report jobs: a pool of extraction threads, a worker process for long
    reports, and the jobs by id."""

    def __init__(self, res: Resources, workers: int = WORKERS) -> None:
        self.res = res
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report")
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.guard = threading.Lock()
        self.rate = CHARS_PER_SECOND
        self._processes: ProcessPoolExecutor | None = None
        self._no_processes = False

    def _process_pool(self) -> ProcessPoolExecutor | None:
        """The worker process for long reports (started on first use; spaCy loads in it
        once), or None where none can be started."""
        with self.guard:
            if self._processes is None and not self._no_processes:
                try:  # spawn: a fork would copy this process's threads' locks mid-use
                    self._processes = ProcessPoolExecutor(
                        max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                        initializer=_start_worker, initargs=(self.res.settings.pack,))
                except (OSError, ValueError):
                    self._no_processes = True
            return self._processes

    def _extract(self, job: Job):
        if len(job.document.text) > self.res.settings.long_report:
            pool = self._process_pool()
            if pool is not None:
                try:
                    job.apart = True
                    return pool.submit(_extract_in_worker, job.document).result()
                except (BrokenProcessPool, OSError):
                    job.apart = False
                    with self.guard:
                        self._processes, self._no_processes = None, True
        return self.res.extractor().extract(job.document)

    def submit(self, document: Document) -> Job:
        job = Job(secrets.token_urlsafe(12), document)
        with self.guard:
            self.jobs[job.id] = job
            while len(self.jobs) > KEPT_JOBS:
                oldest = next(iter(self.jobs))
                if not self.jobs[oldest].done.is_set():
                    break
                self.jobs.pop(oldest)
        self.pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self.guard:
            return self.jobs.get(job_id)

    def _run(self, job: Job) -> None:
        try:
            job.state, job.started = "extracting", time.monotonic()
            record = self._extract(job)
            took = time.monotonic() - job.started
            if took > 1.0:
                self.rate = len(job.document.text) / took
            job.state = "saving"
            with self.res.lock:  # the write lock: for the save only
                outcome = self.res.store.save(record)
            job.result = {"outcome": outcome, "document": job.document.id,
                          "title": job.document.title, "published": job.document.published,
                          "outlet": job.document.outlet, "entities": len(record.entities),
                          "claims": len(record.claims)}
            job.state = "done"
        except ThreatnetError as exc:
            job.state, job.error, job.failure = "failed", str(exc), exc
        except Exception as exc:  # a job must end, whatever the extractor did
            job.state, job.error = "failed", f"extraction failed ({type(exc).__name__})"
        finally:
            job.finished = time.monotonic()
            job.done.set()

    def close(self) -> None:
        """Stop at once (the server is stopping): a long report being extracted in the
        worker process is abandoned, never half-saved (saving is one transaction)."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        if self._processes is not None:
            # without this the interpreter's exit would wait for the worker's report
            for process in list(getattr(self._processes, "_processes", {}).values()):
                process.terminate()
            self._processes.shutdown(wait=False, cancel_futures=True)


def ingest_report(res: Resources, text: str, source: str, title: str | None = None,
                  published: str | None = None) -> dict[str, Any]:
    """Extract and store one report, waiting for it; what was stored, as a dict."""
    job = res.jobs.submit(prepare(res, text, source, title, published))
    job.done.wait()
    if job.error is not None:
        raise job.failure or ThreatnetError(job.error)
    assert job.result is not None
    return job.result
