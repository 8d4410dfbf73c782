"""What every command group of the CLI shares: the consoles, the one-line error, the
common options, opening the store, the extractor, and rows printed as a table, JSON or CSV.

The command groups import this module; it imports none of them, nor the package
`threatnet.cli` above it. It imports nothing heavy either (no spaCy, Dask, uvicorn):
`threatnet --help` and the query commands load only what they use.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from threatnet import validate
from threatnet.errors import ThreatnetError

if TYPE_CHECKING:
    from threatnet.store import Store

out = Console(soft_wrap=True)
if not out.is_terminal:
    out.width = 160  # tables piped to a file or a log stay readable
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long
state = {"debug": False}  # set by `threatnet --debug`

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="THREATNET_DB", help="Store URL: sqlite:///kb.db or "
                                        "postgresql://user@host/db (default: a SQLite file in "
                                        "the user data dir).")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="What was known on this date (YYYY, YYYY-MM or YYYY-MM-DD): claims of "
                    "documents published up to and including it.")]
PackOption = Annotated[str | None, typer.Option("--pack", help="Extra actor-pack folder.")]
WorkersOption = Annotated[int | None, typer.Option(
    help="Extract on a local Dask cluster of this many worker processes.")]
SchedulerOption = Annotated[str | None, typer.Option(
    help="Extract on a running Dask cluster (tcp://host:8786).")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Only facts at least this confident (0-1).")]


def fail(exc: Exception) -> NoReturn:
    """One red `error:` line and exit code 1 (the traceback only with --debug)."""
    if state["debug"]:
        raise exc
    err.print(f"[red]error[/red]: {escape(str(exc))}", markup=True, highlight=False)
    raise typer.Exit(code=1)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Run a command's body; a ThreatnetError becomes `fail`'s one line."""
    try:
        yield
    except ThreatnetError as exc:
        fail(exc)


def warn(text: str) -> None:
    err.print(f"[yellow]note[/yellow]: {escape(text)}", highlight=False)


def extractor(pack: str | None) -> Any:
    """The Extractor (spaCy pipeline and actor pack, plus the `pack` folder if given).

    Commands call it as `common.extractor(...)`, so tests can replace it with one
    shared extractor (tests/conftest.py `cli_extractor`).
    """
    from threatnet.extract.pipeline import Extractor
    from threatnet.resolve.pack import load_actor_pack

    return Extractor(pack=load_actor_pack(pack) if pack else None)


def open_store(db: str | None, create: bool = False) -> Store:
    """The store at `db` (else $THREATNET_DB, else the default file).

    Only the commands that write reports (`ingest`, `watch`, `import`, `db upgrade`)
    create a store; the others refuse a URL where there is none, with one line on how
    to create it, instead of creating an empty one."""
    from threatnet.store import Store

    return Store(db, create=create)


def check_format(format: str, formats: tuple[str, ...]) -> None:
    validate.choice(format, formats, "--format")


def check_cluster(workers: int | None, scheduler: str | None) -> None:
    if workers is not None and scheduler is not None:
        raise ThreatnetError("give --workers or --scheduler, not both")


def make_cluster(extractor: Any, workers: int | None, scheduler: str | None) -> Any:
    """A Dask cluster for --workers / --scheduler (None: extract in this process)."""
    if workers is None and scheduler is None:
        return None
    quiet_dask()
    from threatnet.cluster import Cluster

    return Cluster(extractor, workers=workers, scheduler=scheduler)


def quiet_dask() -> None:
    """Keep Dask's own notes ("Port 8787 is already in use", …) out of the output: they
    are warnings and log lines of its modules, not the user's business."""
    import logging
    import warnings

    warnings.filterwarnings("ignore", module=r"(distributed|dask)(\..*)?$")
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.ERROR)


def report_failures(failed: list[tuple[str, str]]) -> None:
    """One red line per report that could not be read or stored (the batch went on)."""
    for _where, why in failed:
        err.print(f"[red]error[/red]: {escape(why)}", highlight=False)


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 claim`, `2 claims`, `0 entities` (give `many` where adding an s is wrong)."""
    if n == 1:
        return f"{n:,} {word}"
    if many is None:
        many = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" \
            else word + "s"
    return f"{n:,} {many}"


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def emit(rows: list[dict[str, Any]], format: str, columns: list[str], title: str) -> None:
    """Rows as a table (`title (n)`), a JSON list, or CSV with `columns` as the header."""
    from rich.table import Table

    check_format(format, ("table", "json", "csv"))
    if format == "json":
        print_json(rows)
    elif format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: flat(row.get(k)) for k in columns})
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(*columns, title=f"{title} ({len(rows)})", title_justify="left")
        for row in rows:
            table.add_row(*[escape(flat(row.get(k))) for k in columns])
        out.print(table)


def flat(value: Any) -> str:
    """A cell: lists joined with `; `, dicts as JSON, text without trailing blank lines."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


PROGRESS_EVERY = 50  # reports between two progress lines when stderr is not a terminal


@contextmanager
def progress(label: str, total: int | None = None) -> Iterator[Any]:
    """A tick per report: a bar on stderr when it is a terminal (gone when done), else a
    line every PROGRESS_EVERY reports, so a log shows the batch moving."""
    if err.is_terminal:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                      transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda _where: bar.advance(task)
        return
    done = 0

    def tick(_where: str) -> None:
        nonlocal done
        done += 1
        if done % PROGRESS_EVERY == 0:
            err.print(f"{label}: {done:,}" + (f" of {total:,}" if total else "") + " reports",
                      markup=False, highlight=False)

    yield tick
