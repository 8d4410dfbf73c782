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
    """Contradictions and changes among `claims` (those touching `actor_id` when given)."""
    if actor_id is not None:
        claims = [c for c in claims if actor_id in (c.subject_id, c.object_id)]
    pairs: list[tuple[str, ClaimView, ClaimView, str]] = []

    by_key: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in claims:
        by_key[c.key()].append(c)
    for group in by_key.values():
        yes = [c for c in group if c.affirmed]
        no = [c for c in group if not c.affirmed]
        pairs += [("same_fact", a, n, "affirmed by one source, negated by another")
                  for a in yes for n in no]

    holding: dict[int, list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.predicate in HOLDING:
            holding[c.subject_id].append(c)
    for group in holding.values():
        yes = [c for c in group if c.affirmed]
        no = [c for c in group if not c.affirmed]
        for a in yes:
            node = capability_node(entities[a.object_id])
            lineage = [node, *(pack.ancestors(node) if pack else [])]
            for n in no:
                if n.key() == a.key():
                    continue  # same_fact above
                negated = capability_node(entities[n.object_id])
                if negated in lineage:
                    rel = "the same node" if negated == node else "a broader node"
                    pairs.append(("taxonomy", a, n, f"{a.object} ({node}) is held, but "
                                  f"{n.object} ({negated}), {rel} of the capability taxonomy, "
                                  "is denied"))

    relations: dict[frozenset[int], list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.affirmed and c.predicate in HOSTILE | ALIGNED and c.subject_id != c.object_id:
            relations[frozenset((c.subject_id, c.object_id))].append(c)
    for group in relations.values():
        friendly = [c for c in group if c.predicate in ALIGNED]
        hostile = [c for c in group if c.predicate in HOSTILE]
        pairs += [("incompatible_relations", f, h,
                   f"{f.predicate} (alignment) vs {h.predicate} (opposition) between the "
                   "same actors") for f in friendly for h in hostile]

    return _gather(pairs)


def _gather(pairs: list[tuple[str, ClaimView, ClaimView, str]]) -> Report:
    groups: dict[tuple, tuple[str, dict[int, ClaimView], dict[int, ClaimView], str, bool]] = {}
    for kind, x, y, note in pairs:
        change = is_change(x, y)
        if not change and x.source_key == y.source_key:
            continue  # one source, not two that disagree
        if change:
            x, y = _order(x, y)
        key = (kind, change, x.key(), x.polarity, y.key(), y.polarity)
        if key not in groups:
            groups[key] = (kind, {}, {}, note, change)
        groups[key][1][x.id] = x
        groups[key][2][y.id] = y
    report = Report()
    for kind, xs, ys, note, change in groups.values():
        conflict = Conflict(kind, Side(list(xs.values())), Side(list(ys.values())), change, note)
        (report.changes if change else report.contradictions).append(conflict)
    report.contradictions.sort(key=lambda c: (-c.strength, -max(c.a.strength, c.b.strength)))
    report.changes.sort(key=lambda c: (c.b.claims[-1].published or "", -c.strength),
                        reverse=True)
    return report


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
