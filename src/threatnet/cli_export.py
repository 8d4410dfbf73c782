"""The interoperability commands: `export stix|misp|graphml|gexf|csv`, `import stix|misp-galaxy`.

Registered on `threatnet.cli.app`; like the rest of the CLI, it turns
ThreatnetError into one line and exit code 1. Exports read the store through
`threatnet.export`; imports add actors and aliases to the user's actor-pack
overlay (`--pack DIR`, $THREATNET_PACK, else `pack/` in the user data dir) and
relationships as claims, all or nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from threatnet import cli
from threatnet.cli_store import DbOption, _store, check_options
from threatnet.errors import ThreatnetError

export_app = typer.Typer(help="Export the store: STIX 2.1, MISP, GraphML, GEXF, CSV.",
                         no_args_is_help=True)
import_app = typer.Typer(help="Import actors and relationships: STIX bundles, MISP galaxies.",
                         no_args_is_help=True)
cli.app.add_typer(export_app, name="export")
cli.app.add_typer(import_app, name="import")

ActorOption = Annotated[str | None, typer.Option(
    "--actor", help="Only what involves this actor (name, alias or id).")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only claims of documents published on or after this date.")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Only facts at least this confident (0-1).")]
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

    check_options("json", ("json",), since=since)
    store = _store(db)
    actor_id = store.entity(actor).id if actor else None
    with store.session() as s:
        return collect(s, actor_id, since, min_confidence, load_actor_pack(pack))


def _write(text: str, output: Path | None, what: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    cli.err.print(f"{what} -> {output}", markup=False, highlight=False)


@export_app.command("stix")
def export_stix(actor: ActorOption = None, since: SinceOption = None,
                min_confidence: MinConfidence = 0.0, output: OutputOption = None,
                pack: PackOption = None, db: DbOption = None) -> None:
    """A STIX 2.1 bundle: actors, facts as relationships, claims as notes, reports."""
    from threatnet.export.stix import bundle_json

    try:
        data = _collect(db, actor, since, min_confidence, pack)
        text = bundle_json(data)
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    _write(text, output, f"{len(data.facts)} relationships, {len(data.claims)} notes")


@export_app.command("misp")
def export_misp(actor: ActorOption = None, since: SinceOption = None,
                min_confidence: MinConfidence = 0.0,
                output: Annotated[Path | None, typer.Option(
                    "--output", "-o", help="A folder: one MISP event JSON per report "
                                           "(default: a JSON list on stdout).")] = None,
                pack: PackOption = None, db: DbOption = None) -> None:
    """One MISP event per report, claims with estimative-language and admiralty-scale tags."""
    from threatnet.export.misp import events_json

    try:
        events = events_json(_collect(db, actor, since, min_confidence, pack))
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    if output is None:
        sys.stdout.write(json.dumps([json.loads(text) for _, text in events],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    output.mkdir(parents=True, exist_ok=True)
    for event_uuid, text in events:
        (output / f"{event_uuid}.json").write_text(text, encoding="utf-8")
    cli.err.print(f"{len(events)} events -> {output}", markup=False, highlight=False)


def _graph(kind: str, actor, since, min_confidence, output, everything, pack, db) -> None:
    from threatnet.export import network

    try:
        data = _collect(db, actor, since, min_confidence, pack)
        text = network.graphml(data, everything) if kind == "graphml" else \
            network.gexf(data, everything)
    except ThreatnetError as exc:
        cli._fail(exc)
        return
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

    try:
        paths = write_csv(_collect(db, actor, since, min_confidence, pack), output)
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    cli.err.print(", ".join(str(p) for p in paths), markup=False, highlight=False)


@import_app.command("stix")
def import_stix(file: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle (JSON).")],
                pack: PackOption = None, db: DbOption = None) -> None:
    """Actors and aliases into the pack overlay, relationships and notes as claims."""
    from threatnet.ingest.stix_import import import_bundle

    try:
        summary = import_bundle(_store(db), file, pack)
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    cli.out.print(summary.line(), highlight=False)


@import_app.command("misp-galaxy")
def import_misp_galaxy(file: Annotated[Path, typer.Argument(help="A MISP galaxy cluster file.")],
                       pack: PackOption = None, db: DbOption = None) -> None:
    """Actors and aliases into the pack overlay, related clusters and prose links as claims."""
    from threatnet.ingest.misp_import import import_galaxy

    try:
        summary = import_galaxy(_store(db), file, lambda: cli._extractor(None), pack)
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    cli.out.print(summary.line(), highlight=False)
