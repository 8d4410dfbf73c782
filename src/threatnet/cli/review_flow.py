"""The terminal review flow of `threatnet review`: one claim at a time, one key per decision.

Each claim is shown with its sentence highlighted in the surrounding text,
its subject and object marked, and its fields (with the machine's values
beside any correction). Keys: a accept, r reject, c correct (then
`field=value` lines), s skip, h history, q quit. Each decision is committed
at once; an error (a bad value, another reviewer's decision in between) is
one red line, and the claim is shown again as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from threatnet.cli import common
from threatnet.errors import InvalidInput, ThreatnetError
from threatnet.store import Store
from threatnet.store import review as api
from threatnet.store.review import CLAIM_FIELDS, check_value
from threatnet.store.schema import DocumentRow, MentionRow

KEYS = "[bold]a[/bold]ccept  [bold]r[/bold]eject  [bold]c[/bold]orrect  [bold]s[/bold]kip  " \
       "[bold]h[/bold]istory  [bold]q[/bold]uit"
CONTEXT = 240  # characters of the document shown either side of the sentence


@dataclass
class Tally:
    decided: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def line(self, left: int) -> str:
        done = ", ".join(f"{n} {status}" for status, n in sorted(self.decided.items()))
        return f"reviewed: {done or 'nothing'}; skipped {self.skipped}; {left} not seen"


def run(store: Store, claims: list[dict[str, Any]], reviewer: str) -> Tally:
    """Review `claims` in order; returns what was decided."""
    tally = Tally()
    texts: dict[str, str] = {}
    for n, claim in enumerate(claims, 1):
        outcome = _one(store, claim, reviewer, f"{n}/{len(claims)}", texts)
        if outcome == "quit":
            common.out.print(tally.line(len(claims) - n + 1), highlight=False)
            return tally
        if outcome == "skip":
            tally.skipped += 1
        else:
            tally.decided[outcome] = tally.decided.get(outcome, 0) + 1
    common.out.print(tally.line(0), highlight=False)
    return tally


def _one(store: Store, claim: dict[str, Any], reviewer: str, position: str,
         texts: dict[str, str]) -> str:
    _show(store, claim, position, texts)
    while True:
        common.out.print(KEYS)
        key = typer.getchar().lower()
        if key in ("q", "\x03", "\x04", ""):
            return "quit"
        if key in ("s", "n", " "):
            return "skip"
        if key == "h":
            _history(store, claim["id"])
            continue
        if key not in ("a", "r", "c"):
            common.err.print(f"[red]error[/red]: {escape(repr(key))} is no key here: a, r, c, s, "
                          "h or q", highlight=False)
            continue
        try:
            if key == "c":
                changes = _ask_changes()
                if not changes:
                    continue
                claim = api.correct(store, claim["id"], reviewer, changes,
                                    expected_version=claim["version"])
            else:
                action = api.accept if key == "a" else api.reject
                claim = action(store, claim["id"], reviewer, expected_version=claim["version"])
        except ThreatnetError as exc:
            common.err.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False)
            try:
                claim = api.item(store, claim["id"])  # show it as it is now
            except ThreatnetError:
                return "skip"  # gone (re-extracted meanwhile): nothing to decide on
            _show(store, claim, position, texts)
            continue
        common.out.print(f"claim {claim['id']}: [bold]{claim['status']}[/bold] "
                      f"(version {claim['version']})", highlight=False)
        return claim["status"]


def _ask_changes() -> dict[str, str]:
    """`field=value` lines, each checked as it is typed (entities by the store later)."""
    fields = ", ".join(CLAIM_FIELDS)
    common.out.print(f"correct: one [bold]field=value[/bold] a line ({fields}; source= for the "
                  "author's own voice); an empty line ends", highlight=False)
    changes: dict[str, str] = {}
    while True:
        line = typer.prompt("", default="", show_default=False, prompt_suffix="> ").strip()
        if not line:
            return changes
        name, sep, value = (part.strip() for part in line.partition("="))
        try:
            if not sep:
                raise InvalidInput(line, f"write field=value, field one of {fields}")
            check_value("claim", name, value)
        except ThreatnetError as exc:
            common.err.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False)
            continue
        changes[name] = value


def _show(store: Store, claim: dict[str, Any], position: str, texts: dict[str, str]) -> None:
    text = _document_text(store, claim["document"], texts)
    start, end = claim["evidence"]["start"], claim["evidence"]["end"]
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    shown = Text(("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else ""),
                 style="dim")
    offset = 1 if lo else 0
    shown.stylize("not dim bold", start - lo + offset, end - lo + offset)
    for m_start, m_end, role in _mentions(store, claim, start, end):
        style = "black on yellow" if role == "subject" else "black on cyan"
        shown.stylize(style, m_start - lo + offset, m_end - lo + offset)
    title = (f"claim {claim['id']} · {position} · {claim['status']} "
             f"(version {claim['version']})")
    common.out.print(Panel(shown, title=escape(title), title_align="left",
                        subtitle="[black on yellow]subject[/] [black on cyan]object[/]",
                        subtitle_align="right"))
    table = Table("field", "value", "machine", show_header=False, box=None)
    machine = claim.get("machine") or {}
    values = {"subject": claim["subject"], "predicate": claim["predicate"],
              "object": claim["object"], "polarity": claim["polarity"],
              "modality": claim["modality"], "source": claim["source"] or "(author)",
              "start": claim["time"]["start"], "end": claim["time"]["end"],
              "confidence": claim["confidence"]}
    for name, value in values.items():
        before = machine.get(name if name not in ("start", "end") else f"time_{name}")
        if name == "source":
            before = before or "(author)"
        changed = bool(machine) and name != "confidence" and before != value
        table.add_row(name, f"[bold]{escape(str(value))}[/bold]" if changed
                      else escape(str(value if value is not None else "")),
                      f"[dim]machine: {escape(str(before))}[/dim]" if changed else "")
    common.out.print(table)


def _document_text(store: Store, document_id: str, texts: dict[str, str]) -> str:
    if document_id not in texts:
        with store.session() as s:
            texts[document_id] = s.get(DocumentRow, document_id).text
    return texts[document_id]


def _mentions(store: Store, claim: dict[str, Any], start: int,
              end: int) -> list[tuple[int, int, str]]:
    """The spans in the sentence that name the claim's subject and object."""
    from sqlalchemy import select

    roles = {claim["subject_id"]: "subject", claim["object_id"]: "object"}
    with store.session() as s:
        rows = s.execute(select(MentionRow.start, MentionRow.end, MentionRow.entity_id).where(
            MentionRow.document_id == claim["document"], MentionRow.start >= start,
            MentionRow.end <= end, MentionRow.entity_id.in_(list(roles)))).all()
    return [(a, b, roles[e]) for a, b, e in rows]


def _history(store: Store, claim_id: int) -> None:
    from threatnet.store.review_views import history

    rows = history(store, target="claim", target_id=claim_id)
    table = Table("at", "reviewer", "action", "status", "version", "correction",
                  title=f"history of claim {claim_id}", title_justify="left")
    for r in rows:
        table.add_row(r["at"], escape(r["reviewer"]), r["action"], r["status"],
                      str(r["version"]), escape(str(r["correction"] or "")))
    common.out.print(table if rows else "no decisions yet")
