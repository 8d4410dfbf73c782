"""Places, titles and demonyms: a name is the pack's place only where the text agrees."""

from __future__ import annotations

from claimrows import record


def _entities(extractor, text: str) -> dict[str, tuple[str | None, str]]:
    return {e.name: (e.pack_id, str(e.type)) for e in record(extractor, text).entities}


def test_a_place_put_in_another_province_is_not_the_pack_place(extractor):
    # the pack's Kot is a district of Nangarhar
    found = _entities(extractor, "A bomb went off in Kot, in Kurram district, on Monday.")
    assert found["Kot"] == (None, "location")
    assert found["Kurram"][0] == "kurram"


def test_a_place_in_its_own_province_or_in_a_list_stays_linked(extractor):
    found = _entities(extractor, "ISKP held villages in Achin, Kot and Nazyan in Nangarhar.")
    assert found["Kot"][0] == "kot"
    assert found["Achin"][0] == "achin"


def test_a_longer_village_name_is_not_cut(extractor):
    found = _entities(extractor, "Gunmen stormed a school in Sheikh Kot on Friday.")
    assert found.get("Sheikh Kot") == (None, "location")
    assert "Kot" not in found


def test_an_unknown_village_is_a_place_not_a_person(extractor):
    found = _entities(extractor, "Militants torched a girls' school in Mamund village.")
    assert found.get("Mamund") == (None, "location")


def test_a_job_title_is_not_an_organisation(extractor):
    found = _entities(extractor, "The District Police Officer, Khalid Mehmood, said the TTP "
                                 "attacked the checkpoint.")
    assert not [n for n in found if n.startswith("District")]


def test_a_demonym_opening_an_organisation_name_is_no_state(extractor):
    rec = record(extractor, "Gul Agha, an Afghan Local Police member, was killed by the "
                            "Taliban.")
    names = {e.id: e.name for e in rec.entities}
    assert "Afghanistan" not in names.values()
    assert not [c for c in rec.claims if c.predicate == "member_of"]


def test_a_demonym_before_a_title_still_names_the_state(extractor):
    rec = record(extractor, "Afghan Defense Minister Mullah Mohammad Yaqoob visited Doha.")
    names = {e.id: e.name for e in rec.entities}
    assert "Afghanistan" in names.values()


def test_a_heading_names_nothing(extractor):
    found = _entities(extractor, "Background. Daniel Pearl was abducted in Karachi in 2002.\n")
    assert "Background" not in found
    assert found["Karachi"][0] == "karachi"
