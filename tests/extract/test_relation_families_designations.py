"""Designations and listings as sanctions notices, court summaries and profiles write
them: passives whose agent the parser hangs on the complement ("is listed as a terrorist
organisation by the UK"), a list's owner ("placed on the UN sanctions list"), a
preposition hung on the object ("added X to its sanctions list"), and a profile's
subjectless lines ("Banned in Pakistan since 2001; designated … by the United States")."""

from __future__ import annotations

import pytest
from claimrows import BLA, TTP, affirmed, claims

JUA, LEJ = "Jamaat-ul-Ahrar", "Lashkar-e-Jhangvi"

CASES = [
    ("The BLA is listed as a terrorist organisation by the United Kingdom.",
     [affirmed("United Kingdom", "hostile_to", BLA)]),
    ("Jamaat-ul-Ahrar was placed on the UN sanctions list.",
     [affirmed("United Nations", "hostile_to", JUA)]),
    ("The UN Security Council added Jamaat-ul-Ahrar to its sanctions list.",
     [affirmed("UN Security Council", "hostile_to", JUA)]),
    ("The BLA, designated by the United States as a terrorist group, claimed the attack.",
     [affirmed("United States", "hostile_to", BLA)]),
    ("Lashkar-e-Jhangvi was outlawed by Pakistan.", [affirmed("Pakistan", "hostile_to", LEJ)]),
    # a profile's subjectless lines are about the group its heading names
    ("LASHKAR-E-JHANGVI (LeJ)\n\nSnapshot\nA Sunni sectarian militant organisation. Banned in "
     "Pakistan; designated a Foreign Terrorist Organization by the United States.",
     [affirmed("Pakistan", "hostile_to", LEJ), affirmed("United States", "hostile_to", LEJ)]),
    ("The BLA is a separatist group.\nDesignated a terrorist organisation by the United "
     "Kingdom.", [affirmed("United Kingdom", "hostile_to", BLA)]),
    ("The TTP is a militant group. Proscribed in Pakistan; listed by the UN.",
     [affirmed("Pakistan", "hostile_to", TTP), affirmed("United Nations", "hostile_to", TTP)]),
    # two groups before the line: whose line it is is a guess, so none
    ("TTP and BLA\n\nBanned in Pakistan.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_designations(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate == "hostile_to"]
    assert sorted(found) == sorted(expected)


def test_a_participle_of_a_clause_with_a_subject_is_no_profile_line(extractor):
    """ "Arrested by the CTD in 2019, Ahmed was …" is about Ahmed, not the group the
    report named before."""
    text = "The TTP is a militant group.\nBanned by Pakistan in 2008, the TTP moved to Kunar."
    found = [r.triple for r in claims(extractor, text) if r.predicate == "hostile_to"]
    assert found == [("Pakistan", "hostile_to", TTP)]
    text = "The TTP is a militant group.\nArrested by the police in 2019, Ahmed was released."
    assert not [r for r in claims(extractor, text) if r.predicate == "hostile_to"]
