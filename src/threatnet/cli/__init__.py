"""The `threatnet` command line: the only part of threatnet that prints.

Library code raises ThreatnetError; the CLI turns it into one red `error:` line and
exit code 1 (a traceback only with `threatnet --debug`).

Layout: one module per command group, each with its own `app = typer.Typer()`
holding its commands (and its sub-groups, such as `db` or `export`); this module
merges them into the top-level `app`. Everything the groups share — consoles,
options, `fail`, `open_store`, `extractor`, output helpers — is in `common`, and the
input checks (dates, predicates, types, statuses) are `threatnet.validate`, which the
web API uses too. Groups import `common`, never this package, so there is no cycle.

To add a command group:

1. write `threatnet/cli/NAME.py`::

       import typer
       from threatnet.cli import common

       app = typer.Typer()

       @app.command()
       def incidents(db: common.DbOption = None) -> None:
           \"\"\"One line of help.\"\"\"
           with common.one_line_errors():
               store = common.open_store(db)
               ...
               common.emit(rows, "table", columns, "Incidents")

2. add NAME to GROUPS below.

Import heavy libraries (spaCy, Dask, uvicorn) inside the command that needs them:
tests/test_cli_imports.py checks that `--help` and the query commands load none.
"""

from __future__ import annotations

from typing import Annotated

import typer

from threatnet.cli import (
    analyse,
    common,
    db,
    entity,
    extraction,
    graph,
    incidents,
    ingest,
    interop,
    queries,
    review,
    serve,
    sources,
)

GROUPS = (extraction, ingest, queries, entity, analyse, graph, incidents, sources, review, interop,
          serve, db)

app = typer.Typer(help="threatnet: a sourced, time-aware knowledge graph of militant networks.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
for _group in GROUPS:
    app.add_typer(_group.app)


@app.callback()
def _main(debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False) -> None:
    common.state["debug"] = debug


def main() -> None:
    """The console entry point (`threatnet`, `python -m threatnet`)."""
    app()


__all__ = ["app", "common", "main"]
