"""`threatnet watch FEED_URL`: poll an RSS/Atom feed and ingest its new items.

Registered on `threatnet.cli.app`; errors are one line and exit code 1 as
everywhere in the CLI. `--once` polls a single time (for cron, and for tests).
"""

from __future__ import annotations

import time
from typing import Annotated

import typer

from threatnet import cli
from threatnet.cli_store import DbOption, _store, report_failures
from threatnet.errors import ThreatnetError


@cli.app.command()
def watch(
    feed_url: Annotated[str, typer.Argument(help="The RSS or Atom feed to poll.")],
    every: Annotated[str, typer.Option(help="How often to poll: 30m, 1h, 1d.")] = "1h",
    once: Annotated[bool, typer.Option(help="Poll once and stop.")] = False,
    db: DbOption = None,
    pack: Annotated[str | None, typer.Option(help="Extra actor-pack folder.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a web server.")] = 20.0,
) -> None:
    """Ingest a feed's new items now and then every --every (items already seen are skipped)."""
    from threatnet.batch import ingest_documents
    from threatnet.ingest.fetch import Fetcher
    from threatnet.ingest.watch import FeedWatch, parse_every

    failed = False
    try:
        interval = parse_every(every)
        store = _store(db)
        feed = FeedWatch(feed_url, Fetcher(timeout=timeout), store.known_sources)
        extractor = cli._extractor(pack)
        try:
            while True:
                summary = ingest_documents(store, feed.poll(), extractor)
                report_failures(summary.failed)
                failed = bool(summary.failed)
                cli.out.print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {feed_url}: "
                              f"{summary.new} new, {summary.unchanged} unchanged, "
                              f"{len(summary.failed)} failed", highlight=False, markup=False)
                if once:
                    break
                time.sleep(interval)
        finally:
            feed.fetcher.close()
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    except KeyboardInterrupt:
        return
    if failed:
        raise typer.Exit(code=1)
