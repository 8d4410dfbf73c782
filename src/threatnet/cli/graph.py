"""The graph commands of the CLI: path, network and infer.

Read-only (no store is created). Every command takes `--as-of DATE`: only claims of
documents published up to that date count. `path` finds chains whichever way the facts
point (each hop says which way), `--directed` only along them. Inferences are printed
apart from facts and labelled as such.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from threatnet import validate
from threatnet.cli import common
from threatnet.cli.common import AsOfOption, DbOption, MinConfidence
from threatnet.errors import ThreatnetError

app = typer.Typer()
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or json.")]
ARROWS = {"forward": "—{}→", "backward": "←{}—", "symmetric": "—{}—"}  # a hop's fact


def _check(format: str, **dates: str | None) -> None:
    common.check_format(format, ("table", "json"))
    for name, value in dates.items():
        validate.date(value, f"--{name.replace('_', '-')}")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="Actor the chain starts from (name/alias/id).")],
    target: Annotated[str, typer.Argument(help="Actor the chain ends at.")],
    class_: Annotated[list[str] | None, typer.Option(
        "--class", help="Only these predicate classes (comma-separated or repeated): "
                        "alignment, opposition, structure, capability, …")] = None,
    predicate: Annotated[list[str] | None, typer.Option(
        "--predicate", help="Only these predicates (e.g. supplies).")] = None,
    min_confidence: MinConfidence = 0.0,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8)] = 4,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many paths.")] = 5,
    directed: Annotated[bool, typer.Option(
        "--directed", help="Follow each fact from its subject to its object only (what "
                           "flows from the first actor to the last).")] = False,
    as_of: AsOfOption = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Chains of facts linking two actors, best-supported first, each hop with its evidence.

    A chain may follow a fact either way; each hop shows which way it points (→ along
    the chain, ← against it, — symmetric). --directed: only along the facts."""
    from threatnet.analyse.paths import find_paths, path_dict

    with common.one_line_errors():
        _check(format, as_of=as_of)
        store = common.open_store(db)
        a, b = store.entity(source), store.entity(target)
        with store.session() as s:
            found = find_paths(s, a.id, b.id, classes=_split(class_),
                               predicates=_split(predicate), min_confidence=min_confidence,
                               max_hops=max_hops, k=k, as_of=as_of, directed=directed)
            rows = [path_dict(s, p) for p in found]
    if format == "json":
        common.print_json({"from": a.name, "to": b.name, "as_of": as_of, "directed": directed,
                           "paths": rows})
        return
    if not rows:
        common.out.print(f"No chain of facts links {escape(a.name)} to {escape(b.name)} within "
                         f"{common.plural(max_hops, 'hop')}"
                         + (" following the facts' direction" if directed else "")
                         + (f" as of {as_of}" if as_of else "") + ".", highlight=False)
        return
    for i, row in enumerate(rows, 1):
        table = Table("hop", "from", "fact", "to", "conf.", "support", "evidence",
                      title=f"Path {i}: {escape(row['chain'])}  (confidence "
                            f"{row['confidence']})", title_justify="left")
        for n, hop in enumerate(row["hops"], 1):
            fact = hop["fact"]
            sentences = "\n".join(f"“{e['text'].strip()}” — {e['source']}, {e['modality']}, "
                                  f"{e['published'] or 'undated'}"
                                  for e in fact.get("evidence", []))
            item = f" ({'; '.join(fact['items'])})" if fact.get("items") else ""
            arrow = ARROWS[hop["direction"]].format(hop["predicate"] + item)
            table.add_row(str(n), escape(hop["from"]), escape(arrow),
                          escape(hop["to"]), f"{fact['confidence']:.2f}",
                          f"{common.plural(fact['claims_for'], 'claim')}, "
                          f"{common.plural(fact['sources_for'], 'source')}",
                          escape(sentences))
        common.out.print(table)


@app.command()
def network(
    as_of: AsOfOption = None,
    since: Annotated[str | None, typer.Option(
        help="Also show the facts added and removed between this date and --until.")] = None,
    until: Annotated[str | None, typer.Option(
        help="The later date of the change (default: --as-of, or everything).")] = None,
    min_confidence: MinConfidence = 0.0,
    top: Annotated[int, typer.Option(help="Actors shown in the table.")] = 25,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """The actor network: centrality (brokers), communities, and its change between dates."""
    from threatnet.analyse.network import network as run

    with common.one_line_errors():
        _check(format, as_of=as_of, since=since, until=until)
        if until and as_of and until != as_of:
            raise ThreatnetError("give either --until or --as-of for the later date, not both")
        validate.date_order(since, until or as_of, ("--since", "--until" if until else
                                                    "--as-of"))
        with common.open_store(db).session() as s:
            data = run(s, as_of=as_of, since=since, until=until, min_confidence=min_confidence)
    if format == "json":
        common.print_json(data)
        return
    when = f" as of {data['as_of']}" if data["as_of"] else ""
    actors = Table("actor", "type", "degree", "betweenness", "community",
                   title=f"Actors{when} ({len(data['actors'])}; "
                         f"{common.plural(data['links'], 'link')}, "
                         f"{common.plural(data['facts'], 'fact')}; brokers first)",
                   title_justify="left")
    for a in data["actors"][:top]:
        actors.add_row(escape(a["actor"]), a["type"] or "", str(a["degree"]),
                       f"{a['betweenness']:.3f}", str(a["community"] or ""))
    common.out.print(actors)
    groups = Table("community", "size", "actors", title="Communities (Louvain)",
                   title_justify="left")
    for c in data["communities"]:
        groups.add_row(str(c["community"]), str(c["size"]), escape(", ".join(c["actors"])))
    common.out.print(groups)
    if "change" in data:
        ch = data["change"]
        table = Table("change", "subject", "predicate", "object", "conf.", "first seen",
                      title=f"Change {ch['since']} → {ch['until'] or 'now'}",
                      title_justify="left")
        for label, rows in (("added", ch["added"]), ("removed", ch["removed"])):
            for r in rows:
                table.add_row(label, escape(r["subject"]), r["predicate"], escape(r["object"]),
                              f"{r['confidence']:.2f}", r["first_seen"] or "")
        common.out.print(table)


@app.command()
def infer(
    actor: Annotated[str | None, typer.Argument(help="Only proposals about this actor.")] = None,
    include_known: Annotated[bool, typer.Option(
        "--include-known", help="Also propose relations between actors a fact already "
                                "links (shown with those facts).")] = False,
    min_confidence: MinConfidence = 0.0,
    as_of: AsOfOption = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """PROPOSE relations the facts suggest (inferences, never facts), with what they rest on."""
    from threatnet.analyse.inference import load_inferences

    with common.one_line_errors():
        _check(format, as_of=as_of)
        store = common.open_store(db)
        actor_id = store.entity(actor).id if actor else None
        with store.session() as s:
            found = load_inferences(s, as_of=as_of, actor=actor_id,
                                    include_known=include_known,
                                    min_confidence=min_confidence)
            rows = [i.to_dict(s) for i in found]
    if format == "json":
        common.print_json({"as_of": as_of, "inferences": rows})
        return
    table = Table("label", "rule", "proposed relation", "conf.", "rests on (facts)", "why",
                  title=f"Inferences — proposals, not facts ({len(rows)})",
                  title_justify="left")
    for r in rows:
        basis = "\n".join(f"{f['subject']} —{f['predicate']}→ {f['object']} "
                          f"({f['confidence']:.2f}; {', '.join(f['sources'])})"
                          for f in r["rests_on"])
        known = r.get("already_linked_by")
        if known:
            basis += "\nalready linked: " + "; ".join(
                f"{f['subject']} —{f['predicate']}→ {f['object']}" for f in known)
        item = f" ({'; '.join(r['items'])})" if r.get("items") else ""
        table.add_row("[yellow]inference[/yellow]", r["rule"],
                      escape(f"{r['subject']} —{r['predicate']}?→ {r['object']}{item}"),
                      f"{r['confidence']:.2f}", escape(basis), escape(r["explanation"]))
    common.out.print(table)
