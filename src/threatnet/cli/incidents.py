"""The incidents command of the CLI: `threatnet incidents`, one row per incident.

The listing is `analyse.incidents.list_incidents`; this module only lays it out (and
the actor profile's incidents section, for the `actor` command's table and Markdown).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from threatnet import validate
from threatnet.cli import common

app = typer.Typer()


@app.command()
def incidents(
    actor: Annotated[str | None, typer.Option(
        help="Only incidents some claim says this actor carried out (name, alias or id).")
    ] = None,
    since: Annotated[str | None, typer.Option(
        help="Only incidents on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    place: Annotated[str | None, typer.Option(
        help="Only incidents in this place or a place inside it (a district in a "
             "province).")] = None,
    format: common.FormatOption = "table",
    db: common.DbOption = None,
) -> None:
    """Incidents as incident databases list them: date, place, perpetrator and how it is
    attributed (modality and source), target, tactic, weapon, casualties, sources."""
    from threatnet.analyse.graded import store_pack
    from threatnet.analyse.incidents import (
        COLUMNS,
        differing_accounts,
        find_place,
        flat_row,
        list_incidents,
    )

    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        validate.date(since, "--since")
        store = common.open_store(db)
        pack = store_pack()
        actor_id = store.entity(actor).id if actor else None
        with store.session() as s:
            where = find_place(s, place, pack) if place else None
            found = list_incidents(s, pack, actor_id=actor_id, since=since, place=where)
    if format == "json":
        common.emit(found, "json", COLUMNS, "incidents")
        return
    with common.one_line_errors():
        titles = {d["id"]: d["title"] or d["source"] for d in store.documents()}
    common.emit([flat_row(i, titles) for i in found], format, COLUMNS, "incidents")
    differing = differing_accounts(found)
    if format == "table" and differing:
        common.emit(differing, "table", ["id", "incident", "source", "killed", "wounded",
                                   "hostages", "evidence"], "differing accounts")


def profile_section(data: dict[str, Any]) -> None:
    """The actor profile's incidents section as tables (`threatnet actor`): incidents per
    month, and the target types and places its incidents show."""
    section = data.get("incidents") or {}
    if not section.get("total"):
        return
    months = Table("month", "incidents", title=f"incidents ({section['total']})",
                   title_justify="left")
    for month, n in section["by_month"].items():
        months.add_row(month, str(n))
    common.out.print(months)
    for key, label, what in (("attacks", "attacks (from incidents)", "target_type"),
                             ("operates_in", "operates in (from incidents)", "place")):
        if not section[key]:
            continue
        table = Table(what.replace("_", " "), "incidents", "strongest attribution",
                      "evidence", title=label, title_justify="left")
        for r in section[key]:
            table.add_row(escape(str(r[what])), str(r["incidents"]), r["strongest_modality"],
                          escape("; ".join(f"{e['name']} ({e['attribution']})"
                                           for e in r["evidence"])))
        common.out.print(table)
    sys.stdout.flush()


def profile_section_markdown(data: dict[str, Any]) -> str:
    """The same section as Markdown (`threatnet actor --format md`); empty without incidents."""
    section = data.get("incidents") or {}
    if not section.get("total"):
        return ""
    lines = [f"\n## Incidents ({section['total']})\n", "| month | incidents |", "|---|---|"]
    lines += [f"| {m} | {n} |" for m, n in section["by_month"].items()]
    for key, label, what in (("attacks", "Attacks (from incidents)", "target_type"),
                             ("operates_in", "Operates in (from incidents)", "place")):
        if section[key]:
            lines += [f"\n### {label}\n"]
            lines += [f"- {r[what]}: {r['incidents']} incident(s), {r['strongest_modality']} "
                      f"— " + "; ".join(f"{e['name']} ({e['attribution']})"
                                        for e in r["evidence"]) for r in section[key]]
    return "\n".join(lines) + "\n"
