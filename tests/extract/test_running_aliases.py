"""A person's other name written after theirs in running text ("X (alias Y)", "X, also
known as Y") is the same person (extract/entities.py). Sentences of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text


def _persons(extractor, text: str) -> list[set[str]]:
    record = extractor.extract(document_from_text(text, "note.txt", "2024-01-01"))
    return [{e.name, *e.aliases} for e in record.entities if e.type.value == "person"]


@pytest.mark.parametrize("text, name, other", [
    ("Najmiddin Jalolov (alias Abu Yahya Muhammad Fatih) led the group until 2009.",
     "Najmiddin Jalolov", "Abu Yahya Muhammad Fatih"),
    ("Qari Hussain Mehsud, also known as Ustad-e-Fidayeen, trained bombers for the TTP.",
     "Hussain Mehsud", "Ustad-e-Fidayeen"),
    ("Police arrested Abdul Rehman Sindhi (a.k.a. Abu Talha) in Karachi on Monday.",
     "Abdul Rehman Sindhi", "Abu Talha"),
    ("The cell was run by Tariq Gidar, better known as Khalifa Tariq, until 2017.",
     "Tariq Gidar", "Khalifa Tariq"),
])
def test_both_names_are_one_person(extractor, text, name, other):
    persons = _persons(extractor, text)
    assert any(name in names and other in names for names in persons), persons


def test_a_later_use_of_the_other_name_is_the_same_person(extractor):
    text = ("Najmiddin Jalolov (alias Abu Yahya Muhammad Fatih) founded the group. "
            "Fatih was killed in North Waziristan in 2009.")
    persons = _persons(extractor, text)
    assert len(persons) == 1 and {"Najmiddin Jalolov", "Fatih"} <= persons[0], persons


def test_a_groups_other_name_makes_no_person(extractor):
    text = "Jamaat-ul-Ahrar (also known as JuA) claimed the attack in Peshawar."
    assert _persons(extractor, text) == []
