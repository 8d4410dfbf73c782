"""Word families of analytical prose (op-eds, profiles, briefs, releases) the frames
read as data: working together by the noun a verb takes ("joined forces with"), living
off a method ("earned money from kidnapping"), control of ground as a noun ("its grip on
Khyber"), hatred as hostility ("their hatred of Shias"), an alliance "against" a third
party as hostility to it, a place "home" or "host" to a group as its base, and a passive
report verb whose "to" clause the parser hung on as an adverbial one ("was reported in
2016 to have joined")."""

from __future__ import annotations

import pytest
from claimrows import BLA, ISKP, LET, TTP, affirmed, claims

BLF = "Balochistan Liberation Front"
LEI = "Lashkar-e-Islam"
JUA = "Jamaat-ul-Ahrar"
LEJ = "Lashkar-e-Jhangvi"

CASES = [
    # working together, named by the verb's noun
    ("The BLF joined forces with the BLA in 2018.",
     [affirmed(BLF, "cooperates_with", BLA)]),
    ("Lashkar-e-Islam joined hands with the TTP against the army.",
     [affirmed(LEI, "cooperates_with", TTP)]),
    ("In 2015 the TTP pooled its resources with Lashkar-e-Islam.",
     [affirmed(TTP, "cooperates_with", LEI)]),
    ("Jamaat-ul-Ahrar made common cause with the BLA.",
     [affirmed(JUA, "cooperates_with", BLA)]),
    # living off a method
    ("The BLA earned money from kidnapping.", [affirmed(BLA, "uses", "kidnapping")]),
    ("Lashkar-e-Islam made money from drug trafficking and kidnapping.",
     [affirmed(LEI, "uses", "kidnapping")]),
    ("The TTP derives revenue from extortion.", [affirmed(TTP, "uses", "extortion")]),
    # control of ground as a noun
    ("The TTP regained its grip on Khyber.", [affirmed(TTP, "controls", "Khyber")]),
    ("The TTP tightened its hold over North Waziristan.",
     [affirmed(TTP, "controls", "North Waziristan")]),
    ("The TTP's control over Khyber lasted four years.",
     [affirmed(TTP, "controls", "Khyber")]),
    # an alliance against a third party is hostility to it
    ("The BLA and the BLF united against the Pakistani state.",
     [affirmed(BLA, "hostile_to", "Pakistan"),
      affirmed(BLF, "hostile_to", "Pakistan")]),
    ("Lashkar-e-Islam teamed up with the Pakistani army against the TTP.",
     [affirmed(LEI, "hostile_to", TTP), affirmed(LEI, "cooperates_with", "Pakistan Army")]),
    ("The BLA sided with the BLF against the Pakistani army.",
     [affirmed(BLA, "hostile_to", "Pakistan Army")]),
    ("Jaish-e-Mohammed aligned itself with the Taliban against the United States.",
     [affirmed("Jaish-e-Mohammed", "hostile_to", "United States")]),
    # a place that is home, host or base to a group: where it is based
    ("North Waziristan became a base for the Haqqani network.",
     [affirmed("Haqqani network", "based_in", "North Waziristan")]),
    ("Pakistan remains host to Lashkar-e-Taiba.", [affirmed(LET, "based_in", "Pakistan")]),
    ("Balochistan is a springboard for the BLA.", [affirmed(BLA, "based_in", "Balochistan")]),
    ("Kabul is home to the Taliban's leadership.", [affirmed("Taliban", "based_in", "Kabul")]),
    # hatred is hostility to what it is "of"/"for"
    ("ISKP shares their hatred of Shias.", [affirmed(ISKP, "hostile_to", "Shia Muslims")]),
    ("Lashkar-e-Jhangvi's hatred of Shias is well known.",
     [affirmed(LEJ, "hostile_to", "Shia Muslims")]),
    ("Lashkar-e-Taiba's contempt for India runs deep.",
     [affirmed(LET, "hostile_to", "India")]),
]


@pytest.mark.parametrize(("text", "wanted"), CASES, ids=[c[0][:40] for c in CASES])
def test_prose_family(extractor, text, wanted):
    found = [r[:6] for r in claims(extractor, text)]  # the time is not what is tested
    for row in wanted:
        assert row[:6] in found, (row, found)


# The frames stay within their types: money from a state is no method used, forces
# that are no groups' do not cooperate as groups.
@pytest.mark.parametrize(("text", "unwanted"), [
    ("The BLA earned money from India.", "uses"),
    ("The province is home to 12 million people.", "based_in"),
    ("The army joined forces with the police in Karachi.", "cooperates_with"),
])
def test_prose_family_guard(extractor, text, unwanted):
    assert not [r for r in claims(extractor, text) if r.predicate == unwanted]


# "was reported in 2016 to have joined": the report verb's content, though the parser
# hung the "to" clause on it as an adverbial one - never the author's certainty
@pytest.mark.parametrize("text", [
    "In Nangarhar Lashkar-e-Islam was reported in 2016 to have joined forces with ISKP.",
    "Lashkar-e-Islam was said, in a 2017 UN report, to have joined forces with ISKP.",
    "Lashkar-e-Islam is reported since 2016 to have joined forces with ISKP.",
])
def test_raised_report_infinitive(extractor, text):
    found = [r for r in claims(extractor, text) if r.predicate == "cooperates_with"]
    assert found and all(r.modality == "reported" for r in found), found


# Held ground or command given up is negated; struggled "for", it is a goal
@pytest.mark.parametrize(("text", "row"), [
    ("The TTP lost control over Khyber in 2008.",
     (TTP, "controls", "Khyber", "negated", "asserted")),
    ("The TTP lost its grip on North Waziristan.",
     (TTP, "controls", "North Waziristan", "negated", "asserted")),
    ("Mangal Bagh lost the leadership of Lashkar-e-Islam in 2008.",
     ("Mangal Bagh", "leads", LEI, "negated", "asserted")),
    ("The TTP fought for control of Khyber.",
     (TTP, "controls", "Khyber", "affirmed", "hypothetical")),
    ("The TTP and the army battled for control over Khyber.",
     (TTP, "controls", "Khyber", "affirmed", "hypothetical")),
    ("Lashkar-e-Islam is locked in a struggle for control of Bajaur.",
     (LEI, "controls", "Bajaur", "affirmed", "hypothetical")),
])
def test_held_ground_lost_or_sought(extractor, text, row):
    found = [r[:5] for r in claims(extractor, text) if r.predicate == row[1]]
    assert row in found and all(r[3:] == row[3:] for r in found), found
