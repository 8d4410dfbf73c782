"""Pairs of claims that cannot both hold, and changes over time.

Three kinds of contradiction, each between claims of *different* sources:

- `same_fact`: one claim affirms subject —predicate→ object, another negates it.
- `taxonomy`: across the capability taxonomy of the actor pack. Possessing and
  using a capability (`possesses`, `uses`) are one holding relation here, as
  in the issue's example: a claim that X holds a capability contradicts a
  claim that X does not hold it *or any broader node above it* — "a child of
  a negated capability, or a negated parent of an affirmed child": BLA
  possesses armed drones vs. BLA has not used UAVs (armed_drone → drone).
  The reverse (drones affirmed, armed drones denied) is no contradiction.
  Capabilities the pack does not know are their own node, without parents.
- `incompatible_relations`: the same two actors (either direction) are said to
  be hostile (hostile_to, rival_of, fights, attacks, targets) and aligned
  (allied_with, supports, cooperates_with, affiliated_with), both affirmed,
  over overlapping times.

A pair is a **change**, not a contradiction, when the later one supersedes the
earlier in time: the claim of the later-published document starts (its
`time.start`) after the earlier claim's start (or, without one, after its
document's date), or the two claims' time spans do not overlap.

Claims of one pair of facts are gathered into one item with two *sides*;
items are ranked by the strength of their weaker side (the noisy-OR of its
claims' confidences over independent sources, see `grading`), strongest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from threatnet.analyse.claims import ClaimView, EntityView
from threatnet.analyse.grading import by_source, noisy_or
from threatnet.model import Modality
from threatnet.resolve.pack import ActorPack

HOLDING = {"possesses", "uses"}
HOSTILE = {"hostile_to", "rival_of", "fights", "attacks", "targets"}
ALIGNED = {"allied_with", "supports", "cooperates_with", "affiliated_with"}


@dataclass
class Side:
    claims: list[ClaimView]

    @property
    def strength(self) -> float:
        return noisy_or(self.claims)

    def to_dict(self) -> dict[str, Any]:
        first = self.claims[0]
        dates = sorted(c.published for c in self.claims if c.published)
        strongest = min((c.modality for c in self.claims), key=lambda m: Modality(m).rank)
        return {"fact": f"{first.subject} {'' if first.affirmed else 'NOT '}{first.predicate} "
                        f"{first.object}",
                "subject": first.subject, "predicate": first.predicate, "object": first.object,
                "polarity": first.polarity, "strength": round(self.strength, 3),
                "sources": sorted({c.source or "(author)" for c in self.claims}),
                "independent_sources": len(by_source(self.claims)),
                "strongest_modality": strongest,
                "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None,
                "claims": [{**c.to_dict(), "source": c.source or "(author)"}
                           for c in self.claims]}


@dataclass
class Conflict:
    kind: str  # same_fact | taxonomy | incompatible_relations
    a: Side
    b: Side
    change: bool = False
    note: str = ""

    @property
    def strength(self) -> float:
        return min(self.a.strength, self.b.strength)

    def to_dict(self) -> dict[str, Any]:
        a, b = self.a.to_dict(), self.b.to_dict()
        label = ("earlier", "later") if self.change else ("a", "b")
        return {"kind": self.kind, "strength": round(self.strength, 3), "note": self.note,
                label[0]: a, label[1]: b}


@dataclass
class Report:
    contradictions: list[Conflict] = field(default_factory=list)
    changes: list[Conflict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"contradictions": [c.to_dict() for c in self.contradictions],
                "changes": [c.to_dict() for c in self.changes]}


def _bound(value: str | None, end: bool) -> str | None:
    """A comparable date string; a bare year ends on 31 December."""
    if value and end and len(value) == 4:
        return f"{value}-12-31"
    if value and end and len(value) == 7:
        return f"{value}-31"
    return value


def _disjoint(x: ClaimView, y: ClaimView) -> bool:
    xs, xe = x.time_start, _bound(x.time_end, True)
    ys, ye = y.time_start, _bound(y.time_end, True)
    return bool((xe and ys and xe < ys) or (ye and xs and ye < xs))


def _order(x: ClaimView, y: ClaimView) -> tuple[ClaimView, ClaimView]:
    key = lambda c: (c.published or "", c.time_start or "", c.id)  # noqa: E731
    return (x, y) if key(x) <= key(y) else (y, x)


def is_change(x: ClaimView, y: ClaimView) -> bool:
    """The later of two claims supersedes the earlier in time (or their spans are disjoint)."""
    if _disjoint(x, y):
        return True
    earlier, later = _order(x, y)
    if not later.time_start or (later.published or "") <= (earlier.published or ""):
        return False
    reference = earlier.time_start or earlier.published
    return bool(reference and later.time_start > reference)


def capability_node(entity: EntityView) -> str:
    return entity.kind or (entity.pack_id if entity.type == "capability" and entity.pack_id
                           else f"entity:{entity.id}")


def find(claims: list[ClaimView], entities: dict[int, EntityView], pack: ActorPack | None,
         actor_id: int | None = None) -> Report:
    """Contradictions and changes among `claims` (those touching `actor_id` when given).

    Every pair of claims that cannot both hold is considered, but not one by one:
    see `_Gatherer`, which gives the same report as gathering each pair in turn.
    """
    if actor_id is not None:
        claims = [c for c in claims if actor_id in (c.subject_id, c.object_id)]
    gather = _Gatherer()

    by_key: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in claims:
        by_key[c.key()].append(c)
    for group in by_key.values():
        yes = [c for c in group if c.affirmed]
        no = [c for c in group if not c.affirmed]
        if yes and no:
            gather.block("same_fact", yes, lambda a, no=no: no,
                         lambda a, n: "affirmed by one source, negated by another")

    holding: dict[int, list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.predicate in HOLDING:
            holding[c.subject_id].append(c)
    for group in holding.values():
        yes = [c for c in group if c.affirmed]
        no = [c for c in group if not c.affirmed]
        if not (yes and no):
            continue
        nodes = {c.object_id: capability_node(entities[c.object_id]) for c in group}

        def denied(a: ClaimView, no: list[ClaimView] = no,
                   nodes: dict[int, str] = nodes) -> list[ClaimView]:
            node = nodes[a.object_id]
            lineage = [node, *(pack.ancestors(node) if pack else [])]
            return [n for n in no if n.key() != a.key() and nodes[n.object_id] in lineage]

        def note(a: ClaimView, n: ClaimView, nodes: dict[int, str] = nodes) -> str:
            node, negated = nodes[a.object_id], nodes[n.object_id]
            rel = "the same node" if negated == node else "a broader node"
            return (f"{a.object} ({node}) is held, but {n.object} ({negated}), {rel} of the "
                    "capability taxonomy, is denied")

        gather.block("taxonomy", yes, denied, note)

    relations: dict[frozenset[int], list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.affirmed and c.predicate in HOSTILE | ALIGNED and c.subject_id != c.object_id:
            relations[frozenset((c.subject_id, c.object_id))].append(c)
    for group in relations.values():
        friendly = [c for c in group if c.predicate in ALIGNED]
        hostile = [c for c in group if c.predicate in HOSTILE]
        if friendly and hostile:
            gather.block("incompatible_relations", friendly, lambda f, h=hostile: h,
                         lambda f, h: f"{f.predicate} (alignment) vs {h.predicate} "
                                      "(opposition) between the same actors")

    return gather.report()


def _timed(c: ClaimView) -> bool:
    return bool(c.time_start or c.time_end)


class _Gatherer:
    """Gathers pairs of claims into conflicts, one group per pair of facts.

    Each `block` stands for the pairs (x, y) for x in `xs` (in order) and y in
    `ys_for(x)` (in order), which the report gathers in that order: a pair
    of claims of one source that is no change is dropped; a change is put in
    time order; then the pair joins the group (kind, change, x's fact, y's fact),
    x and y its two sides (in order of first appearance).

    Two claims without a time of their own (no start or end) are never a change
    (`is_change`): such a pair only matters when their sources differ, and then
    only if it adds a claim to a side or a group to the report. So for the claims
    without a time the sides are filled once per source instead of once per
    pair, which makes the usual case linear; claims with a time are paired one by
    one, as before.
    """

    def __init__(self) -> None:
        self.groups: dict[tuple, tuple[str, dict[int, ClaimView], dict[int, ClaimView],
                                       str, bool]] = {}

    def pair(self, kind: str, x: ClaimView, y: ClaimView, note: str) -> None:
        change = (_timed(x) or _timed(y)) and is_change(x, y)
        if not change and x.source_key == y.source_key:
            return  # one source, not two that disagree
        if change:
            x, y = _order(x, y)
        key = (kind, change, x.key(), x.polarity, y.key(), y.polarity)
        if key not in self.groups:
            self.groups[key] = (kind, {}, {}, note, change)
        self.groups[key][1][x.id] = x
        self.groups[key][2][y.id] = y

    def block(self, kind: str, xs: list[ClaimView], ys_for, note_for) -> None:
        families: dict[tuple, _Family] = {}
        for x in xs:
            family_key = (x.key(), x.polarity)
            family = families.get(family_key)
            if family is None:
                family = families[family_key] = _Family(ys_for(x))
            if _timed(x):
                for _, y in family.ys:
                    self.pair(kind, x, y, note_for(x, y))
                continue
            # untimed x: the untimed ys of other sources not yet paired, and every timed y
            todo = [iy for sk, items in family.pending.items() if sk != x.source_key
                    for iy in items] + family.timed
            todo.sort(key=lambda iy: iy[0])
            family.pending = {x.source_key: family.pending[x.source_key]} \
                if x.source_key in family.pending else {}
            for _, y in todo:
                self.pair(kind, x, y, note_for(x, y))
            # x belongs to each group where an untimed y of another source is
            for (y_key, y_polarity), sources in family.untimed_sources.items():
                if sources - {x.source_key}:
                    group = self.groups[(kind, False, x.key(), x.polarity, y_key, y_polarity)]
                    group[1][x.id] = x

    def report(self) -> Report:
        report = Report()
        for kind, xs, ys, note, change in self.groups.values():
            conflict = Conflict(kind, Side(list(xs.values())), Side(list(ys.values())),
                                change, note)
            (report.changes if change else report.contradictions).append(conflict)
        report.contradictions.sort(key=lambda c: (-c.strength,
                                                  -max(c.a.strength, c.b.strength)))
        report.changes.sort(key=lambda c: (c.b.claims[-1].published or "", -c.strength),
                            reverse=True)
        return report


class _Family:
    """The ys of the xs of one fact: those not paired yet (untimed, by source), timed ones."""

    def __init__(self, ys: list[ClaimView]) -> None:
        self.ys = list(enumerate(ys))
        self.pending: dict[str, list[tuple[int, ClaimView]]] = defaultdict(list)
        self.timed: list[tuple[int, ClaimView]] = []
        self.untimed_sources: dict[tuple, set[str]] = defaultdict(set)
        for i, y in self.ys:
            if _timed(y):
                self.timed.append((i, y))
            else:
                self.pending[y.source_key].append((i, y))
                self.untimed_sources[(y.key(), y.polarity)].add(y.source_key)


def opposing(report: Report) -> dict[tuple[int, str, int], list[ClaimView]]:
    """For each affirmed fact, the claims of other facts that contradict it (for grading)."""
    out: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for conflict in report.contradictions:
        if conflict.kind == "same_fact":
            continue
        for side, other in ((conflict.a, conflict.b), (conflict.b, conflict.a)):
            if side.claims[0].affirmed:
                out[side.claims[0].key()].extend(other.claims)
    return out
