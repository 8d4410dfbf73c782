"""The commands that read reports into the store: `ingest` and `watch` (a feed, polled).

They create the store when there is none. Progress goes to stderr: a bar on a
terminal, a line every 50 reports otherwise. Each report is saved in its own
transaction, so Ctrl-C keeps what was saved, says how much, and exits 130; the
same command run again skips what is stored and goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import Annotated, Any

import typer

from threatnet.cli import common
from threatnet.cli.common import DbOption, PackOption, SchedulerOption, WorkersOption
from threatnet.errors import StorageError, ThreatnetError

app = typer.Typer()
TimeoutOption = Annotated[float, typer.Option(help="Seconds to wait for a web server.")]
INTERRUPTED = 130  # the exit code of a command stopped with Ctrl-C (128 + SIGINT)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs; - for "
                                                    "stdin.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date for all.")] = None,
    title: Annotated[str | None, typer.Option(
        help="Title of the report read from stdin (-); otherwise it is called <stdin>.")]
    = None,
    pack: PackOption = None,
    timeout: TimeoutOption = 20.0,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Read reports into the knowledge base (new ones extracted, stored ones skipped).

    Text, Markdown, HTML, PDF, Word, RSS/Atom feeds and zips of them, by file or URL."""
    from threatnet.batch import ingest_documents
    from threatnet.ingest.fetch import Fetcher
    from threatnet.ingest.reader import read_all
    from threatnet.ingest.sources import expand

    store = None
    before = 0
    try:
        common.check_cluster(workers, scheduler)
        store = common.open_store(db, create=True)
        before = store.counts()["documents"]
        names = list(expand(paths))  # a feed or a zip holds an unknown number of reports
        total = None if "-" in names or any(n.startswith(("http:", "https:")) or
                                            n.lower().endswith((".zip", ".rss", ".atom"))
                                            for n in names) else len(names)
        extractor = common.extractor(pack)
        cluster = common.make_cluster(extractor, workers, scheduler)
        fetcher = Fetcher(timeout=timeout)
        try:
            with cluster or nullcontext(), common.progress("ingesting", total) as tick:
                reports = _titled(read_all(paths, published, fetcher=fetcher), title)
                summary = ingest_documents(store, reports, extractor, tick, cluster)
        finally:
            fetcher.close()
        counts = store.counts()
    except ThreatnetError as exc:
        common.fail(exc)
    except KeyboardInterrupt:
        _interrupted(store, before)
    common.report_failures(summary.failed)
    if summary.stopped:
        common.fail(StorageError(summary.stop_line()))
    common.out.print(f"documents: {summary.new} new, {summary.unchanged} unchanged, "
                     f"{summary.reextracted} re-extracted, {len(summary.failed)} failed; "
                     f"store: {common.plural(counts['documents'], 'document')}, "
                     f"{common.plural(counts['entities'], 'entity')}, "
                     f"{common.plural(counts['claims'], 'claim')}", highlight=False)
    if summary.failed:
        raise typer.Exit(code=1)


def _titled(outcomes: Iterable[Any], title: str | None) -> Iterator[Any]:
    """The reports as read, the one from stdin titled `title`."""
    for outcome in outcomes:
        where, document = outcome
        if title and where == "<stdin>" and hasattr(document, "title"):
            document.title = title
        yield outcome


def _interrupted(store: Any, before: int) -> None:
    """Ctrl-C: say what is kept (each report was saved in its own transaction)."""
    saved = 0
    if store is not None:
        try:
            saved = store.counts()["documents"] - before
        except Exception:  # noqa: BLE001 - a second Ctrl-C or a closed connection
            saved = 0
    common.err.print(f"interrupted: {common.plural(saved, 'report')} saved; run the same "
                     "command again to resume", markup=False, highlight=False)
    raise typer.Exit(code=INTERRUPTED)


@app.command()
def watch(
    feed_url: Annotated[str, typer.Argument(help="The RSS or Atom feed to poll.")],
    every: Annotated[str, typer.Option(help="How often to poll: 30m, 1h, 1d.")] = "1h",
    once: Annotated[bool, typer.Option(help="Poll once and stop.")] = False,
    db: DbOption = None,
    pack: PackOption = None,
    timeout: TimeoutOption = 20.0,
) -> None:
    """Ingest a feed's new items now and then every --every (items already seen are skipped)."""
    from threatnet.batch import ingest_documents
    from threatnet.ingest.fetch import Fetcher
    from threatnet.ingest.watch import FeedWatch, parse_every

    failed = False
    try:
        interval = parse_every(every)
        store = common.open_store(db, create=True)
        feed = FeedWatch(feed_url, Fetcher(timeout=timeout), store.known_sources)
        extractor = common.extractor(pack)
        try:
            while True:
                summary = ingest_documents(store, feed.poll(), extractor)
                common.report_failures(summary.failed)
                if summary.stopped:
                    common.fail(StorageError(summary.stop_line()))
                failed = bool(summary.failed)
                common.out.print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {feed_url}: "
                                 f"{summary.new} new, {summary.unchanged} unchanged, "
                                 f"{len(summary.failed)} failed", highlight=False,
                                 markup=False)
                if once:
                    break
                time.sleep(interval)
        finally:
            feed.fetcher.close()
    except ThreatnetError as exc:
        common.fail(exc)
    except KeyboardInterrupt:
        return
    if failed:
        raise typer.Exit(code=1)
