"""The extraction commands: `extract` (reports -> JSON records), `schema`, `eval` (score
against gold annotations) and `info`. The only group that loads spaCy.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from threatnet import __version__
from threatnet.cli import common
from threatnet.cli.common import out

if TYPE_CHECKING:
    from threatnet.model import ExtractionRecord

app = typer.Typer()
TitleOption = Annotated[str | None, typer.Option(
    help="Title of the report read from stdin (-); otherwise it is called <stdin>.")]


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Report files; - reads stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "json",
    published: Annotated[str | None, typer.Option(help="Publication date, overriding "
                                                       "the one found in the text.")] = None,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", "-o", help=(
        "Write X.json per report X.txt here instead of printing."))] = None,
    pack: common.PackOption = None,
    title: TitleOption = None,
) -> None:
    """Extract entities and sourced claims from reports, as JSON records (their schema:
    `threatnet schema`)."""
    from threatnet.ingest import read_document

    with common.one_line_errors():
        common.check_format(format, ("json", "table"))
        documents = [read_document(f, published=published) for f in files]
        for path, document in zip(files, documents, strict=True):
            if title and path == "-":
                document.title = title
        records = common.extractor(pack).extract_many(documents)
        for path, record in zip(files, records, strict=True):
            _emit(record, path, format, output_dir, many=len(files) > 1)


def _emit(record: ExtractionRecord, path: str, format: str, output_dir: Path | None,
          many: bool) -> None:
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        name = "stdin" if path == "-" else Path(path).stem
        target = output_dir / f"{name}.json"
        target.write_text(json.dumps(record.to_dict(), ensure_ascii=False, indent=1),
                          encoding="utf-8")
        common.err.print(f"{path} -> {target}: {common.plural(len(record.entities), 'entity')}, "
                         f"{common.plural(len(record.claims), 'claim')}", markup=False,
                         highlight=False)
    elif format == "json":
        text = json.dumps(record.to_dict(), ensure_ascii=False, indent=None if many else 2)
        sys.stdout.write(text + "\n")
    else:
        _print_table(record)


def _print_table(record: ExtractionRecord) -> None:
    from rich.table import Table

    doc = record.document
    names = {e.id: e.name for e in record.entities}
    out.rule(escape(f"{doc.source}  (published {doc.published or 'unknown'})"))
    ents = Table("id", "name", "type", "mentions", title="Entities", title_justify="left")
    for e in record.entities:
        ents.add_row(e.id, escape(e.name), str(e.type), str(len(e.mentions)))
    out.print(ents)
    claims = Table("subject", "predicate", "object", "polarity", "modality", "source",
                   "conf.", "evidence", title="Claims", title_justify="left")
    for c in record.claims:
        polarity = "[red]negated[/red]" if c.polarity == "negated" else "affirmed"
        claims.add_row(escape(names[c.subject]), c.predicate, escape(names[c.object]),
                       polarity, str(c.modality),
                       escape(c.source.text) if c.source else "(author)",
                       f"{c.confidence:.2f}", escape(c.evidence.text.strip()[:90]))
    out.print(claims)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extraction record."""
    from threatnet.export.schema import record_schema

    sys.stdout.write(json.dumps(record_schema(), indent=2) + "\n")


@app.command("eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of X.txt + X.gold.json.")],
    explain: Annotated[bool, typer.Option(help="List misses and false hits.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable totals.")] = False,
    by_prefix: Annotated[bool, typer.Option(
        "--by-prefix", help="Totals per group of reports whose names share the part before "
                            "the first '-' (a corpus's styles: inc-…, sty-…).")] = False,
    pack: common.PackOption = None,
) -> None:
    """Score the extractor against gold annotations (the reference scorer's definitions)."""
    from rich.table import Table

    from threatnet.evaluate import runner
    from threatnet.evaluate.dyads import dyad_totals
    from threatnet.evaluate.incidents import incident_totals

    with common.one_line_errors():
        scores, overall = runner.evaluate(gold_dir, common.extractor(pack))
    groups = runner.by_prefix(scores) if by_prefix else {}
    incidents = incident_totals([s.incidents for s in scores])
    dyads = dyad_totals([s.dyads for s in scores])
    if as_json:
        files = {s.name: s.summary for s in scores}
        found = {"overall": overall, "files": files, "incidents": incidents,
                 "dyads": dyads} | \
            ({"groups": groups} if groups else {})
        sys.stdout.write(json.dumps(found) + "\n")
        return
    columns = ["entity_f1", "claim_f1", "claim_precision", "claim_recall",
               "modality_accuracy", "source_accuracy", "false_certainties"]
    table = Table("report", *[c.replace("_", " ") for c in columns])
    for s in scores:
        table.add_row(s.name, *[str(s.summary[c]) for c in columns])
    for prefix, totals in groups.items():
        table.add_row(f"[italic]{prefix}-… ({totals['documents']})[/italic]",
                      *[f"[italic]{totals[c]}[/italic]" for c in columns])
    table.add_row("[bold]overall[/bold]", *[f"[bold]{overall[c]}[/bold]" for c in columns])
    out.print(table)
    if incidents["pairs"]:
        out.print(f"incidents: a deed claim for {incidents['found']} of {incidents['pairs']} "
                  f"groups the gold says carried one out ({incidents['deed_found']}); "
                  f"{incidents['author_certain']} of {incidents['hedged']} claimed, attributed "
                  f"or suspected stated as the author's certainty; date right "
                  f"{incidents['date_right']}/{incidents['dated']}, place right "
                  f"{incidents['place_right']}/{incidents['placed']}", highlight=False)
    if dyads["dyads"]:
        out.print(f"dyads: a claim of the right class for {dyads['dyads_found']} of "
                  f"{dyads['dyads']} pairs of groups the gold relates ({dyads['dyad_share']})",
                  highlight=False)
    if explain:
        for s in scores:
            out.rule(s.name)
            for label, item in runner.explain(s):
                style = "red" if label.startswith("FALSE") else "dim" if "unmatched" in label \
                    else ""
                out.print(f"[{style}]{label}: {item}[/{style}]" if style else
                          f"{label}: {item}", highlight=False)


@app.command()
def info() -> None:
    """Versions, the spaCy pipeline, the size of the actor pack and the default store."""
    from threatnet.extract.pipeline import EXTRACTOR_VERSION, model_name
    from threatnet.resolve.pack import load_actor_pack
    from threatnet.store import default_url

    with common.one_line_errors():
        pack = load_actor_pack()
    out.print(f"threatnet {__version__}  extractor {EXTRACTOR_VERSION}")
    out.print(f"spaCy pipeline: {model_name()}")
    out.print(f"actor pack: {common.plural(len(pack), 'entry')}")
    out.print(f"store: {default_url()} (--db / THREATNET_DB)", highlight=False)
