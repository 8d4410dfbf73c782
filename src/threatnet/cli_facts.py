"""`threatnet db refresh-facts`: rebuild the facts summary and the graded facts.

The summary (`store/summary.py`) and the grades kept of every fact
(`analyse/graded.py`) are kept up to date by every save, review decision, merge
and split, and built by the schema upgrades (0005, 0006); this rebuilds them for a
store whose claims were changed behind threatnet's back (e.g. written with SQL), or
after the actor pack's hierarchy changed (until then `actor` grades again as it reads).
"""

from __future__ import annotations

from threatnet import cli
from threatnet.cli_store import DbOption, _store, db_app
from threatnet.errors import ThreatnetError


@db_app.command("refresh-facts")
def db_refresh_facts(db: DbOption = None) -> None:
    """Rebuild the facts summary and grades (what actor, path and network read)."""
    from threatnet.analyse import graded
    from threatnet.store import summary

    try:
        store = _store(db)
        with store.session(write=True) as s, s.begin():
            rows = summary.rebuild(s, grades=False)
            facts = graded.rebuild(s)
        cli.out.print(f"{store.url}: {rows:,} facts summary rows rebuilt, {facts:,} facts "
                      "graded", highlight=False)
    except ThreatnetError as exc:
        cli._fail(exc)
