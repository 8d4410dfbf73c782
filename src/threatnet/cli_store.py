"""The knowledge-base commands of the CLI: ingest, db, documents, entities, claims, facts, entity.

Registered on `threatnet.cli.app`; like the rest of the CLI, it turns
ThreatnetError into one line and exit code 1.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from contextlib import nullcontext
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from threatnet import cli
from threatnet.errors import ThreatnetError

DbOption = Annotated[str | None, typer.Option("--db", envvar="THREATNET_DB",
                                              help="Store URL (default: a SQLite file in "
                                                   "the user data dir).")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="What was known on this date (YYYY, YYYY-MM or YYYY-MM-DD): claims of "
                    "documents published up to and including it.")]
WorkersOption = Annotated[int | None, typer.Option(
    help="Extract on a local Dask cluster of this many worker processes.")]
SchedulerOption = Annotated[str | None, typer.Option(
    help="Extract on a running Dask cluster (tcp://host:8786).")]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

db_app = typer.Typer(help="Manage the store's schema.", no_args_is_help=True)
entity_app = typer.Typer(help="Correct entities: merge, split, alias, rename.",
                         no_args_is_help=True)
alias_app = typer.Typer(help="Aliases of an entity.", no_args_is_help=True)
cli.app.add_typer(db_app, name="db")
cli.app.add_typer(entity_app, name="entity")
entity_app.add_typer(alias_app, name="alias")


def check_options(format: str, formats: tuple[str, ...], **dates: str | None) -> None:
    """One error line for a --format outside `formats` or a date option that is no date."""
    if format not in formats:
        raise ThreatnetError(f"--format {format!r}: choose {', '.join(formats)}")
    for name, value in dates.items():
        if value is not None and not _DATE.match(value):
            raise ThreatnetError(f"--{name.replace('_', '-')} {value!r}: give a date as "
                                 "YYYY-MM-DD, YYYY-MM or YYYY")


def check_cluster(workers: int | None, scheduler: str | None) -> None:
    if workers is not None and scheduler is not None:
        raise ThreatnetError("give --workers or --scheduler, not both")


def report_failures(failed: list[tuple[str, str]]) -> None:
    """One red line per report that could not be read or stored (the batch went on)."""
    for _where, why in failed:
        cli.err.print(f"[red]error[/red]: {escape(why)}", highlight=False)


def progress_bar() -> Progress:
    """The bar ingest and reextract draw on stderr while they work (gone when done)."""
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=cli.err, transient=True)


def make_cluster(extractor: Any, workers: int | None, scheduler: str | None) -> Any:
    """A Dask cluster for --workers / --scheduler (None: extract in this process)."""
    if workers is None and scheduler is None:
        return None
    from threatnet.cluster import Cluster

    return Cluster(extractor, workers=workers, scheduler=scheduler)


def _store(db: str | None):
    from threatnet.store import Store

    return Store(db)


def _emit(rows: list[dict[str, Any]], format: str, columns: list[str], title: str) -> None:
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(row.get(k)) for k in columns})
        sys.stdout.write(buffer.getvalue())
    elif format == "table":
        table = Table(*columns, title=f"{title} ({len(rows)})", title_justify="left")
        for row in rows:
            table.add_row(*[escape(_flat(row.get(k))) for k in columns])
        cli.out.print(table)
    else:
        raise ThreatnetError(f"--format {format!r}: choose table, json or csv")


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@cli.app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs; - for stdin.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date for all.")] = None,
    pack: Annotated[str | None, typer.Option(help="Extra actor-pack folder.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a web server.")] = 20.0,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Read reports into the knowledge base (new ones extracted, stored ones skipped).

    Text, Markdown, HTML, PDF, Word, RSS/Atom feeds and zips of them, by file or URL."""
    from threatnet.batch import ingest as run
    from threatnet.ingest.fetch import Fetcher
    from threatnet.ingest.sources import expand

    try:
        check_cluster(workers, scheduler)
        store = _store(db)
        names = list(expand(paths))  # a feed or a zip holds an unknown number of reports
        total = None if "-" in names or any(n.startswith(("http:", "https:")) or
                                            n.lower().endswith((".zip", ".rss", ".atom"))
                                            for n in names) else len(names)
        extractor = cli._extractor(pack)
        cluster = make_cluster(extractor, workers, scheduler)
        with cluster or nullcontext(), progress_bar() as progress:
            task = progress.add_task("ingesting", total=total)
            summary = run(store, paths, extractor, published,
                          progress=lambda _where: progress.advance(task),
                          fetcher=Fetcher(timeout=timeout), cluster=cluster)
        counts = store.counts()
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    report_failures(summary.failed)
    cli.out.print(f"documents: {summary.new} new, {summary.unchanged} unchanged, "
                  f"{summary.reextracted} re-extracted, {len(summary.failed)} failed; "
                  f"store: {counts['documents']} documents, {counts['entities']} entities, "
                  f"{counts['claims']} claims", highlight=False)
    if summary.failed:
        raise typer.Exit(code=1)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the store or bring it to the newest schema."""
    from threatnet.store import migrate

    try:
        store = _store(db)
        cli.out.print(f"{store.url}: schema {migrate.head_revision(store.engine)}",
                      highlight=False)
    except ThreatnetError as exc:
        cli._fail(exc)


@cli.app.command()
def documents(db: DbOption = None, format: FormatOption = "table") -> None:
    """The documents in the store."""
    try:
        _emit(_store(db).documents(), format,
              ["published", "title", "source", "claims", "extractor", "id"], "Documents")
    except ThreatnetError as exc:
        cli._fail(exc)


@cli.app.command()
def entities(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option(help="Only this entity type.")] = None,
    search: Annotated[str | None, typer.Option(help="Name or alias contains this.")] = None,
    format: FormatOption = "table",
) -> None:
    """Entities of the store, with their aliases (any script)."""
    try:
        _emit(_store(db).entities(type, search), format,
              ["id", "name", "type", "mentions", "aliases"], "Entities")
    except ThreatnetError as exc:
        cli._fail(exc)


@cli.app.command()
def claims(
    db: DbOption = None,
    subject: Annotated[str | None, typer.Option(help="Subject name, alias or id.")] = None,
    predicate: Annotated[str | None, typer.Option(help="A predicate of DESIGN.md.")] = None,
    object: Annotated[str | None, typer.Option("--object", help="Object name or id.")] = None,
    source: Annotated[str | None, typer.Option(help="Source contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
    status: Annotated[str | None, typer.Option(help="Review status: unreviewed, accepted, "
                                                    "rejected or corrected.")] = None,
    format: FormatOption = "table",
) -> None:
    """Claims of the store, each with its source, modality, evidence and review status."""
    from threatnet.store.review_views import check_status, statuses

    try:
        check_status(status)
        store = _store(db)
        rows = store.claims(subject=subject, predicate=predicate, object=object,
                            source=source, since=since)
        reviewed = statuses(store)
        for row in rows:
            row["evidence_text"] = row["evidence"]["text"]
            row["status"] = reviewed.get(row["id"], "unreviewed")
        rows = [r for r in rows if status is None or r["status"] == status]
        _emit(rows, format, ["id", "published", "subject", "predicate", "object", "polarity",
                             "modality", "source", "status", "evidence_text"], "Claims")
    except ThreatnetError as exc:
        cli._fail(exc)


@cli.app.command()
def facts(actor: Annotated[str, typer.Argument(help="Name, alias or id of an actor.")],
          db: DbOption = None, format: FormatOption = "table") -> None:
    """What the store knows about an actor: facts aggregated from every claim."""
    try:
        _emit(_store(db).facts(actor), format,
              ["subject", "predicate", "object", "claims_for", "claims_against",
               "independent_sources", "strongest_for", "strongest_against", "first_seen",
               "last_seen", "sources"], f"Facts about {actor}")
    except ThreatnetError as exc:
        cli._fail(exc)


def _correct(db: str | None, action: Callable[[Any], Any], done: str) -> None:
    """Run one analyst correction on the store and say what was done."""
    try:
        action(_store(db))
    except ThreatnetError as exc:
        cli._fail(exc)
    cli.out.print(done, highlight=False)


@entity_app.command("merge")
def entity_merge(keep: str, other: str, db: DbOption = None) -> None:
    """OTHER becomes part of KEEP (undo with `entity split KEEP OTHER`)."""
    _correct(db, lambda store: store.merge(keep, other), f"merged {other!r} into {keep!r}")


@entity_app.command("split")
def entity_split(entity: str, part: str, db: DbOption = None) -> None:
    """Undo a merge: PART, merged into ENTITY, is its own entity again."""
    _correct(db, lambda store: store.split(entity, part), f"split {part!r} from {entity!r}")


@entity_app.command("rename")
def entity_rename(entity: str, name: str, db: DbOption = None) -> None:
    """Give ENTITY a new canonical NAME (the old one stays an alias)."""
    _correct(db, lambda store: store.rename(entity, name), f"renamed {entity!r} to {name!r}")


@entity_app.command("same-as")
def entity_same_as(db: DbOption = None, format: FormatOption = "table") -> None:
    """Possible identities the resolver proposed instead of merging."""
    try:
        _emit(_store(db).same_as(), format, ["a_id", "a", "b_id", "b", "score", "evidence",
                                             "status"], "Possibly the same")
    except ThreatnetError as exc:
        cli._fail(exc)


@alias_app.command("add")
def entity_alias_add(entity: str, alias: str, db: DbOption = None) -> None:
    """ALIAS names ENTITY from now on, in every report."""
    _correct(db, lambda store: store.add_alias(entity, alias),
             f"{alias!r} is now an alias of {entity!r}")
