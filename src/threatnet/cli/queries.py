"""The store's query commands: documents, entities, claims and facts.

Read-only: they never create a store (see `common.open_store`). Every filter is
checked by `threatnet.validate` (dates, predicates, types, statuses) before the
store is read, so a typo is one `error:` line, not an empty table.
"""

from __future__ import annotations

from typing import Annotated

import typer

from threatnet import validate
from threatnet.cli import common
from threatnet.cli.common import DbOption, FormatOption

app = typer.Typer()


@app.command()
def documents(db: DbOption = None, format: FormatOption = "table") -> None:
    """The documents in the store."""
    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        common.emit(common.open_store(db).documents(), format,
                    ["published", "title", "source", "claims", "extractor", "id"], "Documents")


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option(help="Only this entity type (armed_group, "
                                                  "person, …).")] = None,
    search: Annotated[str | None, typer.Option(help="Name or alias contains this.")] = None,
    format: FormatOption = "table",
) -> None:
    """Entities of the store, with their aliases (any script)."""
    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        validate.entity_type(type, "--type")
        common.emit(common.open_store(db).entities(type, search), format,
                    ["id", "name", "type", "mentions", "aliases"], "Entities")


TABLE_LIMIT = 100  # rows of a claims table: more is unreadable on a screen, and slow to lay out


@app.command()
def claims(
    db: DbOption = None,
    subject: Annotated[str | None, typer.Option(help="Subject name, alias or id.")] = None,
    predicate: Annotated[str | None, typer.Option(help="A predicate (supports, "
                                                       "allied_with, …).")] = None,
    object: Annotated[str | None, typer.Option("--object", help="Object name or id.")] = None,
    source: Annotated[str | None, typer.Option(help="Source contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date "
                                                   "(YYYY[-MM[-DD]]).")] = None,
    status: Annotated[str | None, typer.Option(help="Review status: unreviewed, accepted, "
                                                    "rejected or corrected.")] = None,
    limit: Annotated[int | None, typer.Option(
        min=0, help=f"At most this many claims (0: all). Default: {TABLE_LIMIT} in a table, "
                    "all in JSON and CSV.")] = None,
    format: FormatOption = "table",
) -> None:
    """Claims of the store, each with its source, modality, evidence and review status."""
    from threatnet.store.review_views import statuses

    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        validate.predicate(predicate, "--predicate")
        validate.date(since, "--since")
        validate.status(status, "--status")
        store = common.open_store(db)
        rows = store.claims(subject=subject, predicate=predicate, object=object,
                            source=source, since=since)
        reviewed = statuses(store)
        for row in rows:
            row["evidence_text"] = row["evidence"]["text"]
            row["status"] = reviewed.get(row["id"], "unreviewed")
        rows = [r for r in rows if status is None or r["status"] == status]
        total = len(rows)
        if limit is None:
            limit = TABLE_LIMIT if format == "table" else 0
        rows = rows[:limit] if limit else rows
        title = "Claims" if len(rows) == total else f"Claims, --limit 0 shows all {total}"
        common.emit(rows, format, ["id", "published", "subject", "predicate", "object",
                                   "polarity", "modality", "source", "status",
                                   "evidence_text"], title)


@app.command()
def facts(actor: Annotated[str, typer.Argument(help="Name, alias or id of an actor.")],
          db: DbOption = None, format: FormatOption = "table") -> None:
    """What the store knows about an actor: facts aggregated from every claim."""
    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        common.emit(common.open_store(db).facts(actor), format,
                    ["subject", "predicate", "object", "claims_for", "claims_against",
                     "independent_sources", "strongest_for", "strongest_against",
                     "first_seen", "last_seen", "sources"], f"Facts about {actor}")
