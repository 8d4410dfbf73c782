"""Taking charge of a group is leading it: "took charge of", "was in charge of", "took the
reins of" (frames.yaml, the command nouns). Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, person, group", [
    ("Abdul Wali took charge of Jamaat-ul-Ahrar in 2017.", "Abdul Wali", "Jamaat-ul-Ahrar"),
    ("By 2015 Mangal Bagh was in charge of Lashkar-e-Islam.", "Mangal Bagh",
     "Lashkar-e-Islam"),
    ("Noor Wali Mehsud took the reins of the Tehrik-i-Taliban Pakistan in 2018.",
     "Noor Wali Mehsud", "Tehrik-i-Taliban Pakistan"),
])
def test_taking_charge_is_leading(extractor, text, person, group):
    rows = claims(extractor, "Notes\n\n" + text, "2024-01-01")
    assert (person, "leads", group) in {r.triple for r in rows}, rows


def test_a_legal_charge_leads_nothing(extractor):
    rows = claims(extractor, "Notes\n\nPakistan filed charges of terrorism financing "
                  "against Hafiz Saeed of Lashkar-e-Taiba.", "2024-01-01")
    assert not any(r.predicate == "leads" for r in rows), rows
