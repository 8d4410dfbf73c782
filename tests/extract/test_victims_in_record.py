"""Every victim an incident's claims name is an entity of the record, however the report
counts the same people for two references to one attack (extract/incident_claims.py).
Reports of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text

REPORTS = [
    "KABUL, Dec 6 - A suicide bomber struck a shrine in Kabul on Tuesday, killing 4 people "
    "and wounding 17. The Kabul blast came hours after the Kabul attack on a mosque, which "
    "killed 4 people and wounded 17, police said.",
    "QUETTA - Two bombs exploded in Quetta on Friday. The first blast killed 12 people near "
    "a market; the second, an hour later, killed 12 people at a hospital. The Quetta "
    "bombings were claimed by no group.",
    "A blast at a mosque in Peshawar killed 30 people. Another blast in Peshawar killed 30 "
    "people the next day, and the Peshawar attack was condemned by the government.",
]


@pytest.mark.parametrize("text", REPORTS)
def test_claims_name_only_entities_of_the_record(extractor, check_record, text):
    record = extractor.extract(document_from_text(text, "wire.txt", "2011-12-06"))
    check_record(record.to_dict(), text)


@pytest.mark.parametrize("text, group", [
    ("A bomber killed 40 people at a wedding in Kabul on Saturday, officials said, in an "
     "attack the Islamic State Khorasan Province said it had carried out.",
     "Islamic State Khorasan Province"),
    ("Six soldiers died on Monday in a raid the TTP said it had carried out near Bannu.",
     "Tehrik-i-Taliban Pakistan"),
    ("Four policemen were killed on Friday in an ambush which the BLA said its fighters "
     "had carried out in Kech district.", "Balochistan Liberation Army"),
])
def test_an_incident_a_group_said_it_carried_out_is_its_claim(extractor, text, group):
    record = extractor.extract(document_from_text(text, "wire.txt", "2021-05-03"))
    names = {e.id: e.name for e in record.entities}
    found = [(c.modality.value, c.source) for c in record.claims
             if str(c.predicate) == "perpetrated" and names[c.subject] == group]
    assert found and all(m == "alleged" for m, _ in found), \
        [(names[c.subject], c.predicate, names[c.object]) for c in record.claims]


@pytest.mark.parametrize("text, group", [
    ("On 26 April the Balochistan Liberation Army's suicide bombing at Karachi University "
     "killed three Chinese teachers.", "Balochistan Liberation Army"),
    ("In March 2023 the TTP's attack on the Karachi police office killed four people.",
     "Tehrik-i-Taliban Pakistan"),
])
def test_a_groups_own_deed_names_its_doer_even_when_the_pack_names_the_event(
        extractor, text, group):
    record = extractor.extract(document_from_text(text, "note.txt", "2023-05-13"))
    names = {e.id: e.name for e in record.entities}
    assert any(str(c.predicate) == "perpetrated" and names[c.subject] == group
               for c in record.claims), [(names[c.subject], c.predicate, names[c.object])
                                         for c in record.claims]


@pytest.mark.parametrize("text, denier", [
    ("ISKP said its fighters had fired rockets into Tajikistan on 7 May. Tajik border "
     "officials denied that any rockets had landed on Tajik soil.", "Tajikistan"),
    ("The TTP claimed the bombing of a bus in Quetta on Monday. Provincial officials "
     "denied that the bus had been carrying soldiers.", "Quetta"),
])
def test_denying_what_happened_is_no_denial_of_a_part_in_it(extractor, text, denier):
    record = extractor.extract(document_from_text(text, "note.txt", "2022-05-13"))
    assert not any(str(c.predicate) in ("perpetrated", "involved_in") and
                   c.polarity.value == "negated" for c in record.claims), \
        [(c.subject, c.predicate, c.polarity) for c in record.claims]


@pytest.mark.parametrize("text", [
    "The TTP claimed the bombing in Peshawar on Monday. The Afghan Taliban denied that they "
    "had any role in it.",
    "Gunmen attacked a police post in Bannu on Monday. The Hafiz Gul Bahadur group denied "
    "carrying out the attack.",
    "A bomb killed nine people in Quetta on Monday, and officials blamed Jaish al-Adl; the "
    "group denied any link.",
])
def test_a_denial_of_ones_own_part_is_still_read(extractor, text):
    record = extractor.extract(document_from_text(text, "note.txt", "2022-05-13"))
    assert any(str(c.predicate) in ("perpetrated", "involved_in") and
               c.polarity.value == "negated" for c in record.claims), \
        [(c.subject, c.predicate, c.polarity) for c in record.claims]
