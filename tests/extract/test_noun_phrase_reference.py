"""Noun phrases that point at groups: a group noun with a proper modifier points back only
at a group whose name agrees ("the Baloch rebels" are never the TTP just named), and a
"namely" list names every group in it (extract/coref.py, arguments.py). Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, wrong", [
    ("The TTP has carried out dozens of attacks in Khyber Pakhtunkhwa this year. Afghan "
     "intelligence is believed to have backed the Baloch rebels.", "Tehrik-i-Taliban Pakistan"),
    ("The TTP was formed in 2007 in South Waziristan. Pakistan says the Sindhi insurgents "
     "are funded by India.", "Tehrik-i-Taliban Pakistan"),
    ("The Hizbul Mujahideen has lost most of its commanders. Pakistan's army says the Uyghur "
     "militants are sheltered by the Taliban.", "Hizbul Mujahideen"),
])
def test_a_modified_group_noun_is_not_another_group(extractor, text, wrong):
    rows = claims(extractor, "Notes\n\n" + text, "2024-01-01")
    last = text.rsplit(". ", 1)[1]
    assert not any(wrong in (r.subject, r.object) and r.predicate in ("supports",)
                   for r in rows), (last, rows)


def test_a_modified_group_noun_finds_the_group_it_names(extractor):
    rows = claims(extractor, "Notes\n\nThe Balochistan Liberation Army was founded around "
                  "2000. The TTP, a separate movement, was formed in 2007. Pakistan says the "
                  "Baloch insurgents are funded by India.", "2024-01-01")
    assert ("India", "supports", "Balochistan Liberation Army") in {r.triple for r in rows}, rows


def test_a_state_adjective_still_points_back(extractor):
    rows = claims(extractor, "Notes\n\nThe Lashkar-e-Taiba was founded in the 1990s. India "
                  "says the Pakistani group is funded by the ISI.", "2024-01-01")
    assert any(r.subject == "Lashkar-e-Taiba" or r.object == "Lashkar-e-Taiba"
               for r in rows if r.predicate == "supports"), rows


@pytest.mark.parametrize("text, groups", [
    ("Three groups, namely the TTP, the BLA and ISKP, are active in Balochistan.",
     ["Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army",
      "Islamic State Khorasan Province"]),
    ("Two outfits, namely the Balochistan Liberation Front and the Baloch Republican Guards, "
     "operate in Kech.", ["Balochistan Liberation Front", "Baloch Republican Guards"]),
])
def test_every_group_a_namely_list_names(extractor, text, groups):
    rows = claims(extractor, "Notes\n\n" + text, "2024-01-01")
    found = {r.subject for r in rows if r.predicate == "operates_in"}
    assert set(groups) <= found, rows


def test_a_modified_plural_is_every_group_it_agrees_with(extractor):
    rows = claims(extractor, "Notes\n\nIslamabad banned the Sindhudesh Revolutionary Army and "
                  "the Sindhudesh Liberation Army in 2020. The TTP was left alone. Pakistani "
                  "officials accuse Indian intelligence of funding the Sindhi groups.",
                  "2023-01-01")
    funded = {r.object for r in rows if r.predicate == "supports"}
    assert funded == {"Sindhudesh Revolutionary Army", "Sindhudesh Liberation Army"}, rows
