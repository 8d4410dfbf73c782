"""Incident detection, round six: deeds told by verbs of a class the kind lexicon does
not list (entering by force, setting off a device, stopping a vehicle and killing),
several incidents in one noun phrase, an incident in a relative clause, the days of
timeline entries, and later references to an incident.

Each family has three differently worded passages of our own.
"""

from __future__ import annotations

import pytest
from claimrows import incidents_in_order, mention_texts, record, rows

PUBLISHED = "2024-05-12"  # a Sunday


def _kinds(rec) -> list[str]:
    return [e.incident.kind for e in incidents_in_order(rec)]


def _places(rec, incident) -> set[str]:
    names = {e.id: e.name for e in rec.entities}
    return {names[c.object] for c in rec.claims
            if c.predicate == "occurred_in" and c.subject == incident.id}


# -- entering by force: an armed doer into a facility ------------------------------

@pytest.mark.parametrize(("text", "place"), [
    ("Militants broke into a Frontier Corps camp in Zhob on 3 March and set the barracks "
     "on fire.", "Zhob"),
    ("On Tuesday night armed men entered a guest house in Herat and held its staff for "
     "six hours.", "Herat"),
    ("Masked gunmen barged into a girls' school in Chitral on Monday morning.", "Chitral"),
    ("Late on Saturday armed men entered the Serena Hotel in Kabul and took guests "
     "hostage.", "Kabul"),  # a named hotel the entity finder may type as an organisation
])
def test_an_armed_doer_entering_a_facility_is_an_incident(extractor, text, place):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert place in _places(rec, incident)


@pytest.mark.parametrize("text", [
    "The minister entered the parliament building in Islamabad on Monday.",
    "Thousands of pilgrims entered the shrine in Sehwan on Friday.",
    "Militants entered Afghanistan through the Kurram valley in 2014.",
])
def test_entering_without_an_armed_doer_or_a_facility_is_none(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert incidents_in_order(rec) == []


# -- setting off a device: a weapon as object of a verb of the explode class ---------

@pytest.mark.parametrize(("text", "place"), [
    ("Unknown men triggered an explosive device near a bus stop in Kulgam on Friday, "
     "wounding four people.", "Kulgam"),
    ("Insurgents set off a landmine under a supply truck in Kech on 9 April.", "Kech"),
    ("A remote-controlled bomb was triggered near a police van in Khar on Thursday.",
     "Khar"),
])
def test_a_device_set_off_is_a_bombing(extractor, text, place):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert incident.incident.kind == "bombing"
    assert place in _places(rec, incident)


# -- stopping a vehicle, then killing: the whole chain is the deed --------------------

@pytest.mark.parametrize(("text", "first"), [
    ("Armed men stopped a passenger bus near Gwadar on Thursday and shot dead seven "
     "labourers.", "stopped"),
    ("Gunmen halted three trucks on the highway near Kalat, ordered the drivers out and "
     "killed them on Friday.", "halted"),
    ("Militants intercepted a van near Parachinar on Monday, dragged out four teachers "
     "and shot them.", "intercepted"),
])
def test_the_first_verb_of_the_chain_is_a_mention(extractor, text, first):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert first in mention_texts(incident)


# -- several incidents in one noun phrase ---------------------------------------------

@pytest.mark.parametrize(("text", "places"), [
    ("India blamed the group for the attacks on the railway station in Jammu in March "
     "2019 and on a police post at Sopore in June 2020.", ("Jammu", "Sopore")),
    ("The TTP was behind the bombings of a market in Peshawar in May 2013 and of a "
     "church in Quetta in December 2017.", ("Peshawar", "Quetta")),
    ("Officials linked the outfit to the assaults on an army camp at Nagrota in "
     "November 2016 and on a police station in Srinagar in June 2017.",
     ("Nagrota", "Srinagar")),
])
def test_each_conjoined_phrase_of_a_plural_noun_is_an_incident(extractor, text, places):
    rec = record(extractor, text, published=PUBLISHED)
    incidents = incidents_in_order(rec)
    assert len(incidents) == 2
    for incident, place in zip(incidents, places, strict=True):
        assert place in _places(rec, incident)


@pytest.mark.parametrize("text", [
    "The attacks on police stations have risen since 2020.",
    "Attacks on Chinese nationals in Karachi and Gwadar continued through 2023.",
    "The group has stepped up attacks on the army and on the police.",
])
def test_a_plural_noun_without_dated_places_stays_none(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert len(incidents_in_order(rec)) <= 1


@pytest.mark.parametrize("text", [
    "In March 2021 the BLF claimed a wave of coordinated attacks on army posts in Panjgur "
    "and Noshki.",
    "The group was blamed for the simultaneous bombings of three churches in Lahore on "
    "15 March 2015.",
    "Officials attributed the near-simultaneous assaults on two police stations in Dera "
    "Ismail Khan on 12 December 2023 to the TTP.",
])
def test_a_plural_told_as_one_operation_is_one_incident(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert len(incidents_in_order(rec)) == 1


# -- an incident in a relative clause ---------------------------------------------------

@pytest.mark.parametrize(("text", "place"), [
    ("He praised the sort of raid the TTP mounted on the cantonment in Bannu in July "
     "2023.", "Bannu"),
    ("Analysts recalled the kind of assault the BLA carried out on the airport in "
     "Karachi in 2024.", "Karachi"),
    ("It was the type of suicide attack the group launched against the police lines in "
     "Peshawar in January 2023.", "Peshawar"),
])
def test_an_incident_noun_placed_by_its_relative_clause(extractor, text, place):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert place in _places(rec, incident)


# -- timeline entries: a weekday counts from the entry's date ------------------------

@pytest.mark.parametrize(("text", "dates"), [
    ("March 3, 2022: Gunmen fired on a wedding party in Mir Ali village on Thursday "
     "night, killing three guests.\n"
     "March 4: A grenade left by the gunmen exploded near the house on Friday morning, "
     "killing a boy.", ["2022-03-03", "2022-03-04"]),
    ("10 June 2021: Militants ambushed a police patrol near Tank on Thursday, killing "
     "two constables.\n"
     "12 June 2021: A bomb planted on the same road went off on Saturday, wounding a "
     "passer-by.", ["2021-06-10", "2021-06-12"]),
    ("August 7, 2019: Terrorists shot dead a shopkeeper in Sopore on Wednesday.\n"
     "August 8: An IED exploded near his shop on Thursday, injuring two policemen.",
     ["2019-08-07", "2019-08-08"]),
])
def test_weekdays_of_timeline_entries_count_from_the_entry(extractor, text, dates):
    rec = record(extractor, text, published=PUBLISHED)
    assert [e.incident.date for e in incidents_in_order(rec)] == dates


# -- later references ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "later"), [
    ("A former senator was stabbed to death at his home in Rawalpindi on 2 November. "
     "His son blamed the TTP for the murder.", "the murder"),
    ("Gunmen shot dead a lawyer in Quetta on Monday. Police said the murder bore the "
     "hallmarks of the BLA.", "the murder"),
    ("Militants killed a tribal elder in Kurram on Friday. The Taliban denied any role in "
     "the murder.", "the murder"),
    ("Two engineers abducted in Dir on 4 May were found dead a week later. Police said the "
     "episode bore the marks of the TTP.", "the episode"),
])
def test_the_murder_or_the_episode_refers_back(extractor, text, later):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert later in [m.casefold() for m in mention_texts(incident)]


# -- a group's deed against a known single site, dated ------------------------------

@pytest.mark.parametrize(("text", "month"), [
    ("Two years before, in May 2022, the same group had attacked Jinnah International "
     "Airport in Karachi.", "2022-05"),
    ("The TTP attacked the Police Training College Quetta in October 2016.", "2016-10"),
    ("ISKP fighters struck Hamid Karzai International Airport in August 2021.", "2021-08"),
])
def test_a_dated_deed_against_a_known_site_is_an_incident(extractor, text, month):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert incident.incident.date == month


def test_a_record_of_deeds_against_a_site_stays_a_relation(extractor):
    rec = record(extractor, "The BLA has repeatedly attacked the Chinese consulate in "
                 "Karachi.", published=PUBLISHED)
    assert incidents_in_order(rec) == []


@pytest.mark.parametrize(("text", "later"), [
    ("On 3 June 2011 twin suicide bombings struck a market in Peshawar, killing 34 "
     "people. The TTP claimed the bombings.", "the bombings"),
    ("The twin blasts at a shrine in Quetta in May 2016 killed 20 worshippers. No group "
     "said it had carried out the blasts.", "the blasts"),
    ("Near-simultaneous attacks on three police posts in Lakki Marwat on Sunday left "
     "six officers dead. Police blamed the TTP for the attacks.", "the attacks"),
])
def test_a_plural_refers_back_to_an_incident_told_in_the_plural(extractor, text, later):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert later in [m.casefold() for m in mention_texts(incident)]


def test_the_attacks_after_a_single_incident_stay_several(extractor):
    rec = record(extractor, "Gunmen shot dead two policemen in Bannu on Monday. The "
                 "attacks have grown more frequent since 2022.", published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert "the attacks" not in [m.casefold() for m in mention_texts(incident)]


# -- a dated name a reader gives an incident -----------------------------------------

@pytest.mark.parametrize(("text", "alias"), [
    ("The BLF claimed a March 2021 ambush on a convoy in Kech.", "March 2021 ambush"),
    ("It also claimed the 2014 siege of the airport in Karachi.", "2014 siege"),
    ("Officials recalled an October 2019 bombing at a market in Quetta.",
     "October 2019 bombing"),
])
def test_a_dated_noun_phrase_is_an_alias_of_its_incident(extractor, text, alias):
    rec = record(extractor, text, published=PUBLISHED)
    assert any(alias in e.aliases for e in incidents_in_order(rec))


def test_an_undated_kind_phrase_is_no_alias(extractor):
    rec = record(extractor, "A suicide bombing killed nine people in Quetta on Monday.",
                 published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert "suicide bombing" not in [a.casefold() for a in incident.aliases]


def test_a_group_s_deed_in_a_relative_clause_keeps_its_perpetrator(extractor):
    rec = record(extractor, "He praised the sort of raid the TTP mounted on the "
                 "cantonment in Bannu in July 2023.", published=PUBLISHED)
    assert any(r.predicate == "perpetrated" and r.subject == "Tehrik-i-Taliban Pakistan"
               for r in rows(rec))
