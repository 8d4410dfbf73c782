"""`threatnet actor NAME`: what the store knows about one actor, from whom, since when.

The profile is built from the claims known on `as_of` (see `claims.load_claims`)
and the actor pack: type, aliases, parent and factions, leaders, facts grouped
by predicate class (each with its support and grade, see `grading`), the
capabilities as a tree of the pack's taxonomy, a timeline of claims by month, and
how many contradictions and changes its facts take part in; and its incidents
(`incident_facts`): how many by month, and the target types it attacks and the places
it operates in as its incidents show them.

Each fact is graded against every claim that could contradict it, the actor's
or not (another holder's denial of a broader capability counts against it when
the profile is a capability's). The profile of what is known now reads those
grades as the store keeps them (`graded`), and the evidence sentences of the facts
it shows; `as_of` or `summary=False` grade the claims themselves (the same results
for what is known now: tests hold them equal).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet.analyse import contradictions, graded, incident_facts
from threatnet.analyse.claims import Canon, ClaimView, EntityView, entities, load_claims
from threatnet.analyse.grading import SourceTable, source_table
from threatnet.model import PREDICATES
from threatnet.resolve.pack import ActorPack
from threatnet.store import summary as store_summary
from threatnet.store.schema import AliasRow

CLASSES = ["alignment", "opposition", "structure", "capability", "geography", "events",
           "economy"]
PARENT_PREDICATES = {"part_of", "splinter_of", "member_of", "affiliated_with"}
CAPABILITY = {p for p, (cls, _) in PREDICATES.items() if cls == "capability"}


def build(session: Session, actor_id: int, pack: ActorPack | None, as_of: str | None = None,
          evidence: bool = False, table: SourceTable | None = None, *, explain: bool = False,
          limit: int | None = None, summary: bool = True) -> dict[str, Any]:
    """The profile: each grade explained when `explain`, at most `limit` facts per class
    (the best; `facts_total` counts them all); `summary=False` grades the claims even for
    what is known now."""
    table = table or source_table()
    canon = Canon(session)
    actor_id = canon(actor_id)
    actor = canon.load([actor_id])[actor_id]
    said: dict[tuple[int, str, int], list[ClaimView]] = {}
    if summary and not as_of:
        def groups(row: tuple) -> list[str]:
            """Where a fact competes in a limited profile besides its class: the list of
            parents, factions or leaders it adds to; every fact of the capability tree."""
            _, s, p, o, _, affirmed = row
            kind = _listed(s, p, o, actor_id)
            tree = s == actor_id and p in CAPABILITY and canon.views[o].type == "capability"
            return [*([graded.EVERY] if tree else []), *([kind] if kind and affirmed else [])]

        kept = graded.read(session, actor_id, canon, pack, explain, limit, groups)
        timeline = store_summary.timeline(session, canon.members([actor_id]))
        if evidence:
            said = _said(session, canon, [_key(g.fact) for g in kept.graded])
    else:
        facts_graded, said = _from_claims(session, actor_id, pack, as_of, evidence)
        kept = graded.kept(facts_graded, actor_id)
        months: Counter = Counter()
        for g in facts_graded:
            months.update(g.months)
        timeline = dict(sorted(months.items()))
    views = canon.load({i for g in kept.graded
                        for i in (g.fact["subject_id"], g.fact["object_id"])})
    names = {v.id: v.name for v in views.values()}
    facts = [graded.finish(g.fact, names, table, g.why if explain else None,
                           said.get(_key(g.fact)) if evidence else None) for g in kept.graded]

    facts.sort(key=lambda f: graded.order(f["score"], f["predicate"], f["subject"],
                                          f["object"], f["subject_id"], f["object_id"]))
    for f in facts:  # symmetric facts read from the actor's side
        if f["object_id"] == actor_id and PREDICATES[f["predicate"]][1]:
            f["subject"], f["object"] = f["object"], f["subject"]
            f["subject_id"], f["object_id"] = f["object_id"], f["subject_id"]
    by_class: dict[str, list[dict]] = {k: [] for k in CLASSES}
    for f in facts:
        by_class.setdefault(f["class"], []).append(f)
    if limit:
        by_class = {k: v[:limit] for k, v in by_class.items()}

    entry = pack.get(actor.pack_id) if pack and actor.pack_id else None
    aliases = sorted({a for (a,) in session.execute(
        select(AliasRow.alias).where(AliasRow.entity_id.in_(canon.members([actor_id]))))}
        - {actor.name})

    parents = [{"name": pack.get(entry.parent).name if pack.get(entry.parent) else entry.parent,
                "relation": "parent (actor pack)", "source": "pack"}] \
        if entry and entry.parent and pack else []
    factions: list[dict[str, Any]] = []
    if entry and pack:
        factions += [{"name": e.name, "relation": "faction (actor pack)", "source": "pack"}
                     for e in pack.entries.values() if e.parent == entry.id
                     and e.type == actor.type]
    leaders: list[dict[str, Any]] = []
    if entry and pack:
        leaders += [{"name": e.name, "role": r.role, "start": r.start, "end": r.end,
                     "source": "pack"}
                    for e in pack.entries.values() for r in e.roles
                    if r.org == entry.id and r.role in ("leader", "founder", "commander")]
    listed: Counter = Counter()  # with a limit, the best `limit` facts of each list
    for f in facts:
        kind = _listed(f["subject_id"], f["predicate"], f["object_id"], actor_id)
        if f["stance"] != "affirmed" or kind is None or (limit and listed[kind] >= limit):
            continue
        listed[kind] += 1
        item = {"relation": f["predicate"], "grade": f["grade"]["code"],
                "source": "claims", "score": f["score"]}
        if kind == "parents":
            parents.append({"name": f["object"], **item})
        elif kind == "factions":
            factions.append({"name": f["subject"], **item})
        else:
            leaders.append({"name": f["subject"], "role": "leads", "grade": item["grade"],
                            "score": f["score"], "source": "claims"})

    parents, factions, leaders = _merge(parents), _merge(factions), _merge(leaders)
    return {
        "actor": {"id": actor.id, "name": actor.name, "type": actor.type,
                  "pack_id": actor.pack_id, "aliases": aliases,
                  "description": entry.description if entry else None,
                  "ideology": entry.ideology if entry else None,
                  "region": entry.region if entry else None},
        "as_of": as_of, "claims": kept.claims,
        "parents": parents, "factions": factions, "leaders": leaders,
        "facts": {k: v for k, v in by_class.items() if v},
        "facts_total": {k: kept.totals[k] for k in [*CLASSES, *sorted(kept.totals)]
                        if k in kept.totals},
        "limit": limit or None,
        "capabilities": capability_tree(facts, actor_id, views, pack),
        "contradictions": kept.conflicts, "changes": kept.changes,
        "timeline": timeline,
        # derived from the actor's incidents on read, never stored as claims
        "incidents": incident_facts.section(session, actor_id, pack, as_of),
    }


def _listed(subject: int, predicate: str, obj: int, actor_id: int) -> str | None:
    """Which list of the profile an affirmed fact adds to, read from the actor's side (a
    symmetric fact with the actor as object is turned round): parents, factions, leaders."""
    if predicate in PARENT_PREDICATES:
        if subject == actor_id or (obj == actor_id and PREDICATES[predicate][1]):
            return "parents"
        return "factions" if obj == actor_id else None
    return "leaders" if predicate == "leads" and obj == actor_id else None


def _said(session: Session, canon: Canon, keys: list[tuple[int, str, int]]
          ) -> dict[tuple[int, str, int], list[ClaimView]]:
    """The claims of these facts (canonical keys), with their evidence sentences."""
    triples = {(s, p, o) for a, p, b in keys for s in canon.members([a])
               for o in canon.members([b])}
    triples |= {(o, p, s) for s, p, o in triples if PREDICATES[p][1]}
    out: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in load_claims(session, None, triples=triples, qualifiers=False, canon=canon):
        out[c.key()].append(c)
    return out


def _key(fact: dict[str, Any]) -> tuple[int, str, int]:
    """The fact's key (`ClaimView.key`: a symmetric fact's ends in order)."""
    a, p, b = fact["subject_id"], fact["predicate"], fact["object_id"]
    return (b, p, a) if b < a and PREDICATES[p][1] else (a, p, b)


def _from_claims(session: Session, actor_id: int, pack: ActorPack | None, as_of: str | None,
                 evidence: bool) -> tuple[list[graded.Graded],
                                          dict[tuple[int, str, int], list[ClaimView]]]:
    """The actor's facts graded from the claims known on `as_of` (with the holdings of
    those who hold the actor, when it is a capability); and each fact's claims."""
    own = load_claims(session, as_of, entity_ids=[actor_id], evidence=evidence,
                      qualifiers=False)
    holders = {c.subject_id for c in own if c.predicate in graded.HOLDING
               and c.object_id == actor_id and c.subject_id != actor_id}
    others = [c for c in load_claims(session, as_of, entity_ids=holders, evidence=False,
                                     qualifiers=False)
              if c.predicate in graded.HOLDING and c.subject_id in holders
              and c.object_id != actor_id] if holders else []
    everything = sorted(own + others, key=lambda c: (c.published is None, c.published or "",
                                                     c.id))
    facts = graded.grade_claims(everything, entities(session), pack)
    said: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in own:
        said[c.key()].append(c)
    return [g for key, g in facts.items() if actor_id in (key[0], key[2])], said


def _merge(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per name: what the pack says and what the claims say, together."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        known = out.get(item["name"].casefold())
        if known is None:
            out[item["name"].casefold()] = dict(item)
        else:
            known["source"] = "pack+claims" if known["source"] != item["source"] \
                else known["source"]
            for key in ("grade", "score"):
                if item.get(key) is not None:
                    known[key] = item[key]
    return list(out.values())


def capability_tree(facts: list[dict[str, Any]], actor_id: int, ents: dict[int, EntityView],
                    pack: ActorPack | None) -> list[dict[str, Any]]:
    """The actor's capability facts hung on the taxonomy: broader nodes above narrower ones."""
    held: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        if f["class"] != "capability" or f["subject_id"] != actor_id:
            continue
        target = ents.get(f["object_id"])
        if target is None or target.type != "capability":
            continue
        held[contradictions.capability_node(target)].append(
            {"predicate": f["predicate"], "object": f["object"], "stance": f["stance"],
             "grade": f["grade"]["code"], "score": f["score"]})
    parent: dict[str, str | None] = {}
    for node in held:
        chain = [node, *(pack.ancestors(node) if pack else [])]
        for child, up in zip(chain, [*chain[1:], None], strict=True):
            parent.setdefault(child, up)
    children: dict[str | None, list[str]] = defaultdict(list)
    for node, up in parent.items():
        children[up].append(node)

    def tree(node: str) -> dict[str, Any]:
        entry = pack.get(node) if pack else None
        name = entry.name if entry else node.removeprefix("entity:")
        if entry is None and node.startswith("entity:"):
            name = ents[int(node[7:])].name
        return {"node": node, "name": name, "facts": held.get(node, []),
                "children": [tree(n) for n in sorted(children[node])]}

    return [tree(n) for n in sorted(children[None])]
