"""A subject of "neither … nor" negates what it does, for each of the two (extract/semantics.py).
Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, triple", [
    ("Neither the Balochistan Liberation Army nor the Balochistan Liberation Front has "
     "joined the Baloch Raaji Aajoi Sangar.",
     ("Balochistan Liberation Front", "member_of", "Baloch Raaji Aajoi Sangar")),
    ("Neither Hizbul Ahrar nor Jamaat-ul-Ahrar has returned to the TTP.",
     ("Hizbul Ahrar", "merged_into", "Tehrik-i-Taliban Pakistan")),
    ("Neither Iran nor India has backed the Jaish al-Adl, officials said.",
     ("Iran", "supports", "Jaish al-Adl")),
])
def test_neither_nor_negates_both(extractor, text, triple):
    rows = [r for r in claims(extractor, "Notes\n\n" + text, "2020-01-01") if r.triple == triple]
    assert rows and all(r.polarity == "negated" for r in rows), rows
