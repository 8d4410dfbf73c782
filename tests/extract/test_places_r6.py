"""Places, round six: an incident's place and a group's geography in wordings of our own
(none copied from the corpus), three sentences a family.

Incidents: the place an incident is named after ("the Quetta bombing"), a country when
the deed's verb names no finer place ("killed by a roadside bomb in Afghanistan").
Groups: see the group families below.
"""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, TTP, claims, incidents_in_order, record

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


SAID_FROM_ELSEWHERE = [
    ("The TTP claimed the attack in a statement from Kabul after gunmen killed two "
     "policemen in Tank on Monday.", ["Tank"]),
    ("The BLA claimed the bombing in Turbat in a message sent from Afghanistan.", ["Turbat"]),
    ("In a video released from Kunar, ISKP claimed the blast that killed six people in "
     "Bajaur on Sunday.", ["Bajaur"]),
]


@pytest.mark.parametrize(("text", "places"), SAID_FROM_ELSEWHERE)
def test_the_place_a_claim_came_from_is_not_the_incident_s(extractor, text, places):
    assert [p for p, _ in _places(extractor, text)] == places


def test_a_said_noun_the_deed_struck_keeps_its_place(extractor):
    text = "A bomb went off at a press conference in Quetta on Monday, killing three."
    assert [p for p, _ in _places(extractor, text)] == ["Quetta"]


IN_A_KNOWN_COUNTRY = [
    # the pack's Pishin lies in Pakistan: this one, in Iran, is a town of its own
    "A suicide bomber struck a meeting of tribal elders in Pishin, Iran, killing 40 people.",
    "Gunmen shot dead four guards in Pishin, Iran, on Sunday.",
    "A bomb killed two policemen in Pishin, Iran, on Monday.",
]


@pytest.mark.parametrize("text", IN_A_KNOWN_COUNTRY)
def test_an_unknown_town_in_a_known_country_is_kept_by_name(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    place = {e.id: e for e in rec.entities}[incident.incident.place]
    assert (place.name, place.pack_id) == ("Pishin", None)


ROADS_NAMED_AFTER_PLACES = [
    ("Gunmen shot dead 14 bus passengers along the Makran Coastal Highway on Thursday.",
     "Makran Coastal Highway", {"Makran Coastal Highway"}),
    ("A roadside bomb hit a police van on Kohat Road in Peshawar on Monday.",
     "Kohat Road", {"Kohat Road", "Peshawar"}),
    ("A bomb exploded on the Quetta Chaman Highway on Friday, killing two.",
     "Quetta Chaman Highway", {"Quetta Chaman Highway"}),
]


ROADS_AND_TOWNS = [
    # a road between two towns, or a highway, runs through many places: the town named
    # with it is finer (a street is not: "on Mall Road in Lahore")
    ("A roadside IED struck a van on the Quetta-Sibi road near Mach on Friday.", "Mach"),
    ("Gunmen ambushed a bus on the Peshawar-Kohat road near Darra Adam Khel on Monday.",
     "Darra Adam Khel"),
    ("A bomb exploded on Mall Road in Lahore on Monday.", "Mall Road"),
]


@pytest.mark.parametrize(("text", "place"), ROADS_AND_TOWNS)
def test_a_town_named_with_a_road_between_towns_is_finer(extractor, text, place):
    assert [p for p, _ in _places(extractor, text)] == [place]


TOWNS_NAMED_WITH_THEIR_NOUN = [
    ("Assailants shot dead a lawyer outside his home in Quetta's Satellite Town on Sunday.",
     "Satellite Town"),
    ("Militants attacked a police post in Karachi's Orangi Town on Sunday.", "Orangi Town"),
    ("A grenade attack wounded four shopkeepers in Peshawar's Saddar Bazaar on Friday.",
     "Saddar Bazaar"),
]


@pytest.mark.parametrize(("text", "place"), TOWNS_NAMED_WITH_THEIR_NOUN)
def test_a_capitalised_town_noun_ends_the_name(extractor, text, place):
    assert [p for p, _ in _places(extractor, text)] == [place]


@pytest.mark.parametrize(("text", "place", "where"), ROADS_NAMED_AFTER_PLACES)
def test_a_road_named_after_a_place_is_not_in_that_place(extractor, text, place, where):
    assert _places(extractor, text) == [(place, where)]


# -- groups -----------------------------------------------------------------------------

GEOGRAPHY = ("operates_in", "based_in", "controls")


def _geo(extractor, text: str) -> set[tuple[str, str, str, str, str]]:
    return {(r.subject, r.predicate, r.object, r.polarity, r.modality)
            for r in claims(extractor, text) if r.predicate in GEOGRAPHY}


GROUP_FAMILIES = [
    # a participle the tagger makes an adjective
    ("TTP militants are largely concentrated in the border districts of Khyber "
     "Pakhtunkhwa.", (TTP, "operates_in", "Khyber Pakhtunkhwa")),
    ("BLA cells remain scattered across Kech.", (BLA, "operates_in", "Kech")),
    ("ISKP fighters are entrenched in the mountains of Kunar.", (ISKP, "operates_in", "Kunar")),
    # finding or seeking refuge
    ("ISKP found sanctuary in Kunar after the offensive.", (ISKP, "operates_in", "Kunar")),
    ("The BLA found a safe haven in Afghanistan.", (BLA, "operates_in", "Afghanistan")),
    ("Many TTP commanders took shelter in Paktika.", (TTP, "operates_in", "Paktika")),
    # a quarter of a place
    ("The TTP keeps bases in the south-east of Afghanistan.",
     (TTP, "operates_in", "Afghanistan")),
    ("The BLA has camps in the north of Helmand.", (BLA, "operates_in", "Helmand")),
    ("ISKP cells are active in the east of Nangarhar.", (ISKP, "operates_in", "Nangarhar")),
    # near a place
    ("Jaish al-Adl may regroup in the hills near Saravan.",
     ("Jaish al-Adl", "operates_in", "Saravan")),
    ("The BLF operates near Turbat.", (BLF, "operates_in", "Turbat")),
    ("ISKP remains active around Jalalabad.", (ISKP, "operates_in", "Jalalabad")),
    # roots
    ("The BLA has its roots in the Kohlu district.", (BLA, "operates_in", "Kohlu")),
    ("The TTP has deep roots in North Waziristan.", (TTP, "operates_in", "North Waziristan")),
    ("Lashkar-e-Islam's roots in Bara go back to 2004.", ("Lashkar-e-Islam", "operates_in",
                                                          "Bara")),
    # exile
    ("Hekmatyar spent the 1990s in exile in Iran.",
     ("Gulbuddin Hekmatyar", "based_in", "Iran")),
    ("The BLA leadership lives in exile in Afghanistan.", (BLA, "based_in", "Afghanistan")),
    ("Fazlullah went into exile in Afghanistan in 2009.",
     ("Mullah Fazlullah", "based_in", "Afghanistan")),
    # driven out
    ("The army drove the TTP out of Swat in 2009.", (TTP, "operates_in", "Swat")),
    ("Troops expelled Lashkar-e-Islam from Bara.", ("Lashkar-e-Islam", "operates_in", "Bara")),
    ("The Taliban pushed ISKP out of Jowzjan.", (ISKP, "operates_in", "Jowzjan")),
    # a whole country or most of a place held
    ("The Taliban now control all of Afghanistan.", ("Taliban", "controls", "Afghanistan")),
    ("The Taliban overran most of Afghanistan within weeks.",
     ("Taliban", "controls", "Afghanistan")),
    ("By 2015 ISKP held half of Achin.", (ISKP, "controls", "Achin")),
    # called a force of the place by the copula
    ("In Balochistan, he said, the BLA and the BLF were the main threats.",
     (BLF, "operates_in", "Balochistan")),
    ("In Makran, the BLF is the bigger player.", (BLF, "operates_in", "Makran")),
    ("In Kunar, ISKP remains a serious threat, officials said.",
     (ISKP, "operates_in", "Kunar")),
    # a place used as a base
    ("The TTP uses eastern Afghanistan as a base of operations.",
     (TTP, "based_in", "Afghanistan")),
    ("The BLA treats Helmand as a safe haven.", (BLA, "based_in", "Helmand")),
    ("ISKP has used Kunar as a launching pad for attacks.", (ISKP, "based_in", "Kunar")),
    # based out of
    ("The Haqqani network is based out of North Waziristan.",
     ("Haqqani network", "based_in", "North Waziristan")),
    ("Jaish al-Adl is said to be based out of Pakistan's Balochistan.",
     ("Jaish al-Adl", "based_in", "Balochistan")),
    ("The BLF is headquartered out of Turbat.", (BLF, "based_in", "Turbat")),
    # living across the border in a place
    ("Most of the BLF's fighters now live across the border in Iran.",
     (BLF, "based_in", "Iran")),
    ("TTP commanders shelter across the border in Afghanistan.",
     (TTP, "based_in", "Afghanistan")),
    ("Many ISKP men hide across the border in Pakistan.", (ISKP, "based_in", "Pakistan")),
    # named for the place it works in
    ("Police blamed the Kashmir-focused Hizbul Mujahideen for the attack.",
     ("Hizbul Mujahideen", "operates_in", "Kashmir")),
    ("The Punjab-centred Lashkar-e-Jhangvi has targeted Shias for decades.",
     ("Lashkar-e-Jhangvi", "operates_in", "Punjab")),
    ("The Afghanistan-focused Haqqani network denied involvement.",
     ("Haqqani network", "operates_in", "Afghanistan")),
    # a force's offensive in a place
    ("The army's offensive in North Waziristan began in June.",
     ("Pakistan Army", "operates_in", "North Waziristan")),
    ("The army launched an offensive in North Waziristan in June 2014.",
     ("Pakistan Army", "operates_in", "North Waziristan")),
    ("The Pakistani military's operation in Swat drove out the militants.",
     ("Pakistan Army", "operates_in", "Swat")),
]


@pytest.mark.parametrize(("text", "triple"), GROUP_FAMILIES)
def test_group_geography_families(extractor, text, triple):
    assert (*triple, "affirmed") in {r[:4] for r in _geo(extractor, text)}


GEOGRAPHY_GUARDS = [
    # a state over a state, a state over a group: no ground held
    "Pakistan controls the TTP, Kabul says.",
    "The ISI controls Afghanistan's Taliban.",
    # the roots of a conflict are no group's
    "The roots of the conflict in Balochistan go back decades.",
    # "fought near" a place is said only of groups, not of troops
    "Soldiers fought near Turbat on Monday.",
    # no threat there, or a threat compared: nothing said of where the group is
    "The TTP is not a threat in Punjab.",
    "Lashkar-e-Taiba is a bigger threat than Jaish-e-Mohammed in Kashmir.",
    # a group used as a proxy is no place; a border with no place named is none
    "Pakistan uses the TTP as a proxy.",
    "The TTP lives across the border.",
    # a state's crackdown names no force of it
    "Iran's crackdown in Zahedan angered residents.",
]


@pytest.mark.parametrize("text", GEOGRAPHY_GUARDS)
def test_geography_guards(extractor, text):
    assert not _geo(extractor, text)


PAIRED_FRONTED_PLACES = [
    # "In X, A, and in Y, B, …": each group acts in its own place, never in the other's
    ("In Khyber Pakhtunkhwa, the TTP, and in Balochistan, the BLA, have attacked Chinese "
     "nationals.", {(BLA, "operates_in", "Balochistan")}, {(BLA, "operates_in",
                                                            "Khyber Pakhtunkhwa")}),
    ("In Bajaur, the banned TTP, and in Panjgur, the banned BLF, have targeted Chinese "
     "nationals.", {(TTP, "operates_in", "Bajaur")},
     {(TTP, "operates_in", "Panjgur"), (BLF, "operates_in", "Bajaur")}),
    ("In Kurram, the TTP, and in Kohlu, the BLA, have threatened Chinese nationals.", set(),
     {(TTP, "operates_in", "Kohlu"), (BLA, "operates_in", "Kurram")}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), PAIRED_FRONTED_PLACES)
def test_paired_fronted_places_go_to_their_own_group(extractor, text, wanted, unwanted):
    found = {r[:3] for r in _geo(extractor, text)}
    assert wanted <= found and not unwanted & found
