"""The analysis commands of the CLI: actor (profile) and contradictions.

Read-only (no store is created). Every command takes `--as-of DATE`: only claims of
documents published up to that date count.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from threatnet import validate
from threatnet.cli import common, incidents
from threatnet.cli.common import AsOfOption, DbOption

app = typer.Typer()
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or md.")]


def _check(format: str, as_of: str | None) -> None:
    common.check_format(format, ("table", "json", "md"))
    validate.date(as_of, "--as-of")


def _pack():
    from threatnet.resolve.pack import load_actor_pack

    return load_actor_pack()


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="Name, alias or id of an actor.")],
    evidence: Annotated[bool, typer.Option(help="Show each fact's evidence sentences.")] = False,
    explain: Annotated[bool, typer.Option(help="Explain each fact's grade.")] = False,
    limit: Annotated[int, typer.Option(
        min=0, help="At most this many facts per class, the best first (0: all).")] = 25,
    as_of: AsOfOption = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Profile of an actor: relations by class with support and grades, capabilities, timeline."""
    from threatnet.analyse import profile

    with common.one_line_errors():
        _check(format, as_of)
        store = common.open_store(db)
        row = store.entity(name)
        with store.session() as s:
            data = profile.build(s, row.id, _pack(), as_of=as_of, evidence=evidence,
                                 explain=explain, limit=limit or None)
    if format == "json":
        common.print_json(data)
    elif format == "md":
        sys.stdout.write(profile_markdown(data, evidence, explain))
    else:
        _profile_table(data, evidence, explain)


def _support(f: dict[str, Any]) -> str:
    return (f"{f['claims_for']}+ / {f['claims_against']}−, {f['independent_sources']} src, "
            f"{f['strongest_for'] or '-'} / {f['strongest_against'] or '-'}")


def _fact_line(f: dict[str, Any]) -> str:
    neg = "NOT " if f["stance"] == "negated" else ""
    return f"{f['subject']} {neg}{f['predicate']} {f['object']}"


def _header(data: dict[str, Any]) -> list[str]:
    a = data["actor"]
    lines = [f"type: {a['type']}"]
    if a["aliases"]:
        lines.append(f"aliases: {', '.join(a['aliases'])}")
    for key, label in (("parents", "parent"), ("factions", "factions"),
                       ("leaders", "leaders")):
        items = data[key]
        if items:
            lines.append(f"{label}: " + "; ".join(
                f"{i['name']} ({i.get('relation') or i.get('role')}"
                f"{', ' + i['grade'] if i.get('grade') else ''})" for i in items))
    lines.append(f"claims: {data['claims']}; contradictions: {data['contradictions']}; "
                 f"changes: {data['changes']}" + (f"; as of {data['as_of']}"
                                                  if data["as_of"] else ""))
    return lines


def _profile_table(data: dict[str, Any], evidence: bool, explain: bool) -> None:
    out = common.out
    out.rule(escape(data["actor"]["name"]))
    for line in _header(data):
        out.print(escape(line), highlight=False)
    for cls, facts in data["facts"].items():
        table = Table("fact", "grade", "score", "support (for/against, sources, modality)",
                      "sources", "seen", title=f"{cls} ({_shown(data, cls, facts)})",
                      title_justify="left")
        for f in facts:
            sources = "; ".join(f["sources_for"] + [f"against: {s}"
                                                    for s in f["sources_against"]])
            table.add_row(escape(_fact_line(f)), f["grade"]["code"], f"{f['score']:.2f}",
                          escape(_support(f)), escape(sources),
                          escape(f"{f['first_seen'] or '?'} – {f['last_seen'] or '?'}"))
            if explain:
                table.add_row(f"  [dim]{escape(f['grade']['explanation'])}[/dim]",
                              "", "", "", "", "")
            for e in f.get("evidence", []) if evidence else []:
                table.add_row(f"  [dim]“{escape(e['text'].strip())}” — {escape(e['source'])}, "
                              f"{e['modality']}, {e['published'] or '?'}[/dim]",
                              "", "", "", "", "")
        out.print(table)
    if data["capabilities"]:
        tree = Tree("capabilities")

        def add(branch: Tree, node: dict[str, Any]) -> None:
            held = ", ".join(f"{'NOT ' if h['stance'] == 'negated' else ''}{h['predicate']} "
                             f"{h['object']} [{h['grade']}]" for h in node["facts"])
            child = branch.add(escape(node["name"] + (f": {held}" if held else "")))
            for sub in node["children"]:
                add(child, sub)

        for node in data["capabilities"]:
            add(tree, node)
        out.print(tree)
    if data["timeline"]:
        table = Table("month", "claims", title="timeline", title_justify="left")
        for month, n in data["timeline"].items():
            table.add_row(month, str(n))
        out.print(table)
    incidents.profile_section(data)


def _shown(data: dict[str, Any], cls: str, facts: list[Any]) -> str:
    total = data.get("facts_total", {}).get(cls, len(facts))
    return f"{len(facts)}" if total == len(facts) else f"the best {len(facts)} of {total}"


def profile_markdown(data: dict[str, Any], evidence: bool = False,
                     explain: bool = False) -> str:
    lines = [f"# {data['actor']['name']}", ""]
    lines += [f"- {line}" for line in _header(data)]
    for cls, facts in data["facts"].items():
        lines += ["", f"## {cls.capitalize()} ({_shown(data, cls, facts)})", "",
                  "| fact | grade | score | support | sources | seen |",
                  "|---|---|---|---|---|---|"]
        for f in facts:
            sources = "; ".join(f["sources_for"] + [f"against: {s}"
                                                    for s in f["sources_against"]])
            lines.append(f"| {_md(_fact_line(f))} | {f['grade']['code']} | {f['score']:.2f} | "
                         f"{_md(_support(f))} | {_md(sources)} | "
                         f"{f['first_seen'] or '?'} – {f['last_seen'] or '?'} |")
        extra = [f for f in facts if explain or (evidence and f.get("evidence"))]
        for f in extra:
            lines += ["", f"**{_md(_fact_line(f))}**"]
            if explain:
                lines.append(f"- grade: {f['grade']['explanation']}")
            for e in f.get("evidence", []) if evidence else []:
                lines.append(f"- > {e['text'].strip()} — *{e['source']}*, {e['modality']}, "
                             f"{e['published'] or '?'}")
    if data["capabilities"]:
        lines += ["", "## Capabilities", ""]

        def walk(node: dict[str, Any], depth: int) -> None:
            held = ", ".join(f"{'NOT ' if h['stance'] == 'negated' else ''}{h['predicate']} "
                             f"{h['object']} ({h['grade']})" for h in node["facts"])
            lines.append(f"{'  ' * depth}- {node['name']}" + (f": {held}" if held else ""))
            for sub in node["children"]:
                walk(sub, depth + 1)

        for node in data["capabilities"]:
            walk(node, 0)
    if data["timeline"]:
        lines += ["", "## Timeline", "", "| month | claims |", "|---|---|"]
        lines += [f"| {m} | {n} |" for m, n in data["timeline"].items()]
    return "\n".join(lines) + "\n" + incidents.profile_section_markdown(data)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@app.command("contradictions")
def contradictions_(
    actor: Annotated[str | None, typer.Argument(help="Only those involving this actor.")] = None,
    as_of: AsOfOption = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Claims that cannot both hold, strongest first; and changes over time."""
    from threatnet.analyse import contradictions
    from threatnet.analyse.claims import entities, load_claims

    with common.one_line_errors():
        _check(format, as_of)
        store = common.open_store(db)
        actor_id = store.entity(actor).id if actor else None
        with store.session() as s:
            claims = load_claims(s, as_of, entity_ids=[actor_id] if actor_id else None)
            report = contradictions.find(claims, entities(s), _pack(), actor_id)
    data = report.to_dict()
    if format == "json":
        common.print_json(data)
        return
    if format == "md":
        sys.stdout.write(_conflicts_md(data))
        return
    for title, items, labels in (("Contradictions", data["contradictions"], ("a", "b")),
                                 ("Changes", data["changes"], ("earlier", "later"))):
        table = Table("kind", "strength", labels[0], "sources / modality / date", labels[1],
                      "sources / modality / date", title=f"{title} ({len(items)})",
                      title_justify="left")
        for item in items:
            x, y = item[labels[0]], item[labels[1]]
            table.add_row(item["kind"], f"{item['strength']:.2f}", escape(x["fact"]),
                          escape(_side(x)), escape(y["fact"]), escape(_side(y)))
        common.out.print(table)


def _side(side: dict[str, Any]) -> str:
    return "; ".join(f"{c['source']} ({c['modality']}, {c['published'] or '?'})"
                     for c in side["claims"])


def _conflicts_md(data: dict[str, Any]) -> str:
    lines: list[str] = []
    for title, items, labels in (("Contradictions", data["contradictions"], ("a", "b")),
                                 ("Changes", data["changes"], ("earlier", "later"))):
        lines += [f"## {title} ({len(items)})", ""]
        for item in items:
            x, y = item[labels[0]], item[labels[1]]
            lines.append(f"- **{_md(x['fact'])}** vs **{_md(y['fact'])}** "
                         f"({item['kind']}, strength {item['strength']:.2f})")
            for side in (x, y):
                for c in side["claims"]:
                    lines.append(f"  - {c['source']}, {c['modality']}, "
                                 f"{c['published'] or '?'}: > {_md(c['evidence']['text'].strip())}")
        lines.append("")
    return "\n".join(lines)
