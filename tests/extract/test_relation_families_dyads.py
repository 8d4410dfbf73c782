"""Group-group dyads as conflict-data actor descriptions write them, and roles held
relative to a person: reciprocal verbs with conjoined subjects ("the TTP and ISKP
clashed"), hostility adjectives ("hostile to", "opposed to"), umbrella nouns ("a member of
the BRAS alliance"), "his deputy, X" (in the group the possessor leads), "X, one of the
TTP's commanders". Each case states every claim of its families the sentence gives."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, TTP, affirmed, claims

BRAS = "Baloch Raaji Aajoi Sangar"
LEI = "Lashkar-e-Islam"
FAMILIES = ("fights", "rival_of", "hostile_to", "member_of", "part_of", "leads",
            "cooperates_with", "allied_with")

RECIPROCAL = [
    ("Fighters of the Taliban and ISKP clashed in Nangarhar.",
     [affirmed("Taliban", "fights", ISKP)]),
    ("The TTP and Lashkar-e-Islam have clashed repeatedly in Tirah.",
     [affirmed(TTP, "fights", LEI)]),
    ("The BLA and the BLF skirmished in Kech in 2019.",
     [affirmed(BLA, "fights", BLF, start="2019")]),
    ("The TTP and ISKP compete for recruits in Bajaur.",
     [affirmed(TTP, "rival_of", ISKP)]),
    # fighting side by side is no fight between them
    ("The TTP and the Taliban fought in Afghanistan.", []),
]

HOSTILE = [
    ("ISKP is hostile to the Taliban.", [affirmed(ISKP, "hostile_to", "Taliban")]),
    ("Lashkar-e-Jhangvi is opposed to Iran.",
     [affirmed("Lashkar-e-Jhangvi", "hostile_to", "Iran")]),
    ("ISKP remains implacably opposed to the Taliban government.",
     [affirmed(ISKP, "hostile_to", "Taliban")]),
]

UMBRELLA = [
    ("The BLF is a member of the BRAS alliance.", [affirmed(BLF, "member_of", BRAS)]),
    ("The BLA joined the BRAS alliance in 2018.",
     [affirmed(BLA, "member_of", BRAS, start="2018")]),
    ("The BLA and the BLF are members of the BRAS coalition.",
     [affirmed(BLA, "member_of", BRAS), affirmed(BLF, "member_of", BRAS)]),
]

RELATIVE_ROLES = [
    ("Hafiz Saeed Khan led ISKP from 2015. His deputy, Abdul Rauf Khadim, was killed in a "
     "drone strike.",
     [affirmed("Hafiz Saeed Khan", "leads", ISKP, start="2015"),
      affirmed("Abdul Rauf Khadim", "member_of", ISKP)]),
    ("Noor Wali Mehsud leads the TTP. His predecessor, Mullah Fazlullah, was killed in a "
     "drone strike.",
     [affirmed("Noor Wali Mehsud", "leads", TTP), affirmed("Mullah Fazlullah", "leads", TTP)]),
    ("Masood Azhar founded Jaish-e-Mohammed in 2000. Azhar's brother, Abdul Rauf Asghar, "
     "runs its operations.",
     [affirmed("Masood Azhar", "leads", "Jaish-e-Mohammed", start="2000"),
      affirmed("Mufti Abdul Rauf Asghar", "member_of", "Jaish-e-Mohammed")]),
    # the possessor leads no group the report names: no guess
    ("Masood Azhar's deputy, Abdul Rauf Asghar, was arrested.", []),
    ("Qari Hussain, one of the TTP's top commanders, was killed in a drone strike.",
     [affirmed("Qari Hussain", "member_of", TTP)]),
    ("Omar Khalid Khorasani, one of the TTP's most powerful commanders, was arrested.",
     [affirmed("Omar Khalid Khorasani", "member_of", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), RECIPROCAL + HOSTILE + UMBRELLA + RELATIVE_ROLES)
def test_dyad_and_role_families(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)


DRIFT_AND_ENMITY = [
    ("The TTP has gravitated towards al-Qaeda.", [affirmed(TTP, "allied_with", "Al-Qaeda")]),
    ("Lashkar-e-Jhangvi could drift towards ISKP.",
     [affirmed("Lashkar-e-Jhangvi", "allied_with", ISKP, "possible")]),
    ("Jamaat-ul-Ahrar leaned towards the Islamic State.",
     [affirmed("Jamaat-ul-Ahrar", "allied_with", "Islamic State")]),
    # a move towards a place is no alliance
    ("The BLA moved towards Kech.", []),
    ("ISKP is the Taliban's bitterest enemy.", [affirmed(ISKP, "hostile_to", "Taliban")]),
    ("ISKP, which has been the Taliban's bitterest enemy, claimed the attack.",
     [affirmed(ISKP, "hostile_to", "Taliban")]),
    ("Tehreek-e-Jihad Pakistan is suspected by security officials of being a TTP front.",
     [affirmed("Tehreek-e-Jihad Pakistan", "part_of", TTP, "believed")]),
]


@pytest.mark.parametrize(("text", "expected"), DRIFT_AND_ENMITY)
def test_drift_and_enmity(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)


COMMAND = [
    # a group under another's command is part of it, never its leader
    ("Jamaat-ul-Ahrar operates under the command of the TTP.",
     [affirmed("Jamaat-ul-Ahrar", "part_of", TTP)]),
    ("The Haqqani network operates under the command of the Taliban.",
     [affirmed("Haqqani network", "part_of", "Taliban")]),
    ("The Haqqani network reports to the Taliban leadership.",
     [affirmed("Haqqani network", "affiliated_with", "Taliban")]),
    ("The TRF takes orders from Lashkar-e-Taiba.",
     [affirmed("The Resistance Front", "affiliated_with", "Lashkar-e-Taiba")]),
    ("The TTP was formed under the leadership of Baitullah Mehsud.",
     [affirmed("Baitullah Mehsud", "leads", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), COMMAND)
def test_command_and_subordination(extractor, text, expected):
    found = [r for r in claims(extractor, text)
             if r.predicate in ("part_of", "leads", "affiliated_with")]
    assert sorted(found) == sorted(expected)


AT_ODDS = [
    ("The TTP is at odds with ISKP.", [affirmed(TTP, "rival_of", ISKP)]),
    ("The TTP and ISKP have been at odds for years.", [affirmed(TTP, "rival_of", ISKP)]),
    ("The TTP and the Taliban are at loggerheads over the Durand Line.",
     [affirmed(TTP, "rival_of", "Taliban")]),
    ("Tensions between the TTP and Lashkar-e-Islam rose sharply.",
     [affirmed(TTP, "rival_of", LEI)]),
    # a name the parser hangs on the verb as a compound is still its subject
    ("The TTP competes with ISKP for recruits.", [affirmed(TTP, "rival_of", ISKP)]),
]


@pytest.mark.parametrize(("text", "expected"), AT_ODDS)
def test_at_odds(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)


ALLEGIANCE_TO_LEADERS = [
    ("The TTP has publicly renewed its pledge of allegiance to the Taliban's supreme "
     "leader, Hibatullah Akhundzada.", [affirmed(TTP, "affiliated_with", "Taliban")]),
    ("Abu Bakr al-Baghdadi led the Islamic State. Hafiz Saeed Khan swore allegiance to "
     "al-Baghdadi.", [affirmed("Hafiz Saeed Khan", "affiliated_with", "Islamic State")]),
    ("Hafiz Saeed Khan swore allegiance to Islamic State leader Abu Bakr al-Baghdadi.",
     [affirmed("Hafiz Saeed Khan", "affiliated_with", "Islamic State")]),
    # the report names no group the leader leads: no guess
    ("Hafiz Saeed Khan swore allegiance to Abu Bakr al-Baghdadi.", []),
]


@pytest.mark.parametrize(("text", "expected"), ALLEGIANCE_TO_LEADERS)
def test_allegiance_to_a_leader(extractor, text, expected):
    assert [r for r in claims(extractor, text) if r.predicate == "affiliated_with"] == expected
