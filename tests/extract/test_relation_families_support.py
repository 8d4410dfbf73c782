"""Support as dyad notes and profiles write it: a giving verb whose object noun the
parser joined to the receiver's name ("offered the TTP safe haven"), the haven then the
receiver's place, support nouns for the supporter ("a key facilitator for al-Qaeda"), and
reliance ("the TTP relies on the Afghan Taliban" - the one relied on supports)."""

from __future__ import annotations

import pytest
from claimrows import BLA, TTP, affirmed, claims

FAMILIES = ("supports", "operates_in", "uses")

CASES = [
    ("Al-Qaeda has long offered the TTP safe haven in Kunar.",
     [affirmed("Al-Qaeda", "supports", TTP), affirmed(TTP, "operates_in", "Kunar")]),
    ("The Taliban gave the TTP shelter in Kunar.",
     [affirmed("Taliban", "supports", TTP), affirmed(TTP, "operates_in", "Kunar")]),
    ("The Taliban provided sanctuary to the TTP in Kunar.",
     [affirmed("Taliban", "supports", TTP), affirmed(TTP, "operates_in", "Kunar")]),
    ("The Haqqani network is a key facilitator for al-Qaeda.",
     [affirmed("Haqqani network", "supports", "Al-Qaeda")]),
    ("The Haqqani network has long been a protector of al-Qaeda.",
     [affirmed("Haqqani network", "supports", "Al-Qaeda")]),
    ("The TTP relies on the Afghan Taliban for shelter.",
     [affirmed("Taliban", "supports", TTP)]),
    ("The BLA depends on Afghanistan for sanctuary.",
     [affirmed("Afghanistan", "supports", BLA)]),
    # relying on a weapon is using it, no support
    ("The TTP relies on drones.", [affirmed(TTP, "uses", "drones")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_support_families(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)
