"""Who says and who does not: a subject of "neither … nor" negates what it does, and a
source is the subject nearest its speech verb, never a dateline the parser hung on it
(extract/semantics.py). Sentences of our own."""

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


def test_a_dateline_is_not_the_speaker(extractor):
    rows = claims(extractor, "Attack near Turbat\nQUETTA: Militants of the Balochistan "
                  "Liberation Army attacked a Frontier Corps post near Turbat, police said.",
                  "2021-05-04")
    deeds = [r for r in rows if r.subject == "Balochistan Liberation Army"]
    assert deeds and all(r.source == "police" for r in deeds), rows
