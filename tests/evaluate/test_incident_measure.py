"""The incident measure of `threatnet eval`: deeds found, attributions kept as attributions,
date and place, on a hand-made gold annotation and hand-made predictions."""

from __future__ import annotations

import pytest

from threatnet.evaluate.incidents import incident_counts, incident_totals

TEXT = ("Gunmen attacked a police post in Bannu on Monday. "
        "The TTP claimed responsibility for the attack.")
CLAIM = "The TTP claimed responsibility for the attack."
GOLD = {
    "document": "bannu.txt",
    "entities": [
        {"name": "Tehrik-i-Taliban Pakistan", "types": ["armed_group"], "aliases": ["TTP"]},
        {"name": "Bannu", "types": ["location"], "aliases": ["Bannu"]},
        {"name": "Bannu police post attack", "types": ["event"],
         "mentions": ["attacked a police post in Bannu", "the attack"],
         "incident": {"kind": "attack", "date": "2024-06-24", "place": "Bannu"}},
    ],
    "claims": [
        {"subject": "Tehrik-i-Taliban Pakistan", "predicate": ["perpetrated", "involved_in"],
         "object": "Bannu police post attack", "polarity": "affirmed",
         "modality": ["alleged"], "source": "The TTP", "evidence": CLAIM},
    ],
}


def _span(snippet: str) -> dict:
    start = TEXT.index(snippet)
    return {"start": start, "end": start + len(snippet), "text": snippet}


def _pred(modality: str, source: str | None, polarity: str = "affirmed",
          date: str | None = "2024-06-24") -> dict:
    attack = _span("attacked a police post in Bannu")
    return {
        "entities": [
            {"id": "E1", "name": "Tehrik-i-Taliban Pakistan", "type": "armed_group",
             "aliases": ["TTP"], "mentions": [_span("TTP")]},
            {"id": "E2", "name": "Bannu", "type": "location", "aliases": [],
             "mentions": [_span("Bannu")]},
            {"id": "E3", "name": "attack on police post, Bannu", "type": "event", "aliases": [],
             "mentions": [{k: attack[k] for k in ("start", "end", "text")}],
             "incident": {"kind": "attack", "date": date, "place": "E2", "generated": True}},
        ],
        "claims": [
            {"id": "C1", "subject": "E1", "predicate": "perpetrated", "object": "E3",
             "polarity": polarity, "modality": modality, "source": source,
             "qualifiers": {}, "time": {}, "evidence": _span(CLAIM), "confidence": 0.5},
        ],
    }


def test_a_claim_of_responsibility_kept_as_the_groups_word():
    counts = incident_counts(GOLD, _pred("alleged", "The TTP"), TEXT)
    assert counts["pairs"] == counts["found"] == 1
    assert counts["hedged"] == 1 and counts["author_certain"] == 0
    assert (counts["date_right"], counts["dated"]) == (1, 1)
    assert (counts["place_right"], counts["placed"]) == (1, 1)


def test_a_claim_of_responsibility_stated_as_fact_is_an_author_certainty():
    counts = incident_counts(GOLD, _pred("asserted", None), TEXT)
    assert counts["found"] == 1 and counts["author_certain"] == 1


@pytest.mark.parametrize("polarity, date, found, date_right", [
    ("negated", "2024-06-24", 0, 1),   # a denial is no deed
    ("affirmed", "2024-06-25", 1, 0),  # the wrong day
    ("affirmed", None, 1, 0),
])
def test_deed_and_date(polarity, date, found, date_right):
    counts = incident_counts(GOLD, _pred("alleged", "The TTP", polarity, date), TEXT)
    assert counts["found"] == found and counts["date_right"] == date_right


def test_totals_give_the_shares():
    totals = incident_totals([incident_counts(GOLD, _pred("alleged", "The TTP"), TEXT),
                              incident_counts(GOLD, _pred("alleged", "TTP", "negated"), TEXT)])
    assert totals["pairs"] == 2 and totals["found"] == 1 and totals["deed_found"] == 0.5


@pytest.mark.parametrize("written, right", [
    ("Bannu, Khyber Pakhtunkhwa", 1),  # the site, then where it lies: the first part
    ("Khyber Pakhtunkhwa, Bannu", 0),  # the finest place comes first
])
def test_a_place_written_site_then_town_is_its_first_part(written, right):
    gold = {**GOLD, "entities": [*GOLD["entities"][:2], {
        **GOLD["entities"][2], "incident": {"kind": "attack", "date": "2024-06-24",
                                            "place": written}}]}
    counts = incident_counts(gold, _pred("alleged", "The TTP"), TEXT)
    assert (counts["place_right"], counts["placed"]) == (right, 1)
