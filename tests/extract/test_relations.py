"""Relations: each DESIGN predicate from the constructions reports use for it."""

from __future__ import annotations

import pytest
from claimrows import (
    ARMY,
    BLA,
    BLF,
    CHINESE,
    FC,
    ISKP,
    LET,
    TTP,
    affirmed,
    claims,
)

CASES = [
    # opposition
    ("The BLA targets Chinese nationals working on CPEC projects.",
     [affirmed(BLA, "targets", CHINESE)]),
    ("The BLA targets CPEC projects.",
     [affirmed(BLA, "targets", "China-Pakistan Economic Corridor")]),
    ("ISKP attacked the Taliban in Kabul.",
     [affirmed(ISKP, "attacks", "Taliban"), affirmed(ISKP, "operates_in", "Kabul")]),
    ("The Frontier Corps attacked the TTP in Tirah.",
     [affirmed(FC, "attacks", TTP)]),
    ("Pakistan has banned the TTP.", [affirmed("Pakistan", "hostile_to", TTP)]),
    ("The TTP rivals ISKP.", [affirmed(TTP, "rival_of", ISKP)]),
    ("The TTP fights ISKP in Kunar.",
     [affirmed(TTP, "fights", ISKP), affirmed(TTP, "operates_in", "Kunar")]),
    # capability
    ("The TTP possesses weaponized drones.",
     [affirmed(TTP, "possesses", "weaponized drones")]),
    ("The BLA uses suicide bombers and VBIEDs.",
     [affirmed(BLA, "uses", "suicide bombers"), affirmed(BLA, "uses", "VBIEDs")]),
    ("The Taliban supplied heavy weapons to the TTP.",
     [affirmed("Taliban", "supplies", TTP)]),
    ("Iran supplies rocket launchers to Jaish al-Adl.",
     [affirmed("Iran", "supplies", "Jaish al-Adl")]),
    # alignment
    ("The Haqqani network supports the TTP.",
     [affirmed("Haqqani network", "supports", TTP)]),
    ("The Taliban provided safe haven to the TTP.", [affirmed("Taliban", "supports", TTP)]),
    ("Iran provided support to Jaish al-Adl.", [affirmed("Iran", "supports", "Jaish al-Adl")]),
    ("The Taliban's support for the TTP worries Pakistan.",
     [affirmed("Taliban", "supports", TTP)]),
    ("The Taliban cooperate with the TTP.", [affirmed("Taliban", "cooperates_with", TTP)]),
    ("The BLF works with the BLA.", [affirmed(BLF, "cooperates_with", BLA)]),
    ("Observers noted growing cooperation between the BLA and the TTP.",
     [affirmed(BLA, "cooperates_with", TTP, "reported", "Observers")]),
    ("The TTP formed an alliance with Lashkar-e-Jhangvi.",
     [affirmed(TTP, "allied_with", "Lashkar-e-Jhangvi")]),
    ("The alliance between the BLA and the BLF strengthened in 2018.",
     [affirmed(BLA, "allied_with", BLF, start="2018")]),
    ("The TTP pledged allegiance to the Taliban.",
     [affirmed(TTP, "affiliated_with", "Taliban")]),
    ("The Taliban negotiated with the TTP in Kabul.",
     [affirmed("Taliban", "negotiates_with", TTP), affirmed("Taliban", "operates_in", "Kabul")]),
    ("BLA commanders met TTP leaders in Kandahar.",
     [affirmed(BLA, "meets_with", TTP), affirmed(BLA, "operates_in", "Kandahar")]),
    # structure: leads through role nouns and verbs
    ("The TTP's chief, Noor Wali Mehsud, met Taliban officials in Kabul.",
     [affirmed("Noor Wali Mehsud", "leads", TTP),
      affirmed("Noor Wali Mehsud", "meets_with", "Taliban")]),
    ("Bashir Zeb Baloch, the BLA's chief, met TTP commanders.",
     [affirmed("Bashir Zeb Baloch", "leads", BLA),
      affirmed("Bashir Zeb Baloch", "meets_with", TTP)]),
    ("Mufti Noor Wali Mehsud, the TTP's emir, visited Kabul.",
     [affirmed("Noor Wali Mehsud", "leads", TTP)]),
    ("Sirajuddin Haqqani leads the Haqqani network.",
     [affirmed("Sirajuddin Haqqani", "leads", "Haqqani network")]),
    ("Lashkar-e-Taiba was founded by Hafiz Muhammad Saeed.",
     [affirmed("Hafiz Muhammad Saeed", "leads", LET)]),
    # structure: part_of, splinter_of, merged_into
    ("The BLA's Majid Brigade attacked Chinese engineers in Gwadar.",
     [affirmed("Majid Brigade", "part_of", BLA), affirmed("Majid Brigade", "attacks", CHINESE),
      affirmed("Majid Brigade", "operates_in", "Gwadar")]),
    ("The BLA expanded its operations. The group's Majid Brigade attacked Chinese engineers.",
     [affirmed("Majid Brigade", "part_of", BLA), affirmed("Majid Brigade", "attacks", CHINESE)]),
    ("The BLA's Fateh Squad attacked the Frontier Corps.",
     [affirmed("Fateh Squad", "part_of", BLA), affirmed("Fateh Squad", "attacks", FC)]),
    ("Jamaat-ul-Ahrar broke away from the TTP in 2014.",
     [affirmed("Jamaat-ul-Ahrar", "splinter_of", TTP, start="2014")]),
    ("Hizbul Ahrar split from Jamaat-ul-Ahrar.",
     [affirmed("Hizbul Ahrar", "splinter_of", "Jamaat-ul-Ahrar")]),
    ("Jamaat-ul-Ahrar is a splinter of the TTP.",
     [affirmed("Jamaat-ul-Ahrar", "splinter_of", TTP)]),
    ("Jamaat-ul-Ahrar merged into the TTP in 2020.",
     [affirmed("Jamaat-ul-Ahrar", "merged_into", TTP, start="2020")]),
    ("Hizbul Ahrar returned to the TTP in 2020.",
     [affirmed("Hizbul Ahrar", "merged_into", TTP, start="2020")]),
    # geography
    ("The TTP is headquartered in Afghanistan.", [affirmed(TTP, "based_in", "Afghanistan")]),
    ("Lashkar-e-Taiba is based in Punjab.", [affirmed(LET, "based_in", "Punjab")]),
    ("The Kabul-based Taliban government rejected the accusation.",
     [affirmed("Taliban", "based_in", "Kabul")]),
    ("The Quetta-based BLA attacked the Frontier Corps.",
     [affirmed(BLA, "based_in", "Quetta"), affirmed(BLA, "attacks", FC)]),
    ("The BLA has sheltered in Afghanistan.", [affirmed(BLA, "based_in", "Afghanistan")]),
    ("The BLA operates in Balochistan and Sindh.",
     [affirmed(BLA, "operates_in", "Balochistan"), affirmed(BLA, "operates_in", "Sindh")]),
    # acting from a place is being based there
    ("The TTP operates from Afghanistan.", [affirmed(TTP, "based_in", "Afghanistan")]),
    ("The TTP has a strong presence in Kurram.", [affirmed(TTP, "operates_in", "Kurram")]),
    ("The TTP controls parts of Tirah.", [affirmed(TTP, "controls", "Tirah")]),
    # events
    ("Jaish-e-Mohammed perpetrated the Pulwama attack.",
     [affirmed("Jaish-e-Mohammed", "perpetrated", "Pulwama attack")]),
    ("ISKP claimed responsibility for the Kabul airport bombing.",
     [affirmed(ISKP, "perpetrated", "Kabul airport bombing", "alleged", "ISKP")]),
    ("Lashkar-e-Taiba was involved in the 2008 Mumbai attacks.",
     [affirmed(LET, "involved_in", "2008 Mumbai attacks", start="2008")]),
    # economy
    ("China invests in Gwadar Port.", [affirmed("China", "invests_in", "Gwadar Port")]),
    # passive voice with an agent
    ("Chinese engineers were attacked by the BLA in Dasu.",
     [affirmed(BLA, "attacks", CHINESE)]),
    ("The Frontier Corps was ambushed by TTP fighters.", [affirmed(TTP, "attacks", FC)]),
    # relative clauses
    ("The TTP, which operates in Khyber Pakhtunkhwa, attacked the Pakistan Army.",
     [affirmed(TTP, "operates_in", "Khyber Pakhtunkhwa"), affirmed(TTP, "attacks", ARMY)]),
    ("Lashkar-e-Taiba, which is based in Punjab, targets India.",
     [affirmed(LET, "based_in", "Punjab"), affirmed(LET, "targets", "India")]),
    ("The Haqqani network, led by Sirajuddin Haqqani, supports the TTP.",
     [affirmed("Sirajuddin Haqqani", "leads", "Haqqani network"),
      affirmed("Haqqani network", "supports", TTP)]),
    # conjunctions
    ("The BLA and the BLF attacked the Pakistan Army.",
     [affirmed(BLA, "attacks", ARMY), affirmed(BLF, "attacks", ARMY)]),
    ("The TTP attacked the Frontier Corps and the Pakistan Army.",
     [affirmed(TTP, "attacks", FC), affirmed(TTP, "attacks", ARMY)]),
    ("Chinese nationals have been targeted by the BLA and the TTP.",
     [affirmed(BLA, "targets", CHINESE), affirmed(TTP, "targets", CHINESE)]),
    # "groups like X", "X operatives"
    ("Groups like the TTP and ISKP operate in Afghanistan.",
     [affirmed(TTP, "operates_in", "Afghanistan"), affirmed(ISKP, "operates_in", "Afghanistan")]),
    ("BLA operatives attacked Chinese nationals.", [affirmed(BLA, "attacks", CHINESE)]),
    ("The Taliban have hosted TTP fighters since 2021.",
     [affirmed("Taliban", "supports", TTP, start="2021")]),
    # anaphora
    ("The BLA acquired armed drones. The group attacked the Frontier Corps in Kech.",
     [affirmed(BLA, "possesses", "armed drones"), affirmed(BLA, "attacks", FC)]),
    ("The TTP issued a statement. The group attacked the Frontier Corps in Bannu.",
     [affirmed(TTP, "attacks", FC)]),
    ("The TTP has expanded in Bajaur. It attacked the Frontier Corps.",
     [affirmed(TTP, "attacks", FC)]),
    ("The TTP attacked the Frontier Corps. It also targets Chinese nationals.",
     [affirmed(TTP, "attacks", FC), affirmed(TTP, "targets", CHINESE)]),
    ("The BLA bought armed drones. The group used the drones against the Frontier Corps.",
     [affirmed(BLA, "uses", "armed drones")]),
    ("Noor Wali Mehsud heads the TTP. He met Taliban officials in Kabul.",
     [affirmed("Noor Wali Mehsud", "leads", TTP),
      affirmed("Noor Wali Mehsud", "meets_with", "Taliban")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_relation(extractor, text, expected):
    got = claims(extractor, text)
    missing = [row for row in expected if row not in got]
    assert not missing, f"missing {missing}; extracted {got}"


@pytest.mark.parametrize(("text", "expected"), [
    ("The TTP attacked the Frontier Corps and the Pakistan Army.",
     [affirmed(TTP, "attacks", FC), affirmed(TTP, "attacks", ARMY)]),
    ("The BLA operates in Balochistan and Sindh.",
     [affirmed(BLA, "operates_in", "Balochistan"), affirmed(BLA, "operates_in", "Sindh")]),
    ("Sirajuddin Haqqani leads the Haqqani network.",
     [affirmed("Sirajuddin Haqqani", "leads", "Haqqani network")]),
    ("The TTP is headquartered in Afghanistan.", [affirmed(TTP, "based_in", "Afghanistan")]),
])
def test_no_extra_claims(extractor, text, expected):
    assert claims(extractor, text) == expected
