"""A group that withdraws or retracts its claim denies the deed, in its own voice, beside the
claim it made (incidents.yaml, attribution.denial). Stories of our own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, group", [
    ("Gunmen killed 26 tourists near Pahalgam on Tuesday. A message in the name of The "
     "Resistance Front claimed the attack. Days later the group withdrew the claim, saying "
     "its accounts had been hacked.", "The Resistance Front"),
    ("A bomb killed five policemen in Quetta on Sunday. The Jamaat-ul-Ahrar claimed the "
     "bombing but retracted its claim a day later.", "Jamaat-ul-Ahrar"),
])
def test_a_withdrawn_claim_is_a_denial(extractor, text, group):
    rows = [r for r in claims(extractor, "Attack\n\n" + text, "2025-04-24")
            if r.subject == group and r.predicate == "perpetrated"]
    assert {(r.polarity, r.modality) for r in rows} == {("affirmed", "alleged"),
                                                        ("negated", "reported")}, rows


def test_withdrawing_troops_denies_nothing(extractor):
    rows = claims(extractor, "Attack\n\nA bomb killed five policemen in Quetta on Sunday. The "
                  "Balochistan Liberation Army claimed it. The army withdrew its troops from "
                  "the area.", "2025-04-24")
    assert not any(r.polarity == "negated" for r in rows), rows
