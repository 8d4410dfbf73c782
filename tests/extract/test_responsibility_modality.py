"""Taking responsibility is claiming: what the claimed attack did is the claimant's word,
never the author's certainty, however the claim is worded (active or passive; "claimed",
"accepted", "took", "assumed"). Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims

PUBLISHED = "2014-03-14"


@pytest.mark.parametrize("text, group, target", [
    ("Responsibility for the attack on the police station in Bannu was accepted by the "
     "Tehrik-i-Taliban Pakistan.", "Tehrik-i-Taliban Pakistan", "police station"),
    ("The Balochistan Liberation Front accepted responsibility for the attack on the gas "
     "pipeline in Dera Bugti.", "Balochistan Liberation Front", "gas pipeline"),
    ("Jaish al-Adl took responsibility for the ambush on border guards in Saravan.",
     "Jaish al-Adl", "border guards"),
    ("Lashkar-e-Jhangvi assumed responsibility for the attack on the bus.",
     "Lashkar-e-Jhangvi", "bus"),
])
def test_a_claimed_attack_is_the_claimants_word(extractor, text, group, target):
    rows = claims(extractor, "Notes\n\n" + text, PUBLISHED)
    told = [r for r in rows if r.subject == group]
    assert any(r.predicate in ("attacks", "perpetrated") for r in told), rows
    assert all(r.modality == "alleged" and r.source for r in told), told


def test_responsibility_for_something_else_is_no_claim(extractor):
    rows = claims(extractor, "Notes\n\nThe army took responsibility for the security of "
                  "the attacked school in Peshawar.", PUBLISHED)
    assert not any(r.modality == "alleged" for r in rows)
