"""A group named after a person ("the Mangal Bagh faction") is led by that person, as
"Mangal Bagh's faction" is (extract/entities.py, relations.py). Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, person, group", [
    ("The Omar Khalid Khorasani faction attacked a police post in Mohmand in 2016.",
     "Omar Khalid Khorasani", "Omar Khalid Khorasani faction"),
    ("The Mangal Bagh faction controls much of Bara.", "Mangal Bagh", "Mangal Bagh faction"),
    ("Fighters of the Mangal Bagh group clashed with the Taliban in Nangarhar.",
     "Mangal Bagh", "Mangal Bagh group"),
])
def test_a_group_named_after_a_person_is_led_by_them(extractor, text, person, group):
    rows = claims(extractor, "Notes\n\n" + text, "2020-01-01")
    assert (person, "leads", group) in {r.triple for r in rows}, rows


def test_a_person_named_beside_a_group_leads_nothing(extractor):
    rows = claims(extractor, "Notes\n\nMangal Bagh said the TTP faction had attacked the "
                  "post.", "2020-01-01")
    assert not any(r.predicate == "leads" for r in rows), rows
