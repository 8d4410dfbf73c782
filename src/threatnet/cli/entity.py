"""The `entity` group: an analyst's corrections of entities (merge, split, rename,
alias add) and the identities the resolver only proposed (`same-as`).

They act on a store that exists (none is created).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from threatnet.cli import common
from threatnet.cli.common import DbOption, FormatOption

app = typer.Typer()
entity_app = typer.Typer(help="Correct entities: merge, split, alias, rename.",
                         no_args_is_help=True)
alias_app = typer.Typer(help="Aliases of an entity.", no_args_is_help=True)
app.add_typer(entity_app, name="entity")
entity_app.add_typer(alias_app, name="alias")


def _correct(db: str | None, action: Callable[[Any], Any], done: str) -> None:
    """Run one analyst correction on the store and say what was done."""
    with common.one_line_errors():
        action(common.open_store(db))
    common.out.print(done, highlight=False)


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
    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        common.emit(common.open_store(db).same_as(), format,
                    ["a_id", "a", "b_id", "b", "score", "evidence", "status"],
                    "Possibly the same")


@alias_app.command("add")
def entity_alias_add(entity: str, alias: str, db: DbOption = None) -> None:
    """ALIAS names ENTITY from now on, in every report."""
    _correct(db, lambda store: store.add_alias(entity, alias),
             f"{alias!r} is now an alias of {entity!r}")
