"""How well relations between two armed groups are read, measured against gold: for each
pair of groups the gold relates, is there a predicted claim of the right class between them?

A *dyad* is an unordered pair of gold entities typed `armed_group` joined by at least one
required gold claim. It is found when some predicted claim joins the same two groups (either
direction) with a predicate of one of the classes the gold claims of that pair name
(alignment, opposition, structure, …; `model.PREDICATES`) and the same polarity. This is
looser than the claim score (which wants predicate, direction, modality and source) and
answers the analyst's first question about two groups: is their relation read at all?
Entity links are the reference scorer's.
"""

from __future__ import annotations

from typing import Any

from threatnet.evaluate import reference
from threatnet.model import PREDICATES


def _classes(predicates: Any) -> set[str]:
    return {PREDICATES[p][0] for p in reference.as_list(predicates) if p in PREDICATES}


def dyad_counts(gold: dict[str, Any], pred: dict[str, Any], text: str) -> dict[str, int]:
    """Counts for one report: the gold's group pairs and those read with a right-class claim."""
    pred = reference.sanitize(pred)
    links = reference.link_entities(gold, pred, text)
    groups = {e["name"] for e in gold["entities"] if "armed_group" in e.get("types", [])}
    wanted: dict[frozenset[str], list[tuple[set[str], set[str], set[str], str]]] = {}
    for gc in gold["claims"]:
        subjects = {s for s in reference.as_list(gc["subject"]) if s in groups}
        objects = {o for o in reference.as_list(gc["object"]) if o in groups}
        if not subjects or not objects or not gc.get("required", True):
            continue
        pair = frozenset((min(subjects), min(objects)))
        if len(pair) == 2:
            wanted.setdefault(pair, []).append(
                (subjects, objects, _classes(gc["predicate"]), gc["polarity"]))
    found = 0
    for readings in wanted.values():
        found += any(
            c.get("predicate") in PREDICATES and PREDICATES[c["predicate"]][0] in classes
            and c.get("polarity") == polarity
            and {links.get(c.get("subject")), links.get(c.get("object"))} & subjects
            and {links.get(c.get("subject")), links.get(c.get("object"))} & objects
            and links.get(c.get("subject")) != links.get(c.get("object"))
            for subjects, objects, classes, polarity in readings for c in pred["claims"])
    return {"dyads": len(wanted), "dyads_found": found}


def dyad_totals(counts: list[dict[str, int]]) -> dict[str, Any]:
    """Totals over reports, with the share of dyads read."""
    dyads = sum(c["dyads"] for c in counts)
    found = sum(c["dyads_found"] for c in counts)
    return {"dyads": dyads, "dyads_found": found,
            "dyad_share": round(found / dyads, 3) if dyads else None}
