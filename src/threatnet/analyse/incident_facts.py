"""What an actor's incidents say about it, computed on read and never stored as claims:
the actor attacks a target type, operates in a place, by incident, each incident with
the attribution it rests on; and its incidents per month. Read by the actor profile,
the network export and the STIX export.

Only incidents some claim affirms the actor carried out count (a denial, or a
hypothetical, is no evidence), and each derived relation keeps the most certain
modality of the attributions behind it: "attacks police" derived from the group's own
claims of responsibility is alleged, not asserted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy.orm import Session

from threatnet.analyse.incidents import list_incidents
from threatnet.model import Modality
from threatnet.resolve.pack import ActorPack


def attributed(incident: dict[str, Any], actor_id: int) -> dict[str, Any] | None:
    """The actor's strongest affirming attribution of an incident, or None."""
    mine = [p for p in incident["perpetrators"] if p["actor_id"] == actor_id
            and p["polarity"] == "affirmed" and p["modality"] != "hypothetical"]
    return min(mine, key=lambda p: Modality(p["modality"]).rank) if mine else None


def derive(incidents: list[dict[str, Any]], actor_id: int) -> dict[str, list[dict[str, Any]]]:
    """`attacks` (by target type) and `operates_in` (by place) from the actor's incidents."""
    attacks: dict[str, list[dict]] = defaultdict(list)
    places: dict[int, list[dict]] = defaultdict(list)
    names: dict[int, str] = {}
    for inc in incidents:
        best = attributed(inc, actor_id)
        if best is None:
            continue
        evidence = {"incident": inc["id"], "name": inc["name"], "date": inc["date"],
                    "attribution": best["attribution"], "modality": best["modality"]}
        for kind in sorted({t["target_type"] for t in inc["targets"]
                            if t["target_type"] and t["polarity"] == "affirmed"}):
            attacks[kind].append(evidence)
        if inc["place_id"] is not None:
            places[inc["place_id"]].append(evidence)
            names[inc["place_id"]] = inc["place"]
    return {
        "attacks": [_relation("attacks", {"target_type": k}, v)
                    for k, v in sorted(attacks.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        "operates_in": [_relation("operates_in", {"place": names[k], "place_id": k}, v)
                        for k, v in sorted(places.items(), key=lambda kv: (-len(kv[1]),
                                                                            names[kv[0]]))],
    }


def _relation(predicate: str, what: dict[str, Any], evidence: list[dict]) -> dict[str, Any]:
    strongest = min((Modality(e["modality"]) for e in evidence), key=lambda m: m.rank)
    return {"predicate": predicate, **what, "derived": "incidents",
            "incidents": len(evidence), "strongest_modality": str(strongest),
            "evidence": evidence}


def section(session: Session, actor_id: int, pack: ActorPack | None,
            as_of: str | None = None) -> dict[str, Any]:
    """The profile's incidents section: how many, by month, the derived relations, and
    the incidents themselves (as `threatnet incidents --actor` lists them)."""
    found = list_incidents(session, pack, actor_id=actor_id, evidence=False)
    if as_of:
        found = [i for i in found if (i["first_published"] or "9999") <= as_of
                 or (i["date"] or "9999") <= as_of]
    months = Counter((i["date"] or "unknown")[:7] for i in found)
    rows = [{k: i[k] for k in ("id", "name", "date", "place", "attribution", "target_type",
                               "killed", "wounded")} for i in found]
    return {"total": len(found), "by_month": dict(sorted(months.items())),
            **derive(found, actor_id), "list": rows}
