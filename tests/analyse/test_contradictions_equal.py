"""`contradictions.find` gathers pairs without enumerating them one by one: it must give
the very report the pairwise enumeration gives (kept here as the reference), claim for
claim and in the same order, on random claims with and without times of their own."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from threatnet.analyse import contradictions as c
from threatnet.analyse.claims import ClaimView, EntityView
from threatnet.model import PREDICATES

ACTORS = [1, 2, 3]
CAPABILITIES = {10: "drone", 11: "armed_drone", 12: "quadcopter", 13: None}
PREDS = ["possesses", "uses", "supports", "allied_with", "hostile_to", "fights", "attacks",
         "cooperates_with"]
SOURCES = [None, "police", "Taliban sources", "a CTD official"]
DATES = [None, "2019-05-01", "2021", "2022-03", "2023-07-01", "2024-06-26"]


class _Pack:
    """The taxonomy slice the rules read: armed drones and quadcopters are drones."""

    def ancestors(self, node: str) -> list[str]:
        return ["drone"] if node in ("armed_drone", "quadcopter") else []


def _entities() -> dict[int, EntityView]:
    out = {i: EntityView(i, f"Actor {i}", "armed_group") for i in ACTORS}
    for i, kind in CAPABILITIES.items():
        out[i] = EntityView(i, f"cap {i}", "capability", kind=kind)
    return out


def _claims(rng: random.Random, n: int, timed: float) -> list[ClaimView]:
    out = []
    for i in range(n):
        p = rng.choice(PREDS)
        s = rng.choice(ACTORS)
        o = rng.choice(list(CAPABILITIES)) if p in ("possesses", "uses") else \
            rng.choice([a for a in ACTORS if a != s])
        source = rng.choice(SOURCES)
        start = rng.choice(DATES[1:]) if rng.random() < timed else None
        end = rng.choice(DATES[1:]) if rng.random() < timed / 2 else None
        published = rng.choice(DATES)
        out.append(ClaimView(
            id=i + 1, subject_id=s, subject=f"Actor {s}", predicate=p,
            predicate_class=PREDICATES[p][0], object_id=o,
            object=f"cap {o}" if o in CAPABILITIES else f"Actor {o}",
            polarity="negated" if rng.random() < 0.3 else "affirmed",
            modality=rng.choice(["asserted", "reported", "alleged"]), source=source,
            source_key=f"said:{source}" if source else f"outlet:{rng.choice('AB')}",
            document_id=f"d{i % 7}", published=published, time_start=start, time_end=end,
            evidence_text="…", evidence_start=0, evidence_end=1,
            confidence=rng.choice([0.5, 0.7, 0.85])))
    return out


def _reference(claims, entities, pack) -> c.Report:
    """The pairwise enumeration `find` replaced (threatnet before the speed work)."""
    pairs = []
    by_key = defaultdict(list)
    for x in claims:
        by_key[x.key()].append(x)
    for group in by_key.values():
        yes = [x for x in group if x.affirmed]
        no = [x for x in group if not x.affirmed]
        pairs += [("same_fact", a, n, "affirmed by one source, negated by another")
                  for a in yes for n in no]
    holding = defaultdict(list)
    for x in claims:
        if x.predicate in c.HOLDING:
            holding[x.subject_id].append(x)
    for group in holding.values():
        yes = [x for x in group if x.affirmed]
        no = [x for x in group if not x.affirmed]
        for a in yes:
            node = c.capability_node(entities[a.object_id])
            lineage = [node, *(pack.ancestors(node) if pack else [])]
            for n in no:
                if n.key() == a.key():
                    continue
                negated = c.capability_node(entities[n.object_id])
                if negated in lineage:
                    rel = "the same node" if negated == node else "a broader node"
                    pairs.append(("taxonomy", a, n, f"{a.object} ({node}) is held, but "
                                  f"{n.object} ({negated}), {rel} of the capability taxonomy, "
                                  "is denied"))
    relations = defaultdict(list)
    for x in claims:
        if x.affirmed and x.predicate in c.HOSTILE | c.ALIGNED and x.subject_id != x.object_id:
            relations[frozenset((x.subject_id, x.object_id))].append(x)
    for group in relations.values():
        friendly = [x for x in group if x.predicate in c.ALIGNED]
        hostile = [x for x in group if x.predicate in c.HOSTILE]
        pairs += [("incompatible_relations", f, h,
                   f"{f.predicate} (alignment) vs {h.predicate} (opposition) between the "
                   "same actors") for f in friendly for h in hostile]
    groups = {}
    for kind, x, y, note in pairs:
        change = c.is_change(x, y)
        if not change and x.source_key == y.source_key:
            continue
        if change:
            x, y = c._order(x, y)
        key = (kind, change, x.key(), x.polarity, y.key(), y.polarity)
        if key not in groups:
            groups[key] = (kind, {}, {}, note, change)
        groups[key][1][x.id] = x
        groups[key][2][y.id] = y
    report = c.Report()
    for kind, xs, ys, note, change in groups.values():
        conflict = c.Conflict(kind, c.Side(list(xs.values())), c.Side(list(ys.values())),
                              change, note)
        (report.changes if change else report.contradictions).append(conflict)
    report.contradictions.sort(key=lambda k: (-k.strength, -max(k.a.strength, k.b.strength)))
    report.changes.sort(key=lambda k: (k.b.claims[-1].published or "", -k.strength),
                        reverse=True)
    return report


@pytest.mark.parametrize("timed", [0.0, 0.15, 0.6])
def test_find_equals_the_pairwise_enumeration(timed):
    entities, pack = _entities(), _Pack()
    rng = random.Random(int(timed * 100) + 1)
    found_any = 0
    for _ in range(60):
        claims = _claims(rng, rng.randrange(2, 70), timed)
        expected = _reference(claims, entities, pack)
        got = c.find(claims, entities, pack)
        assert got.to_dict() == expected.to_dict()
        assert c.opposing(got) == c.opposing(expected)
        found_any += len(expected.contradictions) + len(expected.changes)
    assert found_any > 100  # the random stores do hold conflicts of every kind to compare
