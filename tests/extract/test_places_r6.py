"""Places, round six: an incident's place and a group's geography in wordings of our own
(none copied from the corpus), three sentences a family.

Incidents: the place an incident is named after ("the Quetta bombing"), a country when
the deed's verb names no finer place ("killed by a roadside bomb in Afghanistan").
Groups: see the group families below.
"""

from __future__ import annotations

import pytest
from claimrows import incidents_in_order, record

PUBLISHED = "2024-06-26"


def _places(extractor, text: str) -> list[tuple[str | None, set[str]]]:
    """(incident's place, every place it occurred_in) for each incident in text order."""
    rec = record(extractor, text, published=PUBLISHED)
    names = {e.id: e.name for e in rec.entities}
    return [(names.get(i.incident.place), {names[c.object] for c in rec.claims
                                           if c.predicate == "occurred_in"
                                           and c.subject == i.id})
            for i in incidents_in_order(rec)]


# -- incidents ------------------------------------------------------------------------

NAMED_AFTER_ITS_PLACE = [
    ("The Quetta bombing killed 12 people on Monday. No group claimed it.", "Quetta"),
    ("Police are still investigating the Peshawar blast, which killed four people on "
     "Tuesday.", "Peshawar"),
    ("The TTP claimed the Bannu attack on Sunday.", "Bannu"),
    ("Investigators linked last year's North Waziristan ambush to a local commander.",
     "North Waziristan"),
]


@pytest.mark.parametrize(("text", "place"), NAMED_AFTER_ITS_PLACE)
def test_an_incident_named_after_a_place_is_placed_there(extractor, text, place):
    [(found, where)] = _places(extractor, text)
    assert found == place and place in where


def test_a_facility_name_is_not_the_place_an_incident_is_named_after(extractor):
    # "Kabul" names the university, which the body of the report places
    text = ("Kabul University attack: toll rises\n\nGunmen stormed Kabul University on "
            "Monday, killing 22 students.")
    assert len(_places(extractor, text)) == 1


ONLY_A_COUNTRY = [
    ("A senior TTP commander was killed by a roadside bomb in Afghanistan on Monday.",
     "Afghanistan"),
    ("Gunmen shot dead two Pakistani engineers in Iran on Sunday.", "Iran"),
    ("A former BLA commander was assassinated in Afghanistan last week.", "Afghanistan"),
]


@pytest.mark.parametrize(("text", "place"), ONLY_A_COUNTRY)
def test_a_country_places_a_deed_its_verb_puts_there(extractor, text, place):
    [(found, where)] = _places(extractor, text)
    assert (found, where) == (place, {place})


def test_a_finer_place_wins_over_the_country(extractor):
    text = "Gunmen shot dead two engineers in Kunar province, Afghanistan, on Sunday."
    assert [p for p, _ in _places(extractor, text)] == ["Kunar"]


def test_a_country_under_a_noun_is_no_place(extractor):
    # feared strikes, and who struck, are no place of the deed
    for text in ("Officials warned of strikes in Afghanistan next month.",
                 "A commander was killed in a US drone strike on Monday."):
        assert all(p is None for p, _ in _places(extractor, text))
