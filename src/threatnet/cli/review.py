"""The review commands of the CLI: `review` (the terminal flow and one-shot decisions),
`review history` (the audit trail, CSV for audit), `reextract` and `gold export`.

They act on a store that exists (none is created). Decisions are checked by
`threatnet.validate` through `store.review` (vocabularies, calendar dates, no claim
linking an entity to itself) before anything is written.
"""

from __future__ import annotations

import getpass
from contextlib import nullcontext
from typing import Annotated, Any

import typer
from rich.markup import escape

from threatnet import validate
from threatnet.cli import common
from threatnet.cli.common import (
    DbOption,
    FormatOption,
    PackOption,
    SchedulerOption,
    WorkersOption,
)

review_app = typer.Typer(help="Review what was extracted: run it bare for the terminal flow, "
                              "or decide on one claim or mention.",
                         invoke_without_command=True)
gold_app = typer.Typer(help="Analysts' reviews as gold annotations.", no_args_is_help=True)
app = typer.Typer()
app.add_typer(review_app, name="review")
app.add_typer(gold_app, name="gold")

ReviewerOption = Annotated[str | None, typer.Option(
    "--reviewer", envvar="THREATNET_REVIEWER", help="Who decides (default: your login).")]
MentionOption = Annotated[bool, typer.Option("--mention", help="ID is a mention, not a claim.")]
VersionOption = Annotated[int | None, typer.Option(
    "--expect-version", help="The version you saw; refused if someone decided since. "
                             "Needed to overrule another reviewer.")]
NoteOption = Annotated[str | None, typer.Option(help="Why, for the history.")]
DECISION_COLUMNS = ["id", "status", "version", "subject", "predicate", "object", "polarity",
                    "modality", "source", "reviewer"]
HISTORY_COLUMNS = ["id", "at", "reviewer", "target", "target_id", "document", "span", "action",
                   "status", "version", "machine", "correction", "attached", "note"]


def _reviewer(name: str | None) -> str:
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "analyst"


@review_app.callback()
def review(
    ctx: typer.Context,
    db: DbOption = None,
    document: Annotated[str | None, typer.Option(help="Document id (or prefix) or source.")]
    = None,
    actor: Annotated[str | None, typer.Option(help="Claims with this actor.")] = None,
    status: Annotated[str, typer.Option(help="unreviewed, accepted, rejected, corrected or "
                                             "any.")] = "unreviewed",
    reviewer: ReviewerOption = None,
) -> None:
    """Review claims one by one: each shown in its sentence, one key per decision."""
    if ctx.invoked_subcommand is not None:
        return
    from threatnet.cli import review_flow
    from threatnet.store.review_views import list_claims

    with common.one_line_errors():
        if status != "any":
            validate.status(status, "--status")
        store = common.open_store(db)
        claims = list_claims(store, status=None if status == "any" else status,
                             document=document, actor=actor)
        if not claims:
            common.out.print(f"no {'' if status == 'any' else status + ' '}claims to review",
                             highlight=False)
            return
        review_flow.run(store, claims, _reviewer(reviewer))


def _decide(db: str | None, action: str, target_id: int, mention: bool,
            reviewer: str | None, **options: Any) -> None:
    from threatnet.store import review as api

    with common.one_line_errors():
        item = api.decide(common.open_store(db), target_id, action, _reviewer(reviewer),
                          target="mention" if mention else "claim", **options)
    what = f"{item['subject']} -{item['predicate']}-> {item['object']} " \
           f"[{item['polarity']}, {item['modality']}, {item['source'] or '(author)'}]" \
        if item["target"] == "claim" else f"{item['text']!r} = {item['entity']}"
    common.out.print(f"{item['target']} {item['id']}: {item['status']} (version "
                  f"{item['version']}): {escape(what)}", highlight=False)


@review_app.command("accept")
def accept(id: int, db: DbOption = None, mention: MentionOption = False,
           reviewer: ReviewerOption = None, expect_version: VersionOption = None,
           note: NoteOption = None) -> None:
    """The claim (or mention) is right as shown."""
    _decide(db, "accept", id, mention, reviewer, expected_version=expect_version, note=note)


@review_app.command("reject")
def reject(id: int, db: DbOption = None, mention: MentionOption = False,
           reviewer: ReviewerOption = None, expect_version: VersionOption = None,
           note: NoteOption = None) -> None:
    """The claim (or mention) is wrong: it leaves facts and gold, and stays visible."""
    _decide(db, "reject", id, mention, reviewer, expected_version=expect_version, note=note)


@review_app.command("reset")
def reset(id: int, db: DbOption = None, mention: MentionOption = False,
          reviewer: ReviewerOption = None, expect_version: VersionOption = None,
          note: NoteOption = None) -> None:
    """Back to the machine's values, unreviewed (the history keeps every decision)."""
    _decide(db, "reset", id, mention, reviewer, expected_version=expect_version, note=note)


@review_app.command("correct")
def correct(
    id: int, db: DbOption = None, mention: MentionOption = False,
    subject: Annotated[str | None, typer.Option(help="Entity name, alias or id.")] = None,
    predicate: Annotated[str | None, typer.Option(help="A predicate (supports, "
                                                       "allied_with, …).")] = None,
    object: Annotated[str | None, typer.Option("--object", help="Entity name or id.")] = None,
    polarity: Annotated[str | None, typer.Option(help="affirmed or negated.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted … hypothetical.")] = None,
    source: Annotated[str | None, typer.Option(help='As written; "" for the author.')] = None,
    start: Annotated[str | None, typer.Option(help="When it began (YYYY[-MM[-DD]]).")] = None,
    end: Annotated[str | None, typer.Option(help="When it ended.")] = None,
    entity: Annotated[str | None, typer.Option(help="A mention's entity.")] = None,
    reviewer: ReviewerOption = None, expect_version: VersionOption = None,
    note: NoteOption = None,
) -> None:
    """Correct fields of a claim (or a mention's entity); the machine's values are kept."""
    given = {"subject": subject, "predicate": predicate, "object": object,
             "polarity": polarity, "modality": modality, "source": source, "start": start,
             "end": end, "entity": entity}
    changes = {k: v for k, v in given.items() if v is not None}
    _decide(db, "correct", id, mention, reviewer, changes=changes,
            expected_version=expect_version, note=note)


@review_app.command("history")
def history(
    db: DbOption = None,
    claim: Annotated[int | None, typer.Option(help="Only this claim.")] = None,
    mention: Annotated[int | None, typer.Option(help="Only this mention.")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    unattached: Annotated[bool, typer.Option(help="Only decisions re-extraction could not "
                                                  "re-attach.")] = False,
    format: FormatOption = "table",
) -> None:
    """Every decision, oldest first, with the machine's values (--format csv to audit)."""
    from threatnet.store.review_views import history as read

    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        target, target_id = ("claim", claim) if claim is not None else \
            ("mention", mention) if mention is not None else (None, None)
        rows = read(common.open_store(db), target=target, target_id=target_id,
                    document=document, unattached=unattached)
        common.emit(rows, format, HISTORY_COLUMNS, "Review decisions")


@review_app.command("mentions")
def mentions(db: DbOption = None,
             document: Annotated[str | None, typer.Option(help="Only this document.")] = None,
             status: Annotated[str | None, typer.Option(help="Only this review status.")]
             = None,
             format: FormatOption = "table") -> None:
    """Entity mentions with their review status (decide with `review accept ID --mention`)."""
    from threatnet.store.review_views import list_mentions

    with common.one_line_errors():
        common.check_format(format, ("table", "json", "csv"))
        validate.status(status, "--status")
        common.emit(list_mentions(common.open_store(db), status, document), format,
                    ["id", "status", "version", "text", "entity", "start", "end", "document"],
                    "Mentions")


@app.command()
def reextract(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Only documents extracted by this "
                                                   "extractor version or a later one.")] = None,
    document: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    pack: PackOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Re-extract stored documents with this extractor, keeping the analysts' decisions."""
    from threatnet.batch import reextract as run

    with common.one_line_errors():
        common.check_cluster(workers, scheduler)
        store = common.open_store(db)
        extractor = common.extractor(pack)
        cluster = common.make_cluster(extractor, workers, scheduler)
        with cluster or nullcontext(), common.progress("re-extracting") as tick:
            summary = run(store, extractor, since, document, progress=tick, cluster=cluster)
    common.report_failures(summary.failed)
    common.out.print(f"documents: {summary.reextracted} re-extracted, {summary.unchanged} "
                  f"unchanged, {len(summary.failed)} failed; decisions: {summary.reattached} "
                  f"re-attached, {len(summary.unattached)} could not be re-attached",
                  highlight=False)
    if summary.unattached:
        rows = [{**u, "machine": _machine_line(u["machine"]), "span": f"{u['span'][0]}-"
                                                                      f"{u['span'][1]}"}
                for u in summary.unattached]
        common.emit(rows, "table", ["document", "target", "status", "reviewer", "span", "machine"],
              "Kept but not re-attached (threatnet review history --unattached)")
    if summary.failed:
        raise typer.Exit(code=1)


def _machine_line(m: dict[str, Any]) -> str:
    if "predicate" in m:
        return f"{m.get('subject')} -{m.get('predicate')}-> {m.get('object')} " \
               f"[{m.get('polarity')}, {m.get('modality')}]"
    return f"{m.get('text')!r} = {m.get('entity')}"


@gold_app.command("export")
def gold_export(
    output_dir: Annotated[str, typer.Option("--output-dir", "-o", help="Folder to write.")],
    db: DbOption = None,
    document: Annotated[str | None, typer.Option(help="Only this document (reviewed or "
                                                      "not).")] = None,
) -> None:
    """Write reviewed documents as X.txt + X.gold.json, for `threatnet eval DIR`."""
    from threatnet.evaluate.gold import export_gold

    with common.one_line_errors():
        written = export_gold(common.open_store(db), output_dir, document)
    for _document_id, path in written:
        common.err.print(f"-> {path}", markup=False, highlight=False)
    common.out.print(f"{common.plural(len(written), 'reviewed document')} written to "
                     f"{output_dir}; score the extractor on them: threatnet eval {output_dir}",
                     highlight=False)
