"""Relations the facts suggest but no source states: `threatnet infer`.

An `Inference` is a proposal, never a fact: it is labelled "inference", names
the rule that made it and the facts it rests on, and is never written to the
store or mixed into the facts of the graph. Three rules:

* **shared adversary** (structural balance, "the enemy of my enemy"): two
  armed groups that are both hostile to, fight, target or attack the same
  adversary → possibly `cooperates_with` each other — unless a fact already
  links the two (alignment, opposition or structure: then the proposal would
  repeat or contradict what sources say; `include_known` shows it anyway,
  with those facts).
* **supply chain**: X supplies Y and Y supplies Z → X possibly supplies Z
  (with the items the hops carried), unless X supplies Z is already a fact.
* **inherited from the parent**: an armed group that is `part_of` or
  `member_of` a parent group inherits the parent's `hostile_to` / `targets`
  (/ `attacks`, `fights`) relations, unless it already has that relation.

Confidence of an inference = the product of the confidences of the facts it
rests on times a discount for the rule (`DISCOUNT`); several grounds for the
same proposal (two shared adversaries) combine by noisy-OR.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from threatnet.analyse.claims import entities
from threatnet.analyse.graph import Fact, evidence, load_facts

ADVERSARIAL = ("hostile_to", "fights", "targets", "attacks")
INHERITED = ("hostile_to", "targets", "attacks", "fights")
LINKING_CLASSES = ("alignment", "opposition", "structure")
PARENT_LINKS = ("part_of", "member_of")
DISCOUNT = {"shared_adversary": 0.5, "supply_chain": 0.6, "inherited_from_parent": 0.7}
EXPLAIN = {
    "shared_adversary": "{a} and {b} are both opposed to {via}: a shared adversary suggests "
                        "they may cooperate (structural balance); no source says so",
    "supply_chain": "{a} supplies {via}, which supplies {b}: {a}'s supplies may reach {b}",
    "inherited_from_parent": "{a} is {link} {via}, which {predicate} {b}: a unit may share "
                             "its parent's hostility",
}
WORDS = {"hostile_to": "is hostile to", "targets": "targets", "attacks": "attacks",
         "fights": "fights", "part_of": "part of", "member_of": "a member of"}
SHARED_ADVERSARY_TYPES = frozenset({"armed_group"})  # cooperation between militant groups


@dataclass
class Inference:
    """A proposed relation with the facts it rests on; never a fact itself."""

    rule: str
    subject_id: int
    subject: str
    predicate: str
    object_id: int
    object: str
    grounds: list[list[Fact]] = field(default_factory=list)  # each: the facts of one ground
    via: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    known: list[Fact] = field(default_factory=list)  # facts already linking the two

    label = "inference"

    @property
    def confidence(self) -> float:
        p = 1.0
        for ground in self.grounds:
            p *= 1 - DISCOUNT[self.rule] * math.prod(f.confidence for f in ground)
        return round(1 - p, 3)

    @property
    def basis(self) -> list[Fact]:
        seen: dict[tuple, Fact] = {}
        for ground in self.grounds:
            for f in ground:
                seen.setdefault(f.key, f)
        return list(seen.values())

    def explanation(self) -> str:
        first = self.grounds[0]
        return EXPLAIN[self.rule].format(
            a=self.subject, b=self.object, via=", ".join(self.via),
            link=WORDS.get(first[0].predicate, first[0].predicate),
            predicate=WORDS.get(first[-1].predicate, first[-1].predicate))

    def to_dict(self, session: Session | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label, "rule": self.rule, "subject": self.subject,
            "predicate": self.predicate, "object": self.object,
            "confidence": self.confidence, "via": list(self.via),
            "explanation": self.explanation(),
            "rests_on": [f.to_dict(evidence(session, f) if session is not None else None)
                         for f in self.basis]}
        if self.items:
            out["items"] = list(self.items)
        if self.known:
            out["already_linked_by"] = [f.to_dict() for f in self.known]
        return out


def infer(facts: Iterable[Fact], types: dict[int, str] | None = None,
          actor: int | None = None, include_known: bool = False) -> list[Inference]:
    """Every proposal the rules make over these facts (about `actor` when given)."""
    facts = list(facts)
    types = types or {}
    linked: dict[frozenset[int], list[Fact]] = defaultdict(list)
    for f in facts:
        if f.predicate_class in LINKING_CLASSES:
            linked[frozenset((f.subject_id, f.object_id))].append(f)
    out: dict[tuple[str, int, str, int], Inference] = {}
    _shared_adversary(facts, types, linked, out, include_known)
    _supply_chain(facts, out)
    _inherited(facts, types, out)
    found = [i for i in out.values()
             if actor is None or actor in (i.subject_id, i.object_id)]
    return sorted(found, key=lambda i: (-i.confidence, i.rule, i.subject, i.object))


def _propose(out: dict, rule: str, a: tuple[int, str], predicate: str, b: tuple[int, str],
             ground: list[Fact], via: str) -> Inference:
    key = (rule, a[0], predicate, b[0])
    inference = out.get(key)
    if inference is None:
        inference = out[key] = Inference(rule, a[0], a[1], predicate, b[0], b[1])
    inference.grounds.append(ground)
    if via not in inference.via:
        inference.via.append(via)
    return inference


def _adversaries(facts: list[Fact]) -> dict[int, list[tuple[int, str, Fact]]]:
    """adversary id -> (actor id, actor name, the fact) for each actor opposed to it."""
    against: dict[int, list[tuple[int, str, Fact]]] = defaultdict(list)
    for f in facts:
        if f.predicate not in ADVERSARIAL:
            continue
        against[f.object_id].append((f.subject_id, f.subject, f))
        if f.symmetric:
            against[f.subject_id].append((f.object_id, f.object, f))
    return against


def _shared_adversary(facts: list[Fact], types: dict[int, str], linked: dict, out: dict,
                      include_known: bool) -> None:
    names = {}
    for f in facts:
        names[f.subject_id], names[f.object_id] = f.subject, f.object
    for adversary, opponents in _adversaries(facts).items():
        best: dict[int, Fact] = {}
        for actor, _name, f in opponents:
            if actor == adversary or (types and types.get(actor) not in SHARED_ADVERSARY_TYPES):
                continue
            if actor not in best or f.confidence > best[actor].confidence:
                best[actor] = f
        ids = sorted(best, key=lambda i: names[i])
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                known = linked.get(frozenset((a, b)), [])
                if known and not include_known:
                    continue
                inference = _propose(out, "shared_adversary", (a, names[a]), "cooperates_with",
                                     (b, names[b]), [best[a], best[b]], names[adversary])
                inference.known = list(known)


def _supply_chain(facts: list[Fact], out: dict) -> None:
    supplies = [f for f in facts if f.predicate == "supplies"]
    direct = {(f.subject_id, f.object_id) for f in supplies}
    onward: dict[int, list[Fact]] = defaultdict(list)
    for f in supplies:
        onward[f.subject_id].append(f)
    for first in supplies:
        for second in onward.get(first.object_id, []):
            x, z = first.subject_id, second.object_id
            if x == z or (x, z) in direct:
                continue
            inference = _propose(out, "supply_chain", (x, first.subject), "supplies",
                                 (z, second.object), [first, second], first.object)
            for item in [*first.items, *second.items]:
                if item not in inference.items:
                    inference.items.append(item)


def _inherited(facts: list[Fact], types: dict[int, str], out: dict) -> None:
    by_subject: dict[int, list[Fact]] = defaultdict(list)
    existing = set()
    for f in facts:
        existing.add(f.key)
        if f.predicate in INHERITED:
            by_subject[f.subject_id].append(f)
            if f.symmetric:
                by_subject[f.object_id].append(f)
    for link in facts:
        if link.predicate not in PARENT_LINKS:
            continue
        unit, parent = link.subject_id, link.object_id
        if types and (types.get(unit) != "armed_group" or types.get(parent) != "armed_group"):
            continue  # a person's membership or a state's parts do not make a unit
        for f in by_subject.get(parent, []):
            target, target_name = ((f.object_id, f.object) if f.subject_id == parent
                                   else (f.subject_id, f.subject))
            if target == unit:
                continue
            a, b = sorted((unit, target)) if f.symmetric else (unit, target)
            if (a, f.predicate, b) in existing:
                continue
            _propose(out, "inherited_from_parent", (unit, link.subject), f.predicate,
                     (target, target_name), [link, f], link.object)


def load_inferences(session: Session, as_of: str | None = None, actor: int | None = None,
                    include_known: bool = False, min_confidence: float = 0.0) -> list[Inference]:
    """The proposals over the store's facts on `as_of`."""
    views = entities(session)
    types = {v.id: v.type for v in views.values()}
    facts = [f for f in load_facts(session, as_of) if f.confidence >= min_confidence]
    return infer(facts, types, actor, include_known)
