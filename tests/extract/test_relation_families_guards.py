"""Precision guards of the noun-phrase families: an apposition after a coordination
describes the last conjunct ("the TTP and Lashkar-e-Islam, a Khyber-based group led by
Mangal Bagh"), a possessive inside a relative clause belongs to the clause's antecedent
("Jundallah, which collapsed after Iran executed its leader"), and a receiver the parser
joined to a given noun is still the receiver."""

from __future__ import annotations

import pytest
from claimrows import TTP, affirmed, claims

LEI = "Lashkar-e-Islam"
FAMILIES = ("leads", "based_in", "splinter_of", "supports", "rival_of")

CASES = [
    ("The TTP and Lashkar-e-Islam (LeI), a Khyber-based group led by Mangal Bagh, fought a "
     "protracted turf war over the Tirah valley.",
     [affirmed(LEI, "based_in", "Khyber"), affirmed("Mangal Bagh", "leads", LEI),
      affirmed(TTP, "rival_of", LEI)]),
    ("The TTP and Hizbul Ahrar, a JuA splinter, claimed the attack.",
     [affirmed("Hizbul Ahrar", "splinter_of", "Jamaat-ul-Ahrar")]),
    ("Jaish al-Adl was founded by former members of Jundallah, which collapsed after Iran "
     "executed its leader, Abdolmalek Rigi.",
     [affirmed("Jaish al-Adl", "splinter_of", "Jundallah"),
      affirmed("Abdolmalek Rigi", "leads", "Jundallah")]),
    ("The TTP fought Lashkar-e-Islam, which lost its leader, Mangal Bagh, in a drone strike.",
     [affirmed("Mangal Bagh", "leads", LEI)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_noun_phrase_guards(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)


MORE = [
    # a gapped second clause the parser folds into the object
    ("The groups retain separate leaderships, with Allah Nazar Baloch heading the BLF and "
     "Bashir Zeb the BLA.",
     [affirmed("Allah Nazar Baloch", "leads", "Balochistan Liberation Front"),
      affirmed("Bashir Zeb Baloch", "leads", "Balochistan Liberation Army")]),
    # a name ending in a unit noun ("Liberation Front") describes nothing
    ("Balochistan Liberation Front – Balochistan Liberation Army. The two are allies.", []),
]


@pytest.mark.parametrize(("text", "expected"), MORE)
def test_gapping_and_names(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in ("leads", "part_of")]
    assert sorted(found) == sorted(expected)


PARTNERS_AND_ENDINGS = [
    # in the passive a partner shares the theme, unless it follows the agent
    ("The BLF was listed together with the BLA as a terrorist organization by Pakistan.",
     [affirmed("Pakistan", "hostile_to", "Balochistan Liberation Front"),
      affirmed("Pakistan", "hostile_to", "Balochistan Liberation Army")]),
    # a relation that ends is no relation now
    ("In 2020, JuA and Hizbul Ahrar rejoined the TTP, ending their split.", []),
    ("The BLA and the BLF buried their rivalry in 2018.", []),
]


@pytest.mark.parametrize(("text", "expected"), PARTNERS_AND_ENDINGS)
def test_partners_and_endings(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in ("hostile_to", "rival_of")]
    assert sorted(found) == sorted(expected)
