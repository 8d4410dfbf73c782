"""`threatnet actor NAME`: what the store knows about one actor, from whom, since when.

The profile is built from the claims known on `as_of` (see `claims.load_claims`)
and the actor pack: type, aliases, parent and factions, leaders, facts grouped
by predicate class (each with its support and grade, see `grading`), the
capabilities as a tree of the pack's taxonomy, and a timeline of claims by month.

The profile of what is known now (no `as_of`, no evidence sentences) reads the
facts summary (`store.summary`) instead of every claim: each group of claims
(one fact, polarity, modality and source) stands for its claims as one
`GroupView` carrying their number, dates and its best claim — what grading and
contradictions read of a source (its best claim) is the same. Claims with a time
of their own can make a pair of claims a change rather than a contradiction,
claim by claim: the facts that could be paired with one (same fact; the same
holder's capabilities; relations between the same two actors) are read claim by
claim from the claims table (by index) instead.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from threatnet.analyse import contradictions
from threatnet.analyse.claims import ClaimView, EntityView, entities, load_claims, source_key
from threatnet.analyse.grading import SourceTable, by_source, grade, source_table
from threatnet.model import PREDICATES, Modality
from threatnet.resolve.pack import ActorPack
from threatnet.store.schema import AliasRow, FactSummaryRow

CLASSES = ["alignment", "opposition", "structure", "capability", "geography", "events",
           "economy"]
PARENT_PREDICATES = {"part_of", "splinter_of", "member_of", "affiliated_with"}


_RANK = {m.value: i for i, m in enumerate(Modality)}  # Modality.rank, without the enum walk


def _strongest(claims: list[ClaimView]) -> str | None:
    return min((c.modality for c in claims), key=_RANK.__getitem__, default=None)


@dataclass(frozen=True)
class GroupView(ClaimView):
    """The claims of one summary group as one view: its best claim, their number and dates."""

    claims: int = 1
    first_seen: str | None = None
    last_seen: str | None = None


def _count(claims: list[ClaimView]) -> int:
    return sum(c.claims if isinstance(c, GroupView) else 1 for c in claims)


def _dates(c: ClaimView) -> tuple[str | None, ...]:
    return (c.first_seen, c.last_seen) if isinstance(c, GroupView) else (c.published,)


def fact_summary(claims: list[ClaimView], opposing: list[ClaimView], evidence: bool,
                 table: SourceTable) -> dict[str, Any]:
    """One fact (claims of one subject, predicate and object) with its support and grade."""
    first = claims[0]
    yes = [c for c in claims if c.affirmed]
    no = [c for c in claims if not c.affirmed]
    dates = sorted(d for c in claims for d in _dates(c) if d)
    g = grade(claims, opposing, table)
    out: dict[str, Any] = {
        "subject": first.subject, "predicate": first.predicate, "object": first.object,
        "subject_id": first.subject_id, "object_id": first.object_id,
        "class": first.predicate_class, "stance": g.stance,
        "claims_for": _count(yes), "claims_against": _count(no),
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
          evidence: bool = False, table: SourceTable | None = None, *,
          summary: bool = True) -> dict[str, Any]:
    """The profile; `summary=False` reads every claim even for what is known now."""
    table = table or source_table()
    ents = entities(session)
    actor = ents[actor_id]
    if summary and not as_of and not evidence:
        claims, timeline = _from_summary(session, actor_id, ents)
    else:
        claims = load_claims(session, as_of, entity_ids=[actor_id], evidence=evidence,
                             qualifiers=False)
        timeline = Counter((c.published or "unknown")[:7] for c in claims)
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
    return {
        "actor": {"id": actor.id, "name": actor.name, "type": actor.type,
                  "pack_id": actor.pack_id, "aliases": aliases,
                  "description": entry.description if entry else None,
                  "ideology": entry.ideology if entry else None,
                  "region": entry.region if entry else None},
        "as_of": as_of, "claims": _count(claims),
        "parents": parents, "factions": factions, "leaders": leaders,
        "facts": {k: v for k, v in by_class.items() if v},
        "capabilities": capability_tree(facts, actor_id, ents, pack),
        "contradictions": len(report.contradictions), "changes": len(report.changes),
        "timeline": dict(sorted(timeline.items())),
    }


def _from_summary(session: Session, actor_id: int, ents: dict[int, EntityView]
                  ) -> tuple[list[ClaimView], Counter]:
    """The actor's claims as summary groups (`GroupView`), those that could pair with
    a claim with a time of its own one by one; and its claims per month."""
    members = [i for i, e in ents.items() if e.id == actor_id]
    rows = session.connection().execute(select(
        FactSummaryRow.subject_id, FactSummaryRow.predicate, FactSummaryRow.object_id,
        FactSummaryRow.support, FactSummaryRow.months, FactSummaryRow.timed).where(or_(
            FactSummaryRow.subject_id.in_(members), FactSummaryRow.object_id.in_(members))))
    timeline: Counter = Counter()
    parsed = []
    for s, p, o, support, months, timed in rows:
        support = json.loads(support) if isinstance(support, str) else support
        months = json.loads(months) if isinstance(months, str) else months
        timeline.update(months)
        parsed.append((s, p, o, support, timed))
    tainted: set[tuple] = set()
    for s, p, o, _support, timed in parsed:
        if timed:
            tainted |= set(_partners(ents[s].id, p, ents[o].id))
    one_by_one = [(s, p, o) for s, p, o, _support, _timed in parsed
                  if tainted.intersection(_partners(ents[s].id, p, ents[o].id))]
    claims = load_claims(session, None, triples=one_by_one, evidence=False,
                         qualifiers=False) if one_by_one else []
    skip = set(one_by_one)
    classes = {p: cls for p, (cls, _) in PREDICATES.items()}
    for s, p, o, support, _timed in parsed:
        if (s, p, o) in skip:
            continue
        subject, obj = ents[s], ents[o]
        for (affirmed, modality, source, source_entity, outlet, n, best, first, last, _lo,
             _hi, published, claim_id) in support:
            entity = ents[source_entity].id if source_entity is not None else None
            claims.append(GroupView(
                id=claim_id, subject_id=subject.id, subject=subject.name, predicate=p,
                predicate_class=classes.get(p, "other"), object_id=obj.id, object=obj.name,
                polarity="affirmed" if affirmed else "negated", modality=modality,
                source=source, source_key=source_key(source, entity, outlet),
                document_id="", published=published, time_start=None, time_end=None,
                evidence_text="", evidence_start=0, evidence_end=0, confidence=best,
                claims=n, first_seen=first, last_seen=last))
    claims.sort(key=lambda c: (c.published is None, c.published or "", c.id))
    return claims, timeline


def _partners(subject: int, predicate: str, obj: int) -> list[tuple]:
    """What a claim can be paired with by `contradictions.find`: its own fact, the
    holder's capabilities, the relations between its two actors."""
    key = (min(subject, obj), predicate, max(subject, obj)) \
        if PREDICATES.get(predicate, ("", False))[1] else (subject, predicate, obj)
    out: list[tuple] = [("fact", key)]
    if predicate in contradictions.HOLDING:
        out.append(("holder", subject))
    if predicate in contradictions.HOSTILE | contradictions.ALIGNED:
        out.append(("pair", frozenset((subject, obj))))
    return out


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
