"""The `db` group: `db upgrade` (create the store or bring it to the newest schema) and
`db refresh-facts` (rebuild the facts summary and the graded facts).

The summary (`store/summary.py`) and the grades of every fact (`kept/grades.py`)
are kept up to date by every save, review decision, merge and split; `refresh-facts`
rebuilds them for a store whose claims were changed behind threatnet's back (e.g.
with SQL), or after the actor pack's hierarchy changed.
"""

from __future__ import annotations

import typer

from threatnet.cli import common
from threatnet.cli.common import DbOption

app = typer.Typer()
db_app = typer.Typer(help="Manage the store: create or upgrade its schema, rebuild its facts.",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the store or bring it to the newest schema."""
    from threatnet.store import migrate

    with common.one_line_errors():
        store = common.open_store(db, create=True)
        common.out.print(f"{store.url}: schema {migrate.head_revision(store.engine)}",
                         highlight=False)


@db_app.command("refresh-facts")
def db_refresh_facts(db: DbOption = None) -> None:
    """Rebuild the facts summary and grades (what actor, path and network read)."""
    from threatnet.kept import grades
    from threatnet.store import summary

    with common.one_line_errors():
        store = common.open_store(db)
        with store.session(write=True) as s, s.begin():
            rows = summary.rebuild(s, grades=False)
            facts = grades.rebuild(s)
        common.out.print(f"{store.url}: {common.plural(rows, 'facts summary row')} rebuilt, "
                         f"{common.plural(facts, 'fact')} graded", highlight=False)
