"""A state's capital written as a place is the city; written as the state's voice or the
seat of its government it stays the state (extract/entities.py). Sentences of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text


def _names(extractor, text: str) -> dict[str, str]:
    record = extractor.extract(document_from_text(text, "note.txt", "2024-01-01"))
    return {m.text: e.type.value for e in record.entities for m in e.mentions}


@pytest.mark.parametrize("text, capital", [
    ("A bomb exploded outside a bank in Islamabad on Tuesday.", "Islamabad"),
    ("Gunmen killed two guards on the outskirts of Tehran.", "Tehran"),
    ("The police found explosives near New Delhi's main railway station, near New Delhi.",
     "New Delhi"),
    ("The cell was dismantled in a raid at a house in Dushanbe.", "Dushanbe"),
])
def test_a_capital_written_as_a_place_is_the_city(extractor, text, capital):
    assert _names(extractor, text).get(capital) == "location"


@pytest.mark.parametrize("text, capital", [
    ("Islamabad accused Kabul of sheltering the TTP.", "Islamabad"),
    ("The IMU set out to overthrow the government in Tashkent.", "Tashkent"),
    ("The authorities in Tehran blamed Jaish al-Adl for the attack.", "Tehran"),
    ("New Delhi has repeatedly denied backing Baloch separatists.", "New Delhi"),
])
def test_a_capital_as_the_state_stays_the_state(extractor, text, capital):
    assert _names(extractor, text).get(capital) == "state"


def test_an_incident_in_a_capital_happened_in_the_city(extractor):
    text = "A suicide bomber struck a police checkpoint in Islamabad on 23 December 2022."
    record = extractor.extract(document_from_text(text, "note.txt", "2023-01-01"))
    names = {e.id: e.name for e in record.entities}
    assert any(str(c.predicate) == "occurred_in" and names[c.object] == "Islamabad"
               for c in record.claims), [(names[c.subject], c.predicate, names[c.object])
                                         for c in record.claims]
