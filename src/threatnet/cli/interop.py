"""The interoperability commands: `export stix|misp|graphml|gexf|csv`, `import stix|misp-galaxy`.

Exports read an existing store through `threatnet.export` (none is created); files
are named by what they hold (a MISP event by its date, title and uuid). Imports add
actors and aliases to the user's actor-pack overlay (`--pack DIR`, $THREATNET_PACK,
else `pack/` in the user data dir) and relationships as claims, all or nothing
(creating the store if needed).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from threatnet import validate
from threatnet.cli import common
from threatnet.cli.common import DbOption, MinConfidence

export_app = typer.Typer(help="Export the store: STIX 2.1, MISP, GraphML, GEXF, CSV.",
                         no_args_is_help=True)
import_app = typer.Typer(help="Import actors and relationships: STIX bundles, MISP galaxies.",
                         no_args_is_help=True)
app = typer.Typer()
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")

ActorOption = Annotated[str | None, typer.Option(
    "--actor", help="Only what involves this actor (name, alias or id).")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only claims of documents published on or after this date.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o",
                                                   help="Write here instead of stdout.")]
PackOption = Annotated[Path | None, typer.Option(
    "--pack", help="Actor-pack overlay folder (default: $THREATNET_PACK, else pack/ in the "
                   "user data dir).")]
AllOption = Annotated[bool, typer.Option(
    "--all-entities", help="Every entity type as a node, not only actors.")]


def _collect(db: str | None, actor: str | None, since: str | None, min_confidence: float,
             pack: Path | None):
    from threatnet.export.common import collect
    from threatnet.resolve.pack import load_actor_pack

    validate.date(since, "--since")
    store = common.open_store(db)
    actor_id = store.entity(actor).id if actor else None
    with store.session() as s:
        return collect(s, actor_id, since, min_confidence, load_actor_pack(pack))


def _write(text: str, output: Path | None, what: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    common.err.print(f"{what} -> {output}", markup=False, highlight=False)


@export_app.command("stix")
def export_stix(actor: ActorOption = None, since: SinceOption = None,
                min_confidence: MinConfidence = 0.0, output: OutputOption = None,
                pack: PackOption = None, db: DbOption = None) -> None:
    """A STIX 2.1 bundle: actors, facts as relationships, claims as notes, reports."""
    from threatnet.export.stix import bundle_json

    with common.one_line_errors():
        data = _collect(db, actor, since, min_confidence, pack)
        text = bundle_json(data)
    _write(text, output, f"{common.plural(len(data.facts), 'relationship')}, "
                         f"{common.plural(len(data.claims), 'note')}")


@export_app.command("misp")
def export_misp(actor: ActorOption = None, since: SinceOption = None,
                min_confidence: MinConfidence = 0.0,
                output: Annotated[Path | None, typer.Option(
                    "--output", "-o", help="A folder: one MISP event JSON per report "
                                           "(default: a JSON list on stdout).")] = None,
                pack: PackOption = None, db: DbOption = None) -> None:
    """One MISP event per report, claims with estimative-language and admiralty-scale tags."""
    from threatnet.export.misp import events_json

    with common.one_line_errors():
        events = events_json(_collect(db, actor, since, min_confidence, pack))
    if output is None:
        sys.stdout.write(json.dumps([json.loads(text) for _, text in events],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    output.mkdir(parents=True, exist_ok=True)
    for event_uuid, text in events:
        (output / misp_file_name(event_uuid, json.loads(text))).write_text(text,
                                                                           encoding="utf-8")
    common.err.print(f"{common.plural(len(events), 'event')} -> {output}", markup=False,
                     highlight=False)


def misp_file_name(event_uuid: str, event: dict) -> str:
    """`DATE_TITLE_UUID8.json`: what the event is, readable in a file listing, and unique
    by its uuid's first 8 characters."""
    info = event.get("Event", event)
    title = re.sub(r"[^\w]+", "-", str(info.get("info") or "event").casefold()).strip("-")
    date = str(info.get("date") or "undated")
    return f"{date}_{title[:60].rstrip('-') or 'event'}_{event_uuid[:8]}.json"


def _graph(kind: str, actor, since, min_confidence, output, everything, pack, db) -> None:
    from threatnet.export import network

    with common.one_line_errors():
        data = _collect(db, actor, since, min_confidence, pack)
        text = network.graphml(data, everything) if kind == "graphml" else \
            network.gexf(data, everything)
    _write(text, output, kind.upper())


@export_app.command("graphml")
def export_graphml(actor: ActorOption = None, since: SinceOption = None,
                   min_confidence: MinConfidence = 0.0, output: OutputOption = None,
                   all_entities: AllOption = False, pack: PackOption = None,
                   db: DbOption = None) -> None:
    """The actor network as GraphML (yEd, Cytoscape, Gephi)."""
    _graph("graphml", actor, since, min_confidence, output, all_entities, pack, db)


@export_app.command("gexf")
def export_gexf(actor: ActorOption = None, since: SinceOption = None,
                min_confidence: MinConfidence = 0.0, output: OutputOption = None,
                all_entities: AllOption = False, pack: PackOption = None,
                db: DbOption = None) -> None:
    """The actor network as dynamic GEXF: Gephi's timeline plays the facts' time spans."""
    _graph("gexf", actor, since, min_confidence, output, all_entities, pack, db)


@export_app.command("csv")
def export_csv(output: Annotated[Path, typer.Option(
                   "--output", "-o", help="Folder for entities.csv, claims.csv, facts.csv.")],
               actor: ActorOption = None, since: SinceOption = None,
               min_confidence: MinConfidence = 0.0, pack: PackOption = None,
               db: DbOption = None) -> None:
    """Entities, claims and facts as three CSV files for spreadsheets."""
    from threatnet.export.tables import write_csv

    with common.one_line_errors():
        paths = write_csv(_collect(db, actor, since, min_confidence, pack), output)
    common.err.print(", ".join(str(p) for p in paths), markup=False, highlight=False)


@import_app.command("stix")
def import_stix(file: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle (JSON).")],
                pack: PackOption = None, db: DbOption = None) -> None:
    """Actors and aliases into the pack overlay, relationships and notes as claims."""
    from threatnet.ingest.stix_import import import_bundle

    with common.one_line_errors():
        summary = import_bundle(common.open_store(db, create=True), file, pack)
    common.out.print(summary.line(), highlight=False)


@import_app.command("misp-galaxy")
def import_misp_galaxy(file: Annotated[Path, typer.Argument(help="A MISP galaxy cluster file.")],
                       pack: PackOption = None, db: DbOption = None) -> None:
    """Actors and aliases into the pack overlay, related clusters and prose links as claims."""
    from threatnet.ingest.misp_import import import_galaxy

    with common.one_line_errors():
        summary = import_galaxy(common.open_store(db, create=True), file,
                                lambda: common.extractor(None), pack)
    common.out.print(summary.line(), highlight=False)
