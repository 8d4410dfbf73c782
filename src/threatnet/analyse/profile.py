"""`threatnet actor NAME`: what the store knows about one actor, from whom, since when.

The profile is built from the claims known on `as_of` (see `claims.load_claims`)
and the actor pack: type, aliases, parent and factions, leaders, facts grouped
by predicate class (each with its support and grade, see `grading`), the
capabilities as a tree of the pack's taxonomy, and a timeline of claims by month.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet.analyse import contradictions
from threatnet.analyse.claims import ClaimView, EntityView, entities, load_claims
from threatnet.analyse.grading import SourceTable, by_source, grade, source_table
from threatnet.model import PREDICATES, Modality
from threatnet.resolve.pack import ActorPack
from threatnet.store.schema import AliasRow

CLASSES = ["alignment", "opposition", "structure", "capability", "geography", "events",
           "economy"]
PARENT_PREDICATES = {"part_of", "splinter_of", "member_of", "affiliated_with"}


_RANK = {m.value: i for i, m in enumerate(Modality)}  # Modality.rank, without the enum walk


def _strongest(claims: list[ClaimView]) -> str | None:
    return min((c.modality for c in claims), key=_RANK.__getitem__, default=None)


def fact_summary(claims: list[ClaimView], opposing: list[ClaimView], evidence: bool,
                 table: SourceTable) -> dict[str, Any]:
    """One fact (claims of one subject, predicate and object) with its support and grade."""
    first = claims[0]
    yes = [c for c in claims if c.affirmed]
    no = [c for c in claims if not c.affirmed]
    dates = sorted(c.published for c in claims if c.published)
    g = grade(claims, opposing, table)
    out: dict[str, Any] = {
        "subject": first.subject, "predicate": first.predicate, "object": first.object,
        "subject_id": first.subject_id, "object_id": first.object_id,
        "class": first.predicate_class, "stance": g.stance,
        "claims_for": len(yes), "claims_against": len(no),
        "independent_sources": len(by_source(claims)),
        "sources_for": sorted({c.source or "(author)" for c in yes}),
        "sources_against": sorted({c.source or "(author)" for c in no}),
        "strongest_for": _strongest(yes), "strongest_against": _strongest(no),
        "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        "score": round(g.score, 3), "grade": g.to_dict()}
    if evidence:
        out["evidence"] = [{"text": c.evidence_text, "polarity": c.polarity,
                            "modality": c.modality, "source": c.source or "(author)",
                            "published": c.published, "document": c.document_id,
                            "start": c.evidence_start, "end": c.evidence_end}
                           for c in claims]
    return out


def build(session: Session, actor_id: int, pack: ActorPack | None, as_of: str | None = None,
          evidence: bool = False, table: SourceTable | None = None) -> dict[str, Any]:
    table = table or source_table()
    ents = entities(session)
    actor = ents[actor_id]
    claims = load_claims(session, as_of, entity_ids=[actor_id], evidence=evidence,
                         qualifiers=False)
    report = contradictions.find(claims, ents, pack)
    against = contradictions.opposing(report)

    groups: dict[tuple[int, str, int], list[ClaimView]] = defaultdict(list)
    for c in claims:
        groups[c.key()].append(c)
    facts = [fact_summary(group, against.get(key, []), evidence, table)
             for key, group in groups.items()]
    facts.sort(key=lambda f: (-f["score"], f["predicate"], f["object"]))
    for f in facts:  # symmetric facts read from the actor's side
        if f["object_id"] == actor_id and PREDICATES[f["predicate"]][1]:
            f["subject"], f["object"] = f["object"], f["subject"]
            f["subject_id"], f["object_id"] = f["object_id"], f["subject_id"]
    by_class: dict[str, list[dict]] = {k: [] for k in CLASSES}
    for f in facts:
        by_class.setdefault(f["class"], []).append(f)

    entry = pack.get(actor.pack_id) if pack and actor.pack_id else None
    aliases = sorted({a for (a,) in session.execute(
        select(AliasRow.alias).where(AliasRow.entity_id.in_(
            [i for i, e in ents.items() if e.id == actor_id])))} - {actor.name})

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
    for f in facts:
        if f["stance"] != "affirmed":
            continue
        if f["predicate"] in PARENT_PREDICATES:
            item = {"relation": f["predicate"], "grade": f["grade"]["code"],
                    "source": "claims", "score": f["score"]}
            if f["subject_id"] == actor_id:
                parents.append({"name": f["object"], **item})
            elif f["object_id"] == actor_id:
                factions.append({"name": f["subject"], **item})
        if f["predicate"] == "leads" and f["object_id"] == actor_id:
            leaders.append({"name": f["subject"], "role": "leads", "grade": f["grade"]["code"],
                            "score": f["score"], "source": "claims"})

    parents, factions, leaders = _merge(parents), _merge(factions), _merge(leaders)
    timeline = Counter((c.published or "unknown")[:7] for c in claims)
    return {
        "actor": {"id": actor.id, "name": actor.name, "type": actor.type,
                  "pack_id": actor.pack_id, "aliases": aliases,
                  "description": entry.description if entry else None,
                  "ideology": entry.ideology if entry else None,
                  "region": entry.region if entry else None},
        "as_of": as_of, "claims": len(claims),
        "parents": parents, "factions": factions, "leaders": leaders,
        "facts": {k: v for k, v in by_class.items() if v},
        "capabilities": capability_tree(facts, actor_id, ents, pack),
        "contradictions": len(report.contradictions), "changes": len(report.changes),
        "timeline": dict(sorted(timeline.items())),
    }


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
