"""The store's incidents as incident databases list them: `threatnet incidents`, the web
app's incident pages, the incidents CSV and the STIX / MISP incident exports.

An incident is every stored event row with a document's account of it (`incidents`
table), merged rows counted once (`store.incidents` merges the same attack told by
several reports). Each is read from its claims, with their sources: who did it and how
that is known (modality and source of each `perpetrated` / `involved_in` claim, a
denial kept as such), what it struck (`targets` / `attacks` with `target_type`), where
(`occurred_in` and the accounts' places), with what (`uses`: tactics and weapons), and
how many were killed, wounded or taken hostage — one tally per account (a document's
source), differing tallies listed side by side, never added up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet.analyse.claims import Canon, ClaimView, load_claims
from threatnet.model import TALLIES
from threatnet.resolve.pack import ActorPack
from threatnet.store.schema import NOT_REJECTED, ClaimRow, DocumentRow, IncidentRow

PERPETRATION = ("perpetrated", "involved_in")
PLACE_TYPES = ("location", "infrastructure", "state")
Place = tuple[int | None, str | None]  # a stored place and / or an actor-pack place
STRUCK = ("targets", "attacks")
TACTIC_ROOTS = ("tactic",)  # capability taxonomy roots that are tactics, not weapons
COLUMNS = ["id", "date", "place", "perpetrator", "attribution", "target_type", "target",
           "tactic", "weapon", "killed", "wounded", "sources", "documents"]


def attribution(c: ClaimView) -> str:
    """How a perpetrator is known: "denied (The TTP)", "alleged (The TTP)", "asserted
    (author)" — the modality and the source as written."""
    how = "denied" if not c.affirmed else c.modality
    told = c.qualifiers.get("attribution")  # the extractor's cue: claimed, blamed, ...
    return f"{how} ({c.source or 'author'})" + (f" [{told}]" if told else "")


def count(value: Any) -> int | None:
    """A casualty figure as a whole number (an extractor may give "3"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def list_incidents(session: Session, pack: ActorPack | None = None, *,
                   actor_id: int | None = None, since: str | None = None,
                   place: Place | None = None, incident_id: int | None = None,
                   evidence: bool = True) -> list[dict[str, Any]]:
    """Every incident (canonical), oldest first, as a dict with the COLUMNS and the detail
    behind them (`perpetrators`, `targets`, `tallies`, `accounts`, `claims`).

    `actor_id` keeps those some claim affirms the actor carried out, `since` those on
    or after a date (their documents' when undated), `place` those in a place or in a
    place inside it (the pack's hierarchy; see `find_place`).
    """
    canon = Canon(session)
    wanted: set[int] | None = None  # the incidents asked for (canonical), None for all
    if incident_id is not None:
        wanted = {canon(incident_id)}
    if actor_id is not None:  # only the incidents some claim names the actor's
        named = {canon(o) for o in session.scalars(select(ClaimRow.object_id).where(
            ClaimRow.predicate.in_(PERPETRATION), NOT_REJECTED,
            ClaimRow.subject_id.in_(canon.members([canon(actor_id)]))))}
        wanted = named if wanted is None else wanted & named
    query = select(IncidentRow, DocumentRow.published, DocumentRow.title, DocumentRow.source,
                   DocumentRow.outlet).join(DocumentRow, DocumentRow.id == IncidentRow.document_id)
    if wanted is not None:
        query = query.where(IncidentRow.entity_id.in_(canon.members(wanted)))
    accounts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row, published, title, source, outlet in session.execute(query.order_by(
            IncidentRow.id)):
        accounts[canon(row.entity_id)].append({
            "document": row.document_id, "title": title or source, "published": published,
            "outlet": outlet, "name": row.name, "kind": row.kind, "date": row.date,
            "place_id": canon(row.place_id) if row.place_id is not None else None,
            "entity_id": row.entity_id})
    if not accounts:
        return []
    claims = load_claims(session, entity_ids=list(accounts), evidence=evidence, canon=canon)
    by_incident: dict[int, list[ClaimView]] = defaultdict(list)
    for c in claims:
        for end in {c.subject_id, c.object_id} & set(accounts):
            by_incident[end].append(c)
    canon.load(list(accounts) + [a["place_id"] for v in accounts.values() for a in v
                                 if a["place_id"] is not None])
    out = [_incident(i, accounts[i], by_incident[i], canon, pack) for i in accounts]
    if actor_id is not None:
        wanted = canon(actor_id)
        out = [i for i in out if any(p["actor_id"] == wanted and p["polarity"] == "affirmed"
                                     for p in i["perpetrators"])]
    if since:
        out = [i for i in out if (i["date"] or i["first_published"] or "") >= since]
    if place is not None:
        out = [i for i in out if _inside(i["place_ids"], place, canon, pack)]
    return sorted(out, key=lambda i: (i["date"] is None, i["date"] or "", i["id"]))


def _incident(incident_id: int, accounts: list[dict[str, Any]], claims: list[ClaimView],
              canon: Canon, pack: ActorPack | None) -> dict[str, Any]:
    view = canon.views[incident_id]
    mine = [c for c in claims if c.predicate in PERPETRATION and c.object_id == incident_id]
    struck = [c for c in claims if c.predicate in STRUCK and c.subject_id == incident_id]
    used = [c for c in claims if c.predicate == "uses" and c.subject_id == incident_id
            and c.affirmed]
    places = {a["place_id"] for a in accounts if a["place_id"] is not None}
    places |= {c.object_id for c in claims if c.predicate == "occurred_in"
               and c.subject_id == incident_id and c.affirmed}
    canon.load(places | {c.object_id for c in used})
    place = _finest(places, canon, pack)
    dates = [a["date"] for a in accounts if a["date"]] + \
        [c.time_start for c in claims if c.time_start and c.subject_id == incident_id]
    date = _most_common(dates)
    tactic, weapon = _means(used, canon, pack, [a["kind"] for a in accounts])
    perpetrators = [{"actor": c.subject, "actor_id": c.subject_id, "predicate": c.predicate,
                     "polarity": c.polarity, "modality": c.modality, "source": c.source,
                     "attribution": attribution(c), "document": c.document_id,
                     "evidence": c.evidence_text} for c in mine]
    affirmed = [p for p in perpetrators if p["polarity"] == "affirmed"
                and p["modality"] != "hypothetical"]
    tallies = tallies_of(struck)
    killed, wounded = (figure(tallies, k) for k in ("killed", "wounded"))
    targets = [{"target": c.object, "target_id": c.object_id,
                "target_type": c.qualifiers.get("target_type"), "polarity": c.polarity,
                "modality": c.modality, "source": c.source, "document": c.document_id,
                **{k: c.qualifiers[k] for k in TALLIES if k in c.qualifiers}}
               for c in struck]
    documents = list(dict.fromkeys([a["document"] for a in accounts] +
                                   [c.document_id for c in claims]))
    published = sorted(a["published"] for a in accounts if a["published"])
    return {
        "id": incident_id, "name": view.name, "kind": _kind([a["kind"] for a in accounts]),
        "date": date, "dates": sorted(set(dates)),
        "place": _place_name(place, canon, pack) if place else None,
        "place_id": place, "place_ids": sorted(places),
        "perpetrator": "; ".join(dict.fromkeys(p["actor"] for p in affirmed)) or None,
        "attribution": "; ".join(dict.fromkeys(
            f"{p['actor']}: {p['attribution']}" for p in perpetrators)) or None,
        "target_type": "; ".join(sorted({t["target_type"] for t in targets
                                         if t["target_type"]})) or None,
        "target": "; ".join(dict.fromkeys(t["target"] for t in targets)) or None,
        "tactic": tactic, "weapon": weapon, "killed": killed, "wounded": wounded,
        "hostages": figure(tallies, "hostages"),
        "differing": [k for k in TALLIES if len({t[k] for t in tallies if k in t}) > 1],
        "sources": sorted({c.source or f"{_outlet(accounts, c.document_id)} (author)"
                           for c in claims}),
        "documents": documents, "first_published": published[0] if published else None,
        "perpetrators": perpetrators, "targets": targets, "tallies": tallies,
        "accounts": [_account(a, canon, pack, claims) for a in accounts],
    }


def _account(a: dict[str, Any], canon: Canon, pack: ActorPack | None,
             claims: list[ClaimView]) -> dict[str, Any]:
    """One document's account: what it says the incident was, and its claims' sentences."""
    mine = [c for c in claims if c.document_id == a["document"]]
    return {**{k: a[k] for k in ("document", "title", "published", "outlet", "name", "kind",
                                 "date", "entity_id")},
            "place": _place_name(a["place_id"], canon, pack) if a["place_id"] else None,
            "claims": [c.to_dict() for c in mine]}


def _outlet(accounts: list[dict[str, Any]], document_id: str) -> str:
    for a in accounts:
        if a["document"] == document_id:
            return a["outlet"] or a["title"]
    return document_id[:19]


def tallies_of(struck: list[ClaimView]) -> list[dict[str, Any]]:
    """One tally per account (document and source): its figures summed over the victims
    it counts, each victim (object and figures) once."""
    groups: dict[tuple[str, str], dict[tuple, ClaimView]] = defaultdict(dict)
    for c in struck:
        if c.affirmed and any(count(c.qualifiers.get(k)) is not None for k in TALLIES):
            figures = tuple(count(c.qualifiers.get(k)) for k in TALLIES)
            groups[(c.document_id, c.source_key)].setdefault((c.object_id, figures), c)
    out = []
    for (document, _), counted in groups.items():
        first = next(iter(counted.values()))
        tally: dict[str, Any] = {"document": document, "source": first.source,
                                 "evidence": [c.evidence_text for c in counted.values()]}
        for k in TALLIES:
            values = [v for c in counted.values()
                      if (v := count(c.qualifiers.get(k))) is not None]
            if values:
                tally[k] = sum(values)
        out.append(tally)
    return out


def figure(tallies: list[dict[str, Any]], key: str) -> int | str | None:
    """The figure every account gives, or the differing ones with their sources."""
    given = [(t[key], t["source"] or "author") for t in tallies if key in t]
    values = sorted({v for v, _ in given})
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return " / ".join(f"{v} ({', '.join(sorted({s for w, s in given if w == v}))})"
                      for v in values)


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    full = [v for v in values if len(v) == 10] or values
    counts = Counter(full)
    return sorted(counts, key=lambda v: (-counts[v], v))[0]


def _kind(kinds: list[str]) -> str:
    """The most specific kind the accounts give (a generic "attack" only when alone)."""
    from threatnet.resources import load_data

    generic = set(load_data("incident_matching.yaml")["generic"])
    specific = [k for k in kinds if k not in generic]
    return Counter(specific or kinds).most_common(1)[0][0] if kinds else "incident"


def _means(used: list[ClaimView], canon: Canon, pack: ActorPack | None,
           kinds: list[str]) -> tuple[str | None, str | None]:
    tactics, weapons = [], []
    for c in used:
        node = canon.views[c.object_id].pack_id or canon.views[c.object_id].kind
        chain = [node, *pack.ancestors(node)] if pack and node else []
        (tactics if chain and chain[-1] in TACTIC_ROOTS else weapons).append(c.object)
    tactic = "; ".join(dict.fromkeys(tactics)) or _kind(kinds)
    return tactic, "; ".join(dict.fromkeys(weapons)) or None


def _depth(entity_id: int, canon: Canon, pack: ActorPack | None) -> int:
    pack_id = canon.views[entity_id].pack_id
    if pack is None or not pack_id:
        return 99  # a place the pack does not know: a village, finer than any district
    return len(pack.ancestors(pack_id))


def _finest(places: set[int], canon: Canon, pack: ActorPack | None) -> int | None:
    return max(sorted(places), key=lambda p: _depth(p, canon, pack)) if places else None


def _place_name(place_id: int, canon: Canon, pack: ActorPack | None) -> str:
    """"Bannu, Khyber Pakhtunkhwa, Pakistan": the place and what the pack puts it in."""
    view = canon.load([place_id])[place_id]
    chain = [view.name]
    if pack and view.pack_id:
        chain += [pack.get(a).name for a in pack.ancestors(view.pack_id) if pack.get(a)]
    return ", ".join(chain)


def _inside(places: list[int], wanted: Place, canon: Canon, pack: ActorPack | None) -> bool:
    entity_id, pack_id = wanted
    if entity_id is not None and canon(entity_id) in places:
        return True
    if entity_id is not None and pack_id is None:
        pack_id = canon.load([entity_id])[entity_id].pack_id
    return bool(pack and pack_id and any(
        (p := canon.views[i].pack_id) and (p == pack_id or pack_id in pack.ancestors(p))
        for i in places))


def find_place(session: Session, name: str, pack: ActorPack | None) -> Place:
    """A place by name, alias or id: a stored place, or one the actor pack knows (a
    province no report names still holds the districts that are named)."""
    from threatnet.errors import UnknownActor
    from threatnet.store.queries import norm_name
    from threatnet.store.schema import AliasRow, EntityRow

    wanted = norm_name(name)
    stored = session.scalar(select(AliasRow.entity_id).join(
        EntityRow, EntityRow.id == AliasRow.entity_id).where(
        AliasRow.norm == wanted, EntityRow.type.in_(PLACE_TYPES)).limit(1))
    if stored is None and name.strip().isdigit():
        stored = session.scalar(select(EntityRow.id).where(EntityRow.id == int(name)))
    entry = next((e for e in (pack.entries.values() if pack else [])
                  if str(e.type) in PLACE_TYPES and wanted in {norm_name(n) for n in e.names()}),
                 None)
    if stored is None and entry is None:
        raise UnknownActor(f"{name!r} is not a place of this store or of the actor pack "
                           "(see `threatnet entities --type location`)")
    return (stored, entry.id if entry else None)


def flat_row(incident: dict[str, Any], titles: dict[str, str] | None = None
             ) -> dict[str, Any]:
    """The COLUMNS of one incident as text for a table or a CSV file (lists joined with
    "; "; `titles` names documents by title instead of id)."""
    row = {k: incident.get(k) for k in COLUMNS}
    row["sources"] = "; ".join(incident["sources"])
    row["documents"] = "; ".join((titles or {}).get(d, d) for d in incident["documents"])
    return {k: "" if v is None else v for k, v in row.items()}


def differing_accounts(incidents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tallies of incidents whose accounts differ: one row per account."""
    return [{"id": i["id"], "incident": i["name"], "document": t["document"],
             "source": t["source"] or "author", **{k: t.get(k) for k in TALLIES},
             "evidence": " | ".join(t["evidence"])}
            for i in incidents if i["differing"] for t in i["tallies"]]
