"""Relations inside noun phrases: a describing noun whose modifier names the other group
("a JuA splinter", "a TTP front", "the BLA's suicide squad"), and a unit noun named by a
compound inside a group's possessive ("the TTP's Jamaat-ul-Ahrar faction", "its Punjab
chapter"). Each case states every claim its sentence must give."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, TTP, affirmed, claims

JUA = "Jamaat-ul-Ahrar"
RELATIONS = ("part_of", "splinter_of", "allied_with", "rival_of", "affiliated_with",
             "operates_in", "member_of", "leads")

DESCRIBING_NOUNS = [
    ("Hizbul Ahrar, a JuA splinter, claimed the attack.",
     [affirmed("Hizbul Ahrar", "splinter_of", JUA)]),
    ("Tehreek-e-Jihad Pakistan is a TTP front.",
     [affirmed("Tehreek-e-Jihad Pakistan", "part_of", TTP)]),
    ("The Majid Brigade, the BLA's suicide squad, claimed the attack.",
     [affirmed("Majid Brigade", "part_of", BLA)]),
    ("The BLF, a BLA ally, claimed the attack.",
     [affirmed(BLF, "allied_with", BLA)]),
    ("ISKP, a bitter Taliban rival, claimed the attack.",
     [affirmed(ISKP, "rival_of", "Taliban")]),
    ("The TTP and JuA were listed as affiliates of al-Qaeda.",
     [affirmed(TTP, "affiliated_with", "Al-Qaeda"), affirmed(JUA, "affiliated_with", "Al-Qaeda")]),
    # a nationality is no group: nothing
    ("The TTP is a Pakistani movement.", []),
]

NAMED_UNITS = [
    ("The TTP's Jamaat-ul-Ahrar faction claimed the attack.",
     [affirmed(JUA, "part_of", TTP)]),
    # a unit named after a place is a faction of its own (docs/actor-pack.md), part of its owner
    ("The TTP's Punjab chapter claimed the attack.",
     [affirmed("Punjab chapter", "part_of", TTP)]),
    ("The BLA is growing. Its Karachi cell planned the attack.",
     [affirmed(BLA, "operates_in", "Karachi")]),
    ("The Karachi cell of the BLA planned the attack.",
     [affirmed(BLA, "operates_in", "Karachi")]),
    # the owner of "the TTP's Orakzai faction" is the TTP, not Orakzai
    ("ISKP emerged from the TTP's Orakzai faction.",
     [affirmed(ISKP, "splinter_of", "Orakzai faction"),
      affirmed("Orakzai faction", "part_of", TTP)]),
]


def _relations(extractor, text):
    return sorted(r for r in claims(extractor, text) if r.predicate in RELATIONS)


@pytest.mark.parametrize(("text", "expected"), DESCRIBING_NOUNS + NAMED_UNITS)
def test_noun_phrase_relations(extractor, text, expected):
    assert _relations(extractor, text) == sorted(expected)


def test_possessive_owner_must_be_named_in_the_paragraph(extractor):
    """ "the party's armed wing" does not reach back into another paragraph for "the
    party" (a UN team named there)."""
    text = ("UN monitors report that the TTP is growing.\n\n"
            "Lashkar-e-Jhangvi was formed in 1996, and many analysts treat LeJ as the "
            "party's armed wing.")
    assert not [r for r in claims(extractor, text) if r.predicate == "part_of"]


POSSESSORS = [
    ("Baitullah Mehsud's TTP grew quickly.", [affirmed("Baitullah Mehsud", "leads", TTP)]),
    ("Masood Azhar's Jaish-e-Mohammed claimed the attack.",
     [affirmed("Masood Azhar", "leads", "Jaish-e-Mohammed")]),
    ("JuA rejoined the TTP together with Mangal Bagh's Lashkar-e-Islam.",
     [affirmed("Mangal Bagh", "leads", "Lashkar-e-Islam")]),
    # a state is no leader
    ("Pakistan's TTP is distinct from the Afghan Taliban.", []),
]


@pytest.mark.parametrize(("text", "expected"), POSSESSORS)
def test_possessor_leads(extractor, text, expected):
    assert sorted(r for r in claims(extractor, text) if r.predicate == "leads") == expected


def test_partner_of_a_deed_is_a_second_subject(extractor):
    """ "JuA returned to the TTP, together with LeI": LeI returned too, into the TTP, not
    into JuA."""
    text = "In 2015 JuA rejoined the TTP together with Mangal Bagh's Lashkar-e-Islam."
    merged = sorted(r.triple for r in claims(extractor, text) if r.predicate == "merged_into")
    assert merged == [(JUA, "merged_into", TTP), ("Lashkar-e-Islam", "merged_into", TTP)]


def test_named_as_the_governor(extractor):
    """ "named X the first governor of its new Khorasan province": X leads it, although
    the parser makes X a second complement."""
    text = ("The Islamic State expanded in 2014. In 2015 the Islamic State named Hafiz Saeed "
            "Khan the first governor of its new Khorasan province.")
    leads = [r.triple for r in claims(extractor, text) if r.predicate == "leads"]
    assert leads == [("Hafiz Saeed Khan", "leads", ISKP)]


NAMED_BY_APPOSITION = [
    ("Sipah-e-Sahaba Pakistan's armed wing, Lashkar-e-Jhangvi, carried out the attack.",
     [affirmed("Lashkar-e-Jhangvi", "part_of", "Sipah-e-Sahaba Pakistan")]),
    ("The BLA's suicide squad, the Majid Brigade, claimed the attack.",
     [affirmed("Majid Brigade", "part_of", BLA)]),
    # the noun's own name ("suicide squad") is not its owner
    ("The Majid Brigade is the suicide squad of the BLA.",
     [affirmed("Majid Brigade", "part_of", BLA)]),
]


@pytest.mark.parametrize(("text", "expected"), NAMED_BY_APPOSITION)
def test_unit_named_by_apposition(extractor, text, expected):
    assert _relations(extractor, text) == sorted(expected)


STANCES = [
    ("The pro-Taliban TTP claimed the attack.", [affirmed(TTP, "supports", "Taliban")]),
    ("The anti-Taliban ISKP claimed the attack.", [affirmed(ISKP, "hostile_to", "Taliban")]),
    ("The anti-Pakistan BLA claimed the attack.", [affirmed(BLA, "hostile_to", "Pakistan")]),
    # no actor carries the stance: nothing
    ("Anti-TTP protests erupted in Swat.", []),
]


@pytest.mark.parametrize(("text", "expected"), STANCES)
def test_stance_prefixes(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in ("supports", "hostile_to")]
    assert found == expected
