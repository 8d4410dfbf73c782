"""Certainty of the relation families: views told in the passive ("is widely seen as a
front for X" is believed), a noun's "that" clause as its content ("no evidence that X
has …" negated, "allegations that …" alleged, "speculation that …" possible), hedges and
conditionals (hypothetical), and a claim cue that stays in its clause."""

from __future__ import annotations

import pytest
from claimrows import BLA, ISKP, TTP, affirmed, claims, negated

TRF, LET, JUA = "The Resistance Front", "Lashkar-e-Taiba", "Jamaat-ul-Ahrar"
FAMILIES = ("part_of", "cooperates_with", "supports", "allied_with", "splinter_of",
            "merged_into", "based_in", "operates_in")

VIEWS = [
    ("The Resistance Front is widely seen as a front for Lashkar-e-Taiba.",
     [affirmed(TRF, "part_of", LET, "believed")]),
    ("The Resistance Front is considered a front for Lashkar-e-Taiba.",
     [affirmed(TRF, "part_of", LET, "believed")]),
    ("Indian officials see TRF as a front for Lashkar-e-Taiba.",
     [affirmed(TRF, "part_of", LET, "believed", "Indian officials")]),
    # "has seen a rise in attacks" is no view of anyone's
    ("Pakistan has seen a rise in TTP attacks in Khyber Pakhtunkhwa.",
     [affirmed(TTP, "operates_in", "Khyber Pakhtunkhwa")]),
]

NOUN_CONTENT = [
    ("There is no evidence that ISKP has cooperated with the TTP.",
     [negated(ISKP, "cooperates_with", TTP)]),
    ("There is no evidence that the TTP has ever run a joint operation with ISKP.",
     [negated(TTP, "cooperates_with", ISKP)]),
    ("There is no evidence that the BLA has received funding from India.",
     [negated("India", "supports", BLA)]),
    ("Allegations that the BLA receives funding from India surfaced in 2020.",
     [affirmed("India", "supports", BLA, "alleged")]),
    ("There is speculation that ISKP has cooperated with Lashkar-e-Jhangvi.",
     [affirmed(ISKP, "cooperates_with", "Lashkar-e-Jhangvi", "possible")]),
    ("There are fears that ISKP could ally with the TTP.",
     [affirmed(ISKP, "allied_with", TTP, "hypothetical")]),
]

HEDGES = [
    ("If the talks fail, Jamaat-ul-Ahrar could break away from the TTP again.",
     [affirmed(JUA, "splinter_of", TTP, "hypothetical")]),
    ("Should relations sour, ISKP could ally with the TTP.",
     [affirmed(ISKP, "allied_with", TTP, "hypothetical")]),
    ("Jamaat-ul-Ahrar may rejoin the TTP.", [affirmed(JUA, "merged_into", TTP, "possible")]),
    ("Jamaat-ul-Ahrar has not merged into the TTP.", [negated(JUA, "merged_into", TTP)]),
    ("The TTP and ISKP are not allies.", [negated(TTP, "allied_with", ISKP)]),
    # the claim cue of one clause does not reach a relative clause of another
    ("The BLA claimed the attack, and Jamaat-ul-Ahrar, which split from the TTP, issued a "
     "statement.", [affirmed(JUA, "splinter_of", TTP)]),
    # an apposition's person is the subject, never "its" group
    ("The BLA is a separatist group. Its leader, Bashir Zeb, is believed to live outside "
     "Pakistan.", [negated("Bashir Zeb Baloch", "based_in", "Pakistan", "believed")]),
]


@pytest.mark.parametrize(("text", "expected"), VIEWS + NOUN_CONTENT + HEDGES)
def test_certainty_of_relation_families(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)


def test_a_modal_stays_in_its_clause(extractor):
    """ "X may have absorbed Y, and Z is based in W": the second clause has its own
    subject, which the first clause's "may" does not reach; an "if" still reaches both."""
    text = "The TTP may have absorbed Lashkar-e-Islam, and the BLA is based in Afghanistan."
    rows = {r.predicate: r.modality for r in claims(extractor, text)}
    assert rows == {"member_of": "possible", "based_in": "asserted"}
    text = ("If the talks fail, Jamaat-ul-Ahrar could break away from the TTP, and the BLA "
            "is based in Afghanistan.")
    rows = {r.predicate: r.modality for r in claims(extractor, text)}
    assert rows == {"splinter_of": "hypothetical", "based_in": "hypothetical"}
