"""How well incidents are read, measured against gold: who did each attack, and whether an
attribution stayed an attribution.

For every gold claim that a named group carried out an incident (`perpetrated`, affirmed,
required), the extractor should give that group a deed claim on the same incident
(`perpetrated`, `involved_in`, `attacks` or `targets`, affirmed). Where the gold claim is
only a claim of responsibility, an attribution or a suspicion (its modalities exclude
`asserted`), a predicted claim from the same sentence that states it in the author's own
certain voice (asserted, no source) is an *author certainty*: the error the claim model
exists to prevent. For each gold incident the extractor found, its date and place are
compared with the gold `incident` object. Entity links are the reference scorer's.
"""

from __future__ import annotations

from typing import Any

from threatnet.evaluate import reference

DEEDS = frozenset({"perpetrated", "involved_in", "attacks", "targets"})


def incident_counts(gold: dict[str, Any], pred: dict[str, Any], text: str) -> dict[str, int]:
    """Counts for one report: attributed pairs and those found, author certainties, and
    the found incidents whose date and place are given and right."""
    pred = reference.sanitize(pred)
    links = reference.link_entities(gold, pred, text)
    events = {e["name"]: e for e in gold["entities"] if "event" in e.get("types", [])}
    counts = dict.fromkeys(("pairs", "found", "hedged", "author_certain", "dated",
                            "date_right", "placed", "place_right"), 0)
    for gc in gold["claims"]:
        objects = [o for o in reference.as_list(gc["object"]) if o in events]
        if ("perpetrated" not in reference.as_list(gc["predicate"]) or not objects
                or gc["polarity"] != "affirmed" or not gc.get("required", True)):
            continue
        counts["pairs"] += 1
        hits = [c for c in pred["claims"] if c.get("predicate") in DEEDS
                and c.get("polarity") == "affirmed"
                and reference.resolves(c.get("subject"), gc["subject"], links)
                and reference.resolves(c.get("object"), objects, links)]
        counts["found"] += bool(hits)
        if "asserted" in reference.as_list(gc["modality"]):
            continue
        counts["hedged"] += 1
        span = reference.gold_span(gc, text)
        counts["author_certain"] += any(
            c.get("modality") == "asserted" and not c.get("source")
            and span and (p := reference.pred_span(c, text)) and reference.overlaps(p, span)
            for c in hits)
    entities = {e["id"]: e for e in pred["entities"]}
    names = {e["name"] for e in gold["entities"]}
    for eid, name in links.items():
        wanted = events.get(name, {}).get("incident") or {}
        found = entities[eid].get("incident") or {}
        if wanted.get("date") and found:
            counts["dated"] += 1
            counts["date_right"] += str(found.get("date") or "").startswith(wanted["date"])
        if wanted.get("place") and found:
            counts["placed"] += 1
            counts["place_right"] += reference.resolves(
                found.get("place"), _finest(wanted["place"], names), links)
    return counts


def _finest(place: Any, names: set[str]) -> Any:
    """The place a gold incident names: a list or one gold entity as written, and a place
    written "Saddar, Karachi" (the site, then where it lies) its first part."""
    if not isinstance(place, str) or place in names or "," not in place:
        return place
    return place.split(",", 1)[0].strip()


def incident_totals(counts: list[dict[str, int]]) -> dict[str, Any]:
    """Totals over reports, with the shares: deed found, date right, place right."""
    total = {k: sum(c[k] for c in counts) for k in counts[0]} if counts else {}
    share = lambda a, b: round(total[a] / total[b], 3) if total.get(b) else None  # noqa: E731
    return total | {"deed_found": share("found", "pairs"), "date_ok": share("date_right", "dated"),
                    "place_ok": share("place_right", "placed")}
