"""Places, round five: where an incident happened and where a group is, in wordings of
our own (none copied from the corpus), three sentences a family.

Incidents: the finest place named, with the known district or province it lies in; an
unknown village kept by name and placed in the district its address names ("Kot village,
Kurram district"); "the city" of a report that named its city a sentence before; a
nationality adjective in front of a place is no part of the place's name.
Groups: "active in", "strongholds in", "based in", "operates from", "its sanctuaries in",
"X-based", "headquartered in", "hideouts in", "holds territory in", "its fighters in X",
"has a presence in", and the subject guard of a leader said to live abroad.
"""

from __future__ import annotations

import pytest
from claimrows import (
    BLA,
    ISKP,
    JEM,
    LET,
    TTP,
    affirmed,
    claims,
    incidents_in_order,
    negated,
    record,
)

from threatnet.extract.incident_dateline import find_dateline
from threatnet.model import EntityType

PUBLISHED = "2024-06-26"


def _placed(extractor, text: str) -> list[tuple[str, set[str]]]:
    """(incident's place, every place it occurred_in) for each incident in text order."""
    rec = record(extractor, text, published=PUBLISHED)
    names = {e.id: e.name for e in rec.entities}
    return [(names.get(i.incident.place), {names[c.object] for c in rec.claims
                                           if c.predicate == "occurred_in"
                                           and c.subject == i.id})
            for i in incidents_in_order(rec)]


# -- incidents ------------------------------------------------------------------------

FINEST_IN_ITS_PROVINCE = [
    ("Gunmen shot dead two policemen in Khyber Pakhtunkhwa's Lakki Marwat district on "
     "Tuesday.", "Lakki Marwat"),
    ("A roadside bomb struck a paramilitary convoy in Balochistan's Kech district, killing "
     "four soldiers.", "Kech"),
    ("Militants stormed a checkpost in Afghanistan's Kunar province overnight, killing six "
     "guards.", "Kunar"),
]

OUTSKIRTS_AND_NEAR = [
    ("A bomb exploded on the outskirts of Quetta on Monday, killing three labourers.",
     "Quetta"),
    ("Gunmen ambushed a police van on the outskirts of Peshawar, killing two constables.",
     "Peshawar"),
    ("A suicide bomber rammed a convoy near Mir Ali on Sunday, killing five soldiers.",
     "Mir Ali"),
    ("Militants ambushed a Levies patrol near Turbat, killing three men.", "Turbat"),
]

AREA_OF = [
    ("Gunmen attacked a checkpost in the Datta Khel area of North Waziristan, killing two "
     "soldiers.", "Datta Khel"),
    ("A bomb hit a passenger van in the Shakai area of South Waziristan, killing six.",
     "Shakai"),
    ("Insurgents raided a police station in the Tirah area of Khyber district.", "Tirah"),
]


@pytest.mark.parametrize(("text", "place"),
                         FINEST_IN_ITS_PROVINCE + OUTSKIRTS_AND_NEAR + AREA_OF)
def test_the_finest_place_named(extractor, text, place):
    [(found, _)] = _placed(extractor, text)
    assert found == place


VILLAGE_AND_ITS_DISTRICT = [
    ("Gunmen shot dead three labourers in Shergarh village, Kurram district, on Friday.",
     "Shergarh village", "Kurram"),
    ("Militants attacked a checkpost in Shinkai village of Kohat district on Friday, killing "
     "two guards.", "Shinkai village", "Kohat"),
    ("An IED killed three soldiers at Ghulam Khan in North Waziristan on Friday.",
     "Ghulam Khan", "North Waziristan"),
    # the pack's Kot lies in Nangarhar: the text's Kot, in Kurram, is a village of its own
    ("Gunmen shot dead three labourers in Kot village, Kurram district, on Friday.",
     "Kot", "Kurram"),
]


@pytest.mark.parametrize(("text", "village", "district"), VILLAGE_AND_ITS_DISTRICT)
def test_an_unknown_village_is_kept_and_placed_in_its_district(extractor, text, village,
                                                              district):
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    names = {e.id: e for e in rec.entities}
    place = names[incident.incident.place]
    assert (place.name, place.type, place.pack_id) == (village, EntityType.LOCATION, None)
    occurred = {names[c.object].name for c in rec.claims if c.predicate == "occurred_in"}
    assert occurred == {village, district}


THROUGH_A_NAMED_MARKET = [
    ("A blast ripped through the Meena Bazaar of Peshawar, killing 20 shoppers.",
     "Meena Bazaar", {"Meena Bazaar", "Peshawar"}),
    ("A car bomb tore through the crowded Moti Bazaar on Sunday, killing 30 people.",
     "Moti Bazaar", {"Moti Bazaar"}),
    ("An explosion tore through a mosque in Quetta during Friday prayers, killing 15 "
     "worshippers.", "Quetta", {"Quetta"}),
]


@pytest.mark.parametrize(("text", "place", "occurred"), THROUGH_A_NAMED_MARKET)
def test_a_blast_through_a_named_market_is_placed_there_never_a_person(extractor, text,
                                                                        place, occurred):
    rec = record(extractor, text, published=PUBLISHED)
    assert not [e for e in rec.entities if e.type == EntityType.PERSON]
    [(found, where)] = _placed(extractor, text)
    assert (found, where) == (place, occurred)


THE_CITY_NAMED_BEFORE = [
    ("Peshawar has suffered many attacks this year. On Monday a bomb killed nine people on "
     "the outskirts of the city.", "Peshawar"),
    ("Police in Quetta were on alert. On Tuesday gunmen shot dead two traders in the city.",
     "Quetta"),
    ("Bannu is a garrison town. On Friday militants attacked a checkpost on the edge of the "
     "town, killing two soldiers.", "Bannu"),
]


@pytest.mark.parametrize(("text", "place"), THE_CITY_NAMED_BEFORE)
def test_the_city_is_the_city_named_before(extractor, text, place):
    assert [p for p, _ in _placed(extractor, text)] == [place]


def test_the_city_with_no_city_named_before_is_no_place(extractor):
    text = "On Monday a bomb killed nine people on the outskirts of the city."
    assert [p for p, _ in _placed(extractor, text)] == [None]


PRESS_DATELINES = [
    ("Quetta, staff reporter — Gunmen shot dead two traders on Sunday, police said.",
     "Quetta"),
    ("LAHORE, Our Correspondent: A bomb killed three people at a bus stop on Monday.",
     "Lahore"),
    ("Peshawar (پشاور), monitoring desk — Militants attacked a checkpost on Tuesday night, "
     "killing two soldiers.", "Peshawar"),
]


@pytest.mark.parametrize(("text", "place"), PRESS_DATELINES)
def test_a_press_dateline_with_a_byline_places_the_story(extractor, text, place):
    found = find_dateline(text, PUBLISHED)
    assert found is not None and text[found.place_start:].startswith(found.place)
    rec = record(extractor, text, published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    names = {e.id: e.name for e in rec.entities}
    assert names[incident.incident.place] == place
    # the byline is no one's source
    assert all(c.source is None or c.source.text.casefold() in ("police",)
               for c in rec.claims)


def test_a_place_heading_places_the_item_under_it(extractor):
    text = ("Weekly security roundup\n\nBannu\nGunmen attacked a police station on Monday "
            "night, killing two constables.\n\nQuetta\nA bomb killed two traders at a "
            "market on Tuesday.\n\nTurbat, Kech\nGunmen shot dead a teacher on Wednesday.")
    assert [p for p, _ in _placed(extractor, text)] == ["Bannu", "Quetta", "Turbat"]


def test_a_heading_in_title_case_with_a_colon_is_no_dateline():
    assert find_dateline("Update: gunmen attacked a police station.", PUBLISHED) is None
    assert find_dateline("Bannu: the year in review", PUBLISHED) is None


NATIONALITY_BEFORE_A_PLACE = [
    ("Jaish al-Adl fighters are based in Pakistani Balochistan.",
     ("Jaish al-Adl", "based_in", "Balochistan")),
    ("The TTP keeps hideouts in Afghan Kunar.", (TTP, "operates_in", "Kunar")),
    ("Gunmen attacked a police post in Pakistani Balochistan on Monday.", None),
]


@pytest.mark.parametrize(("text", "triple"), NATIONALITY_BEFORE_A_PLACE)
def test_a_nationality_before_a_place_leaves_the_pack_place_linked(extractor, text, triple):
    rec = record(extractor, text, published=PUBLISHED)
    places = [e for e in rec.entities if e.type == EntityType.LOCATION]
    assert places and all(e.pack_id is not None for e in places)
    if triple is not None:
        names = {e.id: e.name for e in rec.entities}
        assert triple in {(names[c.subject], c.predicate, names[c.object])
                          for c in rec.claims}


# -- groups -----------------------------------------------------------------------------

GEOGRAPHY = ("operates_in", "based_in", "controls")

GROUP_PLACES = [
    # active in
    ("The BLA is active in Kech and Panjgur.",
     [affirmed(BLA, "operates_in", "Kech"), affirmed(BLA, "operates_in", "Panjgur")]),
    ("ISKP remains active in Kunar, officials say.",
     [affirmed(ISKP, "operates_in", "Kunar", "reported", "officials")]),
    ("Lashkar-e-Taiba has been active in Kashmir for three decades.",
     [affirmed(LET, "operates_in", "Kashmir")]),
    # strongholds in
    ("The TTP has strongholds in North Waziristan.",
     [affirmed(TTP, "operates_in", "North Waziristan")]),
    ("ISKP lost most of its strongholds in Nangarhar in 2019.",
     [affirmed(ISKP, "operates_in", "Nangarhar")]),
    ("The BLA still keeps strongholds in Kohlu.", [affirmed(BLA, "operates_in", "Kohlu")]),
    # based in
    ("The TTP is based in Afghanistan.", [affirmed(TTP, "based_in", "Afghanistan")]),
    ("Lashkar-e-Taiba, based in Muridke, runs a large seminary.",
     [affirmed(LET, "based_in", "Muridke")]),
    ("Jaish al-Adl is believed to be based in Pakistan.",
     [affirmed("Jaish al-Adl", "based_in", "Pakistan", "believed")]),
    # operates from
    ("The TTP operates from Kunar and Nuristan.",
     [affirmed(TTP, "based_in", "Kunar"), affirmed(TTP, "based_in", "Nuristan")]),
    ("The BLA operates from Afghanistan, Pakistan says.",
     [affirmed(BLA, "based_in", "Afghanistan", "reported", "Pakistan")]),
    # its sanctuaries in
    ("The TTP uses its sanctuaries in Afghanistan to plan attacks.",
     [affirmed(TTP, "operates_in", "Afghanistan")]),
    ("The BLA keeps sanctuaries in Afghanistan.",
     [affirmed(BLA, "operates_in", "Afghanistan")]),
    # X-based
    ("The Afghanistan-based TTP claimed the attack.",
     [affirmed(TTP, "based_in", "Afghanistan")]),
    ("Police arrested two members of the Muridke-based Lashkar-e-Taiba.",
     [affirmed(LET, "based_in", "Muridke")]),
    ("A Kunar-based faction of ISKP was blamed.", [affirmed(ISKP, "based_in", "Kunar")]),
    # headquartered in
    ("Jaish-e-Mohammed is headquartered in Bahawalpur.",
     [affirmed(JEM, "based_in", "Bahawalpur")]),
    ("Lashkar-e-Taiba, headquartered in Muridke, denies any role.",
     [affirmed(LET, "based_in", "Muridke")]),
    ("The BLA is said to be headquartered in Kandahar.",
     [affirmed(BLA, "based_in", "Kandahar", "reported")]),
    # hideouts in
    ("The army raided BLA hideouts in Kech.", [affirmed(BLA, "operates_in", "Kech")]),
    ("Pakistan struck TTP hideouts in Khost.", [affirmed(TTP, "operates_in", "Khost")]),
    ("ISKP used hideouts in Kunar to regroup.", [affirmed(ISKP, "operates_in", "Kunar")]),
    # holds territory in
    ("ISKP holds territory in Nangarhar.", [affirmed(ISKP, "controls", "Nangarhar")]),
    ("By 2009 the TTP held territory in Swat.", [affirmed(TTP, "controls", "Swat")]),
    ("The BLA does not hold territory in Balochistan.",
     [negated(BLA, "controls", "Balochistan")]),
    # its fighters in X
    ("The TTP's fighters in Kunar crossed the border.",
     [affirmed(TTP, "operates_in", "Kunar")]),
    ("ISKP's fighters in Nangarhar have been regrouping.",
     [affirmed(ISKP, "operates_in", "Nangarhar")]),
    ("The BLA's fighters in Kech ambushed a patrol.", [affirmed(BLA, "operates_in", "Kech")]),
    # has a presence in
    ("ISKP has a presence in Kunar.", [affirmed(ISKP, "operates_in", "Kunar")]),
    ("The BLA has a strong presence in Kech.", [affirmed(BLA, "operates_in", "Kech")]),
    ("Lashkar-e-Jhangvi maintains a presence in Quetta.",
     [affirmed("Lashkar-e-Jhangvi", "operates_in", "Quetta")]),
]

STILL_THERE = [
    # a place put first holds the clause's group; "continued" / "carried on" there
    ("In Balochistan, the BLA and the BLF remain the main threats.",
     [affirmed(BLA, "operates_in", "Balochistan"),
      affirmed("Balochistan Liberation Front", "operates_in", "Balochistan")]),
    ("In Khyber, Lashkar-e-Islam continued to fight government forces.",
     [affirmed("Lashkar-e-Islam", "operates_in", "Khyber")]),
    ("Despite the ban, Jaish-e-Mohammed carried on in Bahawalpur under another name.",
     [affirmed(JEM, "operates_in", "Bahawalpur")]),
    ("The BLA continued fighting in Kech despite the operation.",
     [affirmed(BLA, "operates_in", "Kech")]),
    # a group's man for a place
    ("ISKP's governor for Nangarhar was killed in a raid.",
     [affirmed(ISKP, "operates_in", "Nangarhar")]),
    ("The TTP's spokesman for Bajaur denied the report.",
     [affirmed(TTP, "operates_in", "Bajaur")]),
    ("The BLA's commander for Kech was killed on Monday.",
     [affirmed(BLA, "operates_in", "Kech")]),
    # "the X group in Y"
    ("Officials singled out the Lashkar-e-Islam group in Khyber.",
     [affirmed("Lashkar-e-Islam", "operates_in", "Khyber")]),
    ("The ISKP group in Kunar has shrunk.", [affirmed(ISKP, "operates_in", "Kunar")]),
    # no group goes on there: talks did; a denial about an attack is no place of the group
    ("Talks between the Taliban and the United States continued in Doha.", []),
    ("The TTP continued to deny any role in the Quetta attack.", []),
]

TAKING_GROUND = [
    ("Fazlullah, who led a brutal takeover of the Swat valley, fled to Afghanistan.",
     [affirmed("Mullah Fazlullah", "controls", "Swat"),
      affirmed("Mullah Fazlullah", "based_in", "Afghanistan")]),
    ("The Taliban's takeover of Kabul changed everything.",
     [affirmed("Taliban", "controls", "Kabul")]),
    ("ISKP's capture of Achin in 2015 alarmed officials.",
     [affirmed(ISKP, "controls", "Achin")]),
    ("After its seizure of Kunduz, the Taliban moved on Baghlan.",
     [affirmed("Taliban", "controls", "Kunduz")]),
    # a feared takeover is no fact; the capture of a man is no ground held
    ("Officials feared a Taliban takeover of Kabul.",
     [affirmed("Taliban", "controls", "Kabul", "hypothetical", "Officials")]),
    ("The army announced the capture of a TTP commander in Kunar.",
     [affirmed(TTP, "operates_in", "Kunar", "asserted", "The army")]),
]

SUBJECT_GUARDS = [
    # the leader lives abroad, not the group
    ("The BLA is a separatist group. Its leader, Bashir Zeb, is believed to live outside "
     "Pakistan.", [negated("Bashir Zeb Baloch", "based_in", "Pakistan", "believed")]),
    # the speaker's nationality is no place of the group
    ("An Afghan Taliban commander said the TTP operates in Kunar.",
     [affirmed(TTP, "operates_in", "Kunar", "reported", "An Afghan Taliban commander")]),
    ("Pakistani officials say the BLA is active in Kech.",
     [affirmed(BLA, "operates_in", "Kech", "reported", "Pakistani officials")]),
]


@pytest.mark.parametrize(("text", "expected"),
                         GROUP_PLACES + STILL_THERE + TAKING_GROUND + SUBJECT_GUARDS)
def test_group_places(extractor, text, expected):
    found = [r[:6] for r in claims(extractor, text) if r.predicate in GEOGRAPHY]
    assert sorted(found) == sorted(r[:6] for r in expected)  # the time is not read here
