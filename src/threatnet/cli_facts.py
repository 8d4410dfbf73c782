"""`threatnet db refresh-facts`: rebuild the facts summary from the claims.

The summary (`store/summary.py`) is kept up to date by every save and review
decision and built by the schema upgrade (0005); this rebuilds it for a store whose
claims were changed behind threatnet's back (e.g. written with SQL).
"""

from __future__ import annotations

from threatnet import cli
from threatnet.cli_store import DbOption, _store, db_app
from threatnet.errors import ThreatnetError


@db_app.command("refresh-facts")
def db_refresh_facts(db: DbOption = None) -> None:
    """Rebuild the facts summary (what actor, path and network read) from the claims."""
    from threatnet.store import summary

    try:
        store = _store(db)
        with store.session(write=True) as s, s.begin():
            rows = summary.rebuild(s)
        cli.out.print(f"{store.url}: {rows:,} facts summary rows rebuilt", highlight=False)
    except ThreatnetError as exc:
        cli._fail(exc)
