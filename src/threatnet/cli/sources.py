"""The sources command of the CLI: `threatnet sources`, each independent source of the
store with its claims, reliability and contradictions, and (`--copies`) which documents
copy which. The listing is `store.sources`; this module only lays it out."""

from __future__ import annotations

from typing import Annotated

import typer

from threatnet.cli import common

app = typer.Typer()


@app.command()
def sources(
    copies: Annotated[bool, typer.Option(
        "--copies", help="List which documents copy which (shared sentences) instead.")
    ] = False,
    format: common.FormatOption = "table",
    db: common.DbOption = None,
) -> None:
    """Each source (one across its spellings, titles and scripts; the author's own voice
    as the story's origin): its claims and documents, how many of its claims another
    source contradicts, first and last seen, the outlets carrying its stories."""
    from threatnet.analyse.grading import source_table
    from threatnet.store import sources as listing

    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        store = common.open_store(db)
        with store.session() as s:
            if copies:
                rows = listing.list_copies(s)
            else:
                rows = listing.list_sources(s)
                table = source_table()
                for row in rows:  # as a grade rates it: the author's voice as the author
                    row["reliability"] = table.rate(
                        None if row["kind"] == "outlet" else row["source"])[0]
    if copies:
        common.emit(rows, format, listing.COPY_COLUMNS[:5] if format == "table"
                    else listing.COPY_COLUMNS, "copies")
        return
    columns = ["source", "kind", "reliability", *listing.COLUMNS[2:]]
    common.emit(rows, format, columns, "sources")
