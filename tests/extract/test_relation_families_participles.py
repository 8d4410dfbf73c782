"""A fronted passive participle is about the subject of the clause it opens ("Banned by
Pakistan in 2008, the TTP …"; "Founded by Baitullah Mehsud, the TTP …"), never a second
verb the parser misread ("It fought …, then regrouped in X" keeps its subject). Also
"has access to" a weapon is possession."""

from __future__ import annotations

import pytest
from claimrows import TTP, affirmed, claims, negated

FAMILIES = ("hostile_to", "leads", "supports", "attacks", "operates_in", "possesses")

CASES = [
    ("Banned by Pakistan in 2008, the TTP moved to Kunar.",
     [affirmed("Pakistan", "hostile_to", TTP, start="2008")]),
    ("Founded by Baitullah Mehsud, the TTP united several factions.",
     [affirmed("Baitullah Mehsud", "leads", TTP)]),
    ("Backed by Iran, the Fatemiyoun Division fought in Syria.",
     [affirmed("Iran", "supports", "Fatemiyoun Division"),
      affirmed("Fatemiyoun Division", "operates_in", "Syria")]),
    ("Led by Noor Wali Mehsud, the TTP has regrouped.",
     [affirmed("Noor Wali Mehsud", "leads", TTP)]),
    ("Trained by al-Qaeda, TTP fighters became more lethal.",
     [affirmed("Al-Qaeda", "supports", TTP)]),
    ("The IMU is a militant group. It fought in Afghanistan, then regrouped in Waziristan.",
     [affirmed("Islamic Movement of Uzbekistan", "operates_in", "Afghanistan"),
      affirmed("Islamic Movement of Uzbekistan", "operates_in", "Waziristan")]),
    ("The TTP has access to American weapons.",
     [affirmed(TTP, "possesses", "American weapons")]),
    ("The BLA lacks access to heavy weapons.",
     [negated("Balochistan Liberation Army", "possesses", "heavy weapons")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fronted_participles(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)
