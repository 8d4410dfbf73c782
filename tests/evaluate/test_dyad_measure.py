"""The dyad measure of `threatnet eval`: is the relation between two groups read, in the
right class and polarity, whichever way the predicted claim points?"""

from __future__ import annotations

from threatnet.evaluate.dyads import dyad_counts, dyad_totals

TEXT = "The BLA and the BLF are allies. The TTP is not part of the BRAS alliance."
GOLD = {
    "entities": [
        {"name": "Balochistan Liberation Army", "types": ["armed_group"], "aliases": ["BLA"]},
        {"name": "Balochistan Liberation Front", "types": ["armed_group"], "aliases": ["BLF"]},
        {"name": "Tehrik-i-Taliban Pakistan", "types": ["armed_group"], "aliases": ["TTP"]},
        {"name": "BRAS", "types": ["armed_group"], "aliases": ["BRAS"]},
        {"name": "Pakistan", "types": ["state"], "aliases": []},
    ],
    "claims": [
        {"subject": "Balochistan Liberation Army", "predicate": "allied_with",
         "object": "Balochistan Liberation Front", "polarity": "affirmed",
         "modality": "asserted", "source": None},
        {"subject": "Tehrik-i-Taliban Pakistan", "predicate": "member_of", "object": "BRAS",
         "polarity": "negated", "modality": "asserted", "source": None},
        {"subject": "Tehrik-i-Taliban Pakistan", "predicate": "operates_in",
         "object": "Pakistan", "polarity": "affirmed", "modality": "asserted", "source": None},
    ],
}
ENTITIES = [
    {"id": "E1", "name": "BLA", "type": "armed_group"},
    {"id": "E2", "name": "BLF", "type": "armed_group"},
    {"id": "E3", "name": "TTP", "type": "armed_group"},
    {"id": "E4", "name": "BRAS", "type": "armed_group"},
]


def _claim(subject: str, predicate: str, obj: str, polarity: str = "affirmed") -> dict:
    return {"id": f"C{subject}{obj}", "subject": subject, "predicate": predicate,
            "object": obj, "polarity": polarity, "modality": "asserted", "source": None,
            "qualifiers": {}, "time": {}, "evidence": {"start": 0, "end": 5, "text": "The B"},
            "confidence": 0.5}


def test_only_pairs_of_groups_count_and_a_reversed_claim_of_the_class_is_found():
    pred = {"entities": ENTITIES, "claims": [_claim("E2", "cooperates_with", "E1")]}
    assert dyad_counts(GOLD, pred, TEXT) == {"dyads": 2, "dyads_found": 1}


def test_a_claim_of_another_class_or_polarity_is_not_the_relation():
    pred = {"entities": ENTITIES, "claims": [_claim("E1", "rival_of", "E2"),
                                             _claim("E3", "part_of", "E4")]}
    assert dyad_counts(GOLD, pred, TEXT)["dyads_found"] == 0
    pred["claims"].append(_claim("E3", "part_of", "E4", "negated"))
    assert dyad_counts(GOLD, pred, TEXT)["dyads_found"] == 1


def test_totals_give_the_share():
    totals = dyad_totals([{"dyads": 2, "dyads_found": 1}, {"dyads": 2, "dyads_found": 2}])
    assert totals == {"dyads": 4, "dyads_found": 3, "dyad_share": 0.75}
    assert dyad_totals([])["dyad_share"] is None
