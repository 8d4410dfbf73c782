"""Official usage writes the administrative unit or the facility before the name
("District Lakki Marwat", "tehsil Khar", "PS Burgai"): the name is the place, the facility
keeps its written name (extract/entities.py). Sentences of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text


def _typed(extractor, text: str) -> dict[str, str]:
    record = extractor.extract(document_from_text(text, "note.txt", "2022-12-19"))
    return {m.text: e.type.value for e in record.entities for m in e.mentions}


@pytest.mark.parametrize("text, place", [
    ("Militants attacked a checkpost in District Lakki Marwat on Monday.", "Lakki Marwat"),
    ("In Distt Bannu, gunmen killed two policemen on Sunday.", "Bannu"),
    ("A roadside bomb went off in Tehsil Bara on Friday.", "Bara"),
    ("Unknown men shot a shopkeeper in village Shakai overnight.", "Shakai"),
])
def test_the_name_after_a_unit_word_is_the_place(extractor, text, place):
    typed = _typed(extractor, text)
    assert typed.get(place) == "location", typed
    assert not any(k.split()[0].lower() in ("district", "distt", "tehsil", "village")
                   for k in typed), typed


@pytest.mark.parametrize("text, facility", [
    ("Terrorists attacked PS Burgai from three sides at night.", "PS Burgai"),
    ("A grenade was hurled at Thana Saddar in the evening.", "Thana Saddar"),
])
def test_a_facility_prefix_names_a_facility(extractor, text, facility):
    assert _typed(extractor, text).get(facility) == "infrastructure"
