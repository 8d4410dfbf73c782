"""Sentences the extractor once got wrong, each asserting the whole claim it must give.

Every case here failed once (found while writing the behaviour tests) and was
fixed in the mechanism named beside it, not for the sentence.
"""

from __future__ import annotations

import pytest
from claimrows import ARMY, BLA, TTP, affirmed, claims, negated, record

CASES = [
    # lexically negative frames negate their claim
    ("The TTP lacks anti-aircraft guns.", [negated(TTP, "possesses", "anti-aircraft guns")]),
    ("The BLA lacks heavy weapons.", [negated(BLA, "possesses", "heavy weapons")]),
    # "rejoin X" takes a direct object
    ("Hizbul Ahrar rejoined the TTP in August 2020.",
     [affirmed("Hizbul Ahrar", "merged_into", TTP, start="2020-08")]),
    # "receive … from" is the converse of supplying
    ("The TTP received weapons from the Taliban.", [affirmed("Taliban", "supplies", TTP)]),
    ("Pakistan supplied the Taliban with weapons.", [affirmed("Pakistan", "supplies", "Taliban")]),
    # adjectival "allied with", copular "part of", appositive "an offshoot of"
    ("The BLA is allied with the BLF.",
     [affirmed(BLA, "allied_with", "Balochistan Liberation Front")]),
    ("The Majid Brigade is part of the BLA.", [affirmed("Majid Brigade", "part_of", BLA)]),
    # government bodies can be opposed
    ("The TTP opposes the Pakistan Army.", [affirmed(TTP, "hostile_to", ARMY)]),
    # commander-in-chief leads
    ("The BLA commander-in-chief Bashir Zeb Baloch praised the attack.",
     [affirmed("Bashir Zeb Baloch", "leads", BLA)]),
    # a claimant is its claim's own source; an unmade claim is the author's statement
    ("Police said the BLA claimed the Jaffar Express hijacking.",
     [affirmed(BLA, "perpetrated", "Jaffar Express hijacking", "alleged", "the BLA")]),
    ("The BLA has not claimed the Turbat attack.",  # (named after its place: round six)
     [negated(BLA, "perpetrated", "Turbat attack"),
      affirmed("Turbat attack", "occurred_in", "Turbat")]),
    # "to" ends a time span only after "from"; years the NER missed
    ("Hakimullah Mehsud led the TTP from 2009 to 2013.",
     [affirmed("Hakimullah Mehsud", "leads", TTP, start="2009", end="2013")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_regression(extractor, text, expected):
    assert sorted(claims(extractor, text)) == sorted(expected)


def test_source_chain_keeps_the_outer_source(extractor):
    rec = record(extractor, "Police said the BLA claimed the Jaffar Express hijacking.")
    (claim,) = rec.to_dict()["claims"]
    assert claim["source"] == "the BLA"
    assert claim["qualifiers"]["source_chain"] == ["Police"]


def test_supplied_item_is_kept(extractor):
    rec = record(extractor, "The Taliban supplied heavy weapons to the TTP.")
    (claim,) = rec.to_dict()["claims"]
    assert claim["predicate"] == "supplies"
    assert claim["qualifiers"]["item"] == "heavy weapons"


def test_acronym_defined_in_text_takes_over_later_uses(extractor):
    rec = record(extractor, "The Baloch Students Resistance Front (BSRF) attacked Punjabi "
                            "settlers. The BSRF later denied it.")
    names = [e.name for e in rec.entities if "BSRF" in e.aliases]
    assert names == ["Baloch Students Resistance Front"]


def test_paragraph_break_stops_carry_over(extractor):
    rows = claims(extractor, "A journalist said the BLA had acquired armed drones.\n\n"
                             "They also possess heavy weapons.")
    assert affirmed(BLA, "possesses", "heavy weapons") in rows


def test_us_is_no_transliteration_connector(extractor):
    bare = record(extractor, "The TTP received weapons from the Taliban.")
    assert all(e.kind != "us_made_weapons" for e in bare.entities)
    american = record(extractor, "The TTP seized US weapons in Kunar.")
    assert [e.kind for e in american.entities if e.type == "capability"] == ["us_made_weapons"]
