"""Structure and tone of group-group relations: umbrella organisations, mergers and
absorptions, splits told as leaving one group to found another, headquarters (based, not
only active), and relations whose tone makes them no cooperation ("hostile relations",
"tense ties", "severed its ties"). Each case states every claim of these families."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, TTP, affirmed, claims

BRAS = "Baloch Raaji Aajoi Sangar"
JUA = "Jamaat-ul-Ahrar"
JEM = "Jaish-e-Mohammed"
FAMILIES = ("member_of", "merged_into", "splinter_of", "based_in", "operates_in",
            "cooperates_with", "allied_with", "rival_of", "part_of")

UMBRELLA = [
    ("BRAS is an umbrella organisation of several Baloch groups, including the BLA and the "
     "BLF.", [affirmed(BLA, "member_of", BRAS), affirmed(BLF, "member_of", BRAS)]),
    ("BRAS, an umbrella alliance that also includes the Baloch Republican Guards, was "
     "formed in 2018.", [affirmed("Baloch Republican Guards", "member_of", BRAS)]),
    ("BRAS is an umbrella group comprising the BLA and the BLF.",
     [affirmed(BLA, "member_of", BRAS), affirmed(BLF, "member_of", BRAS)]),
]

MERGERS = [
    ("Jamaat-ul-Ahrar announced its merger with the TTP.",
     [affirmed(JUA, "merged_into", TTP, "asserted", JUA)]),
    ("Lashkar-e-Islam was absorbed into the TTP.",
     [affirmed("Lashkar-e-Islam", "merged_into", TTP)]),
    ("Hizbul Ahrar was merged into the TTP.", [affirmed("Hizbul Ahrar", "merged_into", TTP)]),
    ("Jamaat-ul-Ahrar's return to the TTP surprised analysts.",
     [affirmed(JUA, "merged_into", TTP)]),
]

LEAVE_TO_FOUND = [
    ("A group of commanders left the TTP to form Jamaat-ul-Ahrar.",
     [affirmed(JUA, "splinter_of", TTP)]),
    ("Jamaat-ul-Ahrar was formed by commanders who left the TTP.",
     [affirmed(JUA, "splinter_of", TTP)]),
    ("Several commanders broke away from Jamaat-ul-Ahrar to form Hizbul Ahrar.",
     [affirmed("Hizbul Ahrar", "splinter_of", JUA)]),
    ("A clique of hardliners walked out of Sipah-e-Sahaba Pakistan and founded "
     "Lashkar-e-Jhangvi.",
     [affirmed("Lashkar-e-Jhangvi", "splinter_of", "Sipah-e-Sahaba Pakistan")]),
    ("Jamaat-ul-Ahrar grew quickly. Later a group of its commanders broke away to form "
     "Hizbul Ahrar.", [affirmed("Hizbul Ahrar", "splinter_of", JUA)]),
    # leaving talks founds no splinter
    ("The TTP left the talks to form a new front.", []),
]

HEADQUARTERS = [
    ("Jaish-e-Mohammed has its headquarters in Bahawalpur.",
     [affirmed(JEM, "based_in", "Bahawalpur")]),
    ("Jaish-e-Mohammed is a Deobandi group. The group's headquarters in Bahawalpur was "
     "sealed.", [affirmed(JEM, "based_in", "Bahawalpur")]),
    ("Lashkar-e-Taiba's headquarters at Muridke was raided.",
     [affirmed("Lashkar-e-Taiba", "based_in", "Muridke")]),
]

TONE = [
    ("Relations between the TTP and ISKP have been hostile.",
     [affirmed(TTP, "rival_of", ISKP)]),
    ("The TTP and ISKP have hostile relations.", [affirmed(TTP, "rival_of", ISKP)]),
    ("Ties between the Taliban and ISKP remain tense.", []),
    ("The TTP has strained ties with ISKP.", []),
    ("The TTP severed its ties with ISKP.", []),
    ("The Haqqani network maintains ties with al-Qaeda.",
     [affirmed("Haqqani network", "cooperates_with", "Al-Qaeda")]),
]


@pytest.mark.parametrize(("text", "expected"),
                         UMBRELLA + MERGERS + LEAVE_TO_FOUND + HEADQUARTERS + TONE)
def test_structure_families(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)
